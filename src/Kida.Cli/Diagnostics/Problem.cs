using System.Globalization;
using System.Text;

namespace Kida.Cli.Diagnostics;

/// <summary>
/// One thing wrong with a site, pointing at a file (and a line and column when known). Printed as
/// <c>path:line:col: message</c> followed by the source line and a caret, so editors and CI logs can jump to it.
/// </summary>
internal sealed record Problem(string Path, int? Line, int? Column, string Message)
{
    /// <summary>The source line the caret points into, if known.</summary>
    public string? SourceLine { get; init; }

    /// <summary>A hint for fixing it (did-you-mean and the like).</summary>
    public string? Hint { get; init; }

    /// <summary>Where it was met, when that is not <see cref="Path"/> itself (the page whose template failed).</summary>
    public string? Note { get; init; }

    public string Location => Line is null
        ? Path
        : string.Create(CultureInfo.InvariantCulture, $"{Path}:{Line}:{Column ?? 1}");

    public string Format()
    {
        var sb = new StringBuilder();
        sb.Append(Location).Append(": ").Append(Message);
        if (Line is not null && SourceLine is not null)
        {
            var number = Line.Value.ToString(CultureInfo.InvariantCulture);
            var pad = new string(' ', number.Length);
            sb.Append('\n').Append(pad).Append(" |");
            sb.Append('\n').Append(number).Append(" | ").Append(SourceLine);
            sb.Append('\n').Append(pad).Append(" | ").Append(new string(' ', Math.Max(0, (Column ?? 1) - 1))).Append('^');
        }
        if (Hint is not null) sb.Append("\nhint: ").Append(Hint);
        if (Note is not null) sb.Append("\nnote: ").Append(Note);
        return sb.ToString();
    }

    public override string ToString() => Format();

    /// <summary>Line <paramref name="line"/> (1-based) of a text, without its line break; null past the end.</summary>
    public static string? LineOf(string text, int line)
    {
        var start = 0;
        for (var i = 1; i < line; i++)
        {
            var nl = text.IndexOf('\n', start);
            if (nl < 0) return null;
            start = nl + 1;
        }
        var end = text.IndexOf('\n', start);
        return (end < 0 ? text[start..] : text[start..end]).TrimEnd('\r');
    }
}
