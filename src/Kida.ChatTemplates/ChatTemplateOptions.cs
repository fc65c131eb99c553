namespace Kida.ChatTemplates;

/// <summary>
/// The arguments of one <see cref="ChatTemplate.Apply"/> call — transformers' <c>apply_chat_template(...)</c> keyword
/// arguments. Immutable; one instance may serve any number of calls from any thread.
/// </summary>
public sealed record ChatTemplateOptions
{
    /// <summary>The default options: no generation prompt, no tools, no documents, the system clock.</summary>
    public static ChatTemplateOptions Default { get; } = new();

    /// <summary>
    /// Pass <c>add_generation_prompt=True</c>: templates then append the header that starts an assistant turn.
    /// Cannot be combined with <see cref="ContinueFinalMessage"/>.
    /// </summary>
    public bool AddGenerationPrompt { get; init; }

    /// <summary>
    /// transformers' <c>continue_final_message</c>: the prompt ends inside the final message (usually a prefilled
    /// assistant reply) instead of closing it, so the model continues it. The output is cut where the final message's
    /// text ends, by transformers' rule (docs/chat-templates.md).
    /// </summary>
    public bool ContinueFinalMessage { get; init; }

    /// <summary>
    /// The <c>tools</c> variable: transformers' tool schema dictionaries
    /// (<c>{"type": "function", "function": {"name", "description", "parameters"}}</c>), e.g. from
    /// <see cref="ChatTools.From"/> or <see cref="ChatJson.Parse"/>. Null: the template sees <c>none</c>.
    /// </summary>
    public IReadOnlyList<object?>? Tools { get; init; }

    /// <summary>The <c>documents</c> variable for retrieval-augmented templates: dictionaries (usually <c>title</c> and <c>text</c>). Null: <c>none</c>.</summary>
    public IReadOnlyList<object?>? Documents { get; init; }

    /// <summary>
    /// Extra template variables (transformers' <c>**kwargs</c>, e.g. <c>enable_thinking</c>, <c>date_string</c>). They
    /// override special tokens of the same name. <c>messages</c>, <c>tools</c>, <c>documents</c> and
    /// <c>add_generation_prompt</c> may not be given here (Python refuses a keyword given twice).
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }

    /// <summary>
    /// Use the named template (<c>"default"</c>, <c>"tool_use"</c>, <c>"rag"</c>, …) instead of selecting by
    /// <see cref="Tools"/>/<see cref="Documents"/>. An unknown name raises <see cref="ChatTemplateNotFoundException"/>.
    /// </summary>
    public string? TemplateName { get; init; }

    /// <summary>The clock <c>strftime_now(format)</c> reads (local time of the provider's time zone). Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
