using System.Text;
using Kida.Diagnostics;

namespace Kida;

/// <summary>
/// Base of every error the engine raises for something a user can cause. Holds data, not pre-formatted text:
/// <see cref="Message"/> is produced by one formatter from the reason, the location and the source line.
/// Lines and columns are 1-based. Jinja2's <c>TemplateError</c>; catch it to handle every template error at once.
/// </summary>
/// <example>
/// <code>
/// try { html = env.Render("page.html", model); }
/// catch (TemplateException e)
/// {
///     // e.Message:  no filter named 'nosuch'
///     //               --> page.html:2:10
///     //               |
///     //             2 |   {{ x | nosuch }}
///     //               |          ^
///     log.LogError("{Code} in {Template} at line {Line}: {Reason}", e.Code, e.TemplateName, e.Line, e.Reason);
/// }
/// </code>
/// </example>
public abstract class TemplateException : Exception
{
    /// <summary>Creates the exception; derived types pass their code. The location is filled in by the engine.</summary>
    /// <param name="code">The stable error code, one of <see cref="ErrorCode"/>'s.</param>
    /// <param name="reason">What went wrong, without location.</param>
    /// <param name="inner">The underlying exception, if any (e.g. what a filter threw).</param>
    protected TemplateException(string code, string reason, Exception? inner = null)
        : base(reason, inner)
    {
        Code = code;
        Reason = reason;
    }

    /// <summary>Stable error code such as <c>K-RUN-001</c>.</summary>
    public string Code { get; }

    /// <summary>What went wrong, without location.</summary>
    public string Reason { get; }

    /// <summary>The template the error is in; null when unknown or for a template made from a string without a name (printed as <c>&lt;string&gt;</c>).</summary>
    public string? TemplateName { get; private set; }
    /// <summary>The 1-based line the error points at; null when the location is unknown.</summary>
    public int? Line { get; private set; }
    /// <summary>The 1-based column (character within the line) the error points at; null when the location is unknown.</summary>
    public int? Column { get; private set; }

    /// <summary>A hint for fixing the error (did-you-mean, migration advice), if any.</summary>
    public string? Suggestion { get; init; }

    /// <summary>The source line the error points at, if the template source was known.</summary>
    public string? SourceLine { get; private set; }

    /// <summary>
    /// Templates being rendered when the error happened, outermost first (includes, extends, imports). Not filled in
    /// yet: currently always empty; <see cref="TemplateName"/> names the template the error is in.
    /// </summary>
    public IReadOnlyList<string> TemplateStack { get; private set; } = [];

    /// <summary>Whether <see cref="Line"/> and <see cref="Column"/> are known.</summary>
    public bool HasLocation => Line is not null;

    /// <summary>The full message: the same text as <see cref="Format"/>.</summary>
    public override string Message => Format();

    /// <summary>Fills in the location once; later (outer) callers never overwrite a more precise one.</summary>
    internal TemplateException Locate(string? templateName, SourceSpan span, string? source)
    {
        if (Line is not null || !span.IsKnown)
        {
            TemplateName ??= templateName;
            return this;
        }
        TemplateName ??= templateName;
        Line = span.Line;
        Column = span.Column;
        if (source is not null) SourceLine = GetLine(source, span.Line);
        return this;
    }

    internal void PushTemplate(string? name)
    {
        if (name is null) return;
        var list = new List<string>(TemplateStack.Count + 1) { name };
        list.AddRange(TemplateStack);
        TemplateStack = list;
    }

    /// <summary>
    /// Formats as: <c>reason</c>, then <c>  --> name:line:col</c> (an unnamed template prints as <c>&lt;string&gt;</c>),
    /// the source line with its number and a caret under the column, and finally <c>hint: suggestion</c> when there is a
    /// <see cref="Suggestion"/>. Without a location only the reason, the template name and the hint are printed.
    /// </summary>
    public string Format()
    {
        var sb = new StringBuilder();
        sb.Append(Reason);
        if (Line is not null)
        {
            sb.Append('\n').Append("  --> ").Append(TemplateName ?? "<string>").Append(':').Append(Line).Append(':').Append(Column);
            if (SourceLine is not null)
            {
                var number = Line.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var pad = new string(' ', number.Length);
                sb.Append('\n').Append(pad).Append(" |");
                sb.Append('\n').Append(number).Append(" | ").Append(SourceLine);
                sb.Append('\n').Append(pad).Append(" | ").Append(new string(' ', Math.Max(0, (Column ?? 1) - 1))).Append('^');
            }
        }
        else if (TemplateName is not null)
        {
            sb.Append('\n').Append("  --> ").Append(TemplateName);
        }
        if (Suggestion is not null) sb.Append('\n').Append("hint: ").Append(Suggestion);
        return sb.ToString();
    }

    private static string? GetLine(string source, int line)
    {
        var start = 0;
        for (var i = 1; i < line; i++)
        {
            var nl = source.IndexOf('\n', start);
            if (nl < 0) return null;
            start = nl + 1;
        }
        var end = source.IndexOf('\n', start);
        var text = end < 0 ? source[start..] : source[start..end];
        return text.TrimEnd('\r');
    }
}
