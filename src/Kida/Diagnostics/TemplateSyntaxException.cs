using Kida.Diagnostics;

namespace Kida;

/// <summary>The template text cannot be lexed or parsed. Raised when the template is compiled.</summary>
public sealed class TemplateSyntaxException : TemplateException
{
    public TemplateSyntaxException(string reason, string code = ErrorCode.TemplateSyntax) : base(code, reason) { }
}
