namespace Kida.Cli.Site;

/// <summary>
/// Splits a Markdown file into its YAML front matter and body. Front matter is a first line of exactly
/// <c>---</c>, then YAML, then a line of <c>---</c> or <c>...</c>.
/// </summary>
internal readonly record struct FrontMatter(string? Yaml, int BodyOffset)
{
    /// <summary>The file line the YAML starts on (the line after the opening <c>---</c>).</summary>
    public const int FirstYamlLine = 2;

    public static FrontMatter Split(string text)
    {
        var start = text.StartsWith('\uFEFF') ? 1 : 0;
        var firstEnd = text.IndexOf('\n', start);
        if (firstEnd < 0 || text.AsSpan(start, firstEnd - start).TrimEnd('\r') is not "---") return new(null, start);
        var lineStart = firstEnd + 1;
        while (lineStart <= text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            var end = lineEnd < 0 ? text.Length : lineEnd;
            var line = text.AsSpan(lineStart, end - lineStart).TrimEnd('\r');
            if (line is "---" or "...")
            {
                var yaml = text[(firstEnd + 1)..lineStart];
                return new(yaml, lineEnd < 0 ? text.Length : lineEnd + 1);
            }
            if (lineEnd < 0) break;
            lineStart = lineEnd + 1;
        }
        // An opening fence with no closing one: everything after it is YAML, so the parse error points into it.
        return new(text[(firstEnd + 1)..], text.Length);
    }
}
