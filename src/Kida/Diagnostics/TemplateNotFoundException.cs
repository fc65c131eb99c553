using Kida.Diagnostics;

namespace Kida;

/// <summary>
/// A template name could not be resolved by the loader (code <see cref="ErrorCode.TemplateNotFound"/>; Jinja2's
/// <c>TemplateNotFound</c>). Raised by <see cref="TemplateEnvironment.GetTemplate"/> and
/// <see cref="ITemplateLoader.GetSource"/>, and while rendering by <c>extends</c>, <c>include</c> and <c>import</c>. The
/// reason says why (no such file, a refused name, no loader) and, for a file-system loader, which paths were searched;
/// <see cref="TemplateException.Suggestion"/> may hold a "did you mean" hint.
/// </summary>
public sealed class TemplateNotFoundException : TemplateException
{
    /// <summary>Creates the exception; custom loaders throw it from <see cref="ITemplateLoader.GetSource"/>.</summary>
    /// <param name="name">The name that was asked for.</param>
    /// <param name="reason">Why it was not found, e.g. <c>template 'x.html' not found in the database</c>.</param>
    public TemplateNotFoundException(string name, string reason) : this(name, reason, ErrorCode.TemplateNotFound)
    {
    }

    /// <summary>The same with another code: <see cref="ErrorCode.NoLoader"/> when the environment has no loader.</summary>
    internal TemplateNotFoundException(string name, string reason, string code) : base(code, reason)
    {
        Name = name;
    }

    /// <summary>The name that was asked for.</summary>
    public string Name { get; }
}
