namespace Kida.ChatTemplates;

/// <summary>
/// The input to a chat template is malformed: JSON that does not parse, a message that is not a dictionary or has no
/// <c>role</c>, a document that is not a dictionary, options that contradict each other (transformers' own
/// <c>ValueError</c>/<c>TypeError</c> cases), or a final message <c>continue_final_message</c> cannot continue.
/// </summary>
public sealed class ChatInputException : ChatTemplateException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and where (message index, key).</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public ChatInputException(string message, Exception? inner = null) : base(message, inner) { }
}
