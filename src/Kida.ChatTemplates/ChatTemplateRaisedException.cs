namespace Kida.ChatTemplates;

/// <summary>
/// The chat template called <c>raise_exception(message)</c> (transformers' <c>jinja2.exceptions.TemplateError</c>):
/// typically the conversation breaks a rule of the model's prompt format, such as roles that do not alternate.
/// <see cref="Exception.Message"/> is exactly the template's message; the <see cref="Exception.InnerException"/> is the
/// engine's <see cref="TemplateRuntimeException"/> carrying the line and column of the call.
/// </summary>
public sealed class ChatTemplateRaisedException : ChatTemplateException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message the template passed to <c>raise_exception</c>.</param>
    /// <param name="inner">The located engine exception.</param>
    public ChatTemplateRaisedException(string message, Exception? inner = null) : base(message, inner) { }
}
