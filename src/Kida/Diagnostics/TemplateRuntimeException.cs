using Kida.Diagnostics;

namespace Kida;

/// <summary>
/// An error while rendering: bad operand types, division by zero, a failing filter, depth limits (Jinja2's
/// <c>TemplateRuntimeError</c>). The template, line and column point at the failing expression; when a filter or
/// function threw, its exception is the <see cref="Exception.InnerException"/>. Throw it from your own filters and
/// functions to report a user error with the template location filled in.
/// </summary>
public class TemplateRuntimeException : TemplateException
{
    /// <summary>Creates the exception with code <see cref="ErrorCode.RuntimeError"/>.</summary>
    /// <param name="reason">What went wrong, without location (the engine adds it).</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public TemplateRuntimeException(string reason, Exception? inner = null) : base(ErrorCode.RuntimeError, reason, inner) { }

    /// <summary>Creates the exception with a specific code, such as <see cref="ErrorCode.DepthExceeded"/>.</summary>
    /// <param name="code">The stable error code, one of <see cref="ErrorCode"/>'s.</param>
    /// <param name="reason">What went wrong, without location (the engine adds it).</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public TemplateRuntimeException(string code, string reason, Exception? inner = null) : base(code, reason, inner) { }
}
