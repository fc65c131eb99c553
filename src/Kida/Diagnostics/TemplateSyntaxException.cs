using Kida.Diagnostics;

namespace Kida;

/// <summary>
/// The template text cannot be lexed or parsed, or is not a valid template (Jinja2's <c>TemplateSyntaxError</c>).
/// Raised when the template is compiled: by <see cref="TemplateEnvironment.GetTemplate"/> and
/// <see cref="TemplateEnvironment.FromString"/>, or while rendering when a template it extends or includes is compiled.
/// <see cref="TemplateException.Code"/> says which kind (<see cref="ErrorCode.LexerError"/>, <c>K-PAR-00x</c>,
/// <see cref="ErrorCode.TemplateSyntax"/>); the location points at the offending token.
/// </summary>
public sealed class TemplateSyntaxException : TemplateException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">What is wrong, without location.</param>
    /// <param name="code">The stable error code; default <see cref="ErrorCode.TemplateSyntax"/>.</param>
    public TemplateSyntaxException(string reason, string code = ErrorCode.TemplateSyntax) : base(code, reason) { }
}
