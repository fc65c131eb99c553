namespace Kida.ChatTemplates;

/// <summary>
/// A rendered prompt and the character ranges of it that the template marked as assistant-generated with
/// <c>{% generation %}…{% endgeneration %}</c> (transformers' <c>return_assistant_tokens_mask</c>, before tokenization).
/// </summary>
/// <param name="Text">The prompt, exactly as <see cref="ChatTemplate.Apply"/> returns it.</param>
/// <param name="AssistantSpans">The ranges of <paramref name="Text"/> produced by generation blocks, in output order.</param>
public sealed record ChatPrompt(string Text, IReadOnlyList<ChatSpan> AssistantSpans);
