using Kida.Diagnostics;

namespace Kida;

/// <summary>An error while rendering: bad operand types, division by zero, a failing filter, depth limits.</summary>
public class TemplateRuntimeException : TemplateException
{
    public TemplateRuntimeException(string reason, Exception? inner = null) : base(ErrorCode.RuntimeError, reason, inner) { }

    public TemplateRuntimeException(string code, string reason, Exception? inner = null) : base(code, reason, inner) { }
}
