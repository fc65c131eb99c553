using System.Text;
using Kida.Diagnostics;

namespace Kida;

/// <summary>
/// Base of every error the engine raises for something a user can cause. Holds data, not pre-formatted text:
/// <see cref="Message"/> is produced by one formatter from the reason, the location and the source line.
/// Lines and columns are 1-based.
/// </summary>
public abstract class TemplateException : Exception
{
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

    public string? TemplateName { get; private set; }
    public int? Line { get; private set; }
    public int? Column { get; private set; }

    /// <summary>A hint for fixing the error (did-you-mean, migration advice), if any.</summary>
    public string? Suggestion { get; init; }

    /// <summary>The source line the error points at, if the template source was known.</summary>
    public string? SourceLine { get; private set; }

    /// <summary>Templates being rendered when the error happened, outermost first (includes, extends, imports).</summary>
    public IReadOnlyList<string> TemplateStack { get; private set; } = [];

    public bool HasLocation => Line is not null;

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

    /// <summary>Formats as: <c>reason</c>, then <c>  --> name:line:col</c>, the source line and a caret.</summary>
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
