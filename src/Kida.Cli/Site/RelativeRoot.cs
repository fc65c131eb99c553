using System.Text;

namespace Kida.Cli.Site;

/// <summary>
/// The variable <c>root</c> every page sees: the relative path from the page's output file to the output folder,
/// ending in <c>/</c> — <c>./</c> for <c>index.html</c>, <c>../</c> for <c>blog/hello.html</c>, <c>../../</c> for
/// <c>about/team/index.html</c>. <c>{{ root }}{{ p.output }}</c> links to another page and
/// <c>{{ root }}style.css</c> to a static file, and both work from a server and opened from disk (<c>file://</c>).
/// </summary>
internal static class RelativeRoot
{
    public static string For(string? outputPath)
    {
        if (string.IsNullOrEmpty(outputPath)) return "./";
        var depth = outputPath.Count(c => c == '/');
        if (depth == 0) return "./";
        var sb = new StringBuilder(3 * depth);
        for (var i = 0; i < depth; i++) sb.Append("../");
        return sb.ToString();
    }
}
