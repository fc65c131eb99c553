namespace Kida.ChatTemplates;

/// <summary>
/// The chat template could not be compiled or rendered: a syntax error, an undefined attribute used in arithmetic, a
/// failing filter. The message names the template; the <see cref="Exception.InnerException"/> is the engine's
/// <see cref="TemplateException"/> with the line and column.
/// </summary>
public sealed class ChatTemplateRenderException : ChatTemplateException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, naming the template.</param>
    /// <param name="inner">The engine's exception.</param>
    public ChatTemplateRenderException(string message, TemplateException inner) : base(message, inner) { }

    /// <summary>The engine's exception, with <see cref="TemplateException.Line"/> and <see cref="TemplateException.Column"/>.</summary>
    public TemplateException TemplateError => (TemplateException)InnerException!;
}
