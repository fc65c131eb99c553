namespace Kida.ChatTemplates;

/// <summary>
/// The base of every error this package raises: a missing or unknown chat template, a malformed configuration or GGUF
/// file, bad messages, a template that raised or failed. Catch this type to handle them all. When the template engine
/// reported the problem (a syntax error, a runtime error), its <see cref="TemplateException"/> — with template name,
/// line and column — is the <see cref="Exception.InnerException"/>.
/// </summary>
public class ChatTemplateException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong, naming the thing (file, template name, message index) at fault.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public ChatTemplateException(string message, Exception? inner = null) : base(message, inner) { }
}
