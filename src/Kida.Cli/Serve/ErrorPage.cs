using System.Net;
using System.Text;
using Kida.Cli.Diagnostics;

namespace Kida.Cli.Serve;

/// <summary>
/// What <c>kida serve</c> shows instead of a broken page: the problem's location (file, line, column), the error as the
/// engine formats it (<see cref="TemplateException.Message"/>: reason, <c>--&gt; name:line:col</c>, the source line and the
/// caret), HTML-escaped, and the reload script, so fixing the file brings the page back.
/// </summary>
internal static class ErrorPage
{
    public static string For(TemplateException error, Problem problem, string? page, long version)
    {
        var title = error.GetType().Name + (error.Code.Length > 0 ? " " + error.Code : "");
        var where = problem.Line is null
            ? $"in <code>{E(problem.Path)}</code>"
            : $"in <code>{E(problem.Path)}</code>, line {problem.Line}, column {problem.Column ?? 1}";
        return Html(title, where, error.Message, page, version);
    }

    /// <summary>A problem found before rendering (bad front matter, a duplicate output) or a failure that is not the engine's.</summary>
    public static string For(Problem problem, string? page, long version) =>
        Html("Page failed", $"in <code>{E(problem.Location)}</code>", problem.Format(), page, version);

    public static string NotFound(string path, long version)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body>\n");
        sb.Append("<h1>Not found</h1>\n<p>No page and no static file at <code>").Append(E(path)).Append("</code>.</p>\n");
        sb.Append(ReloadScript.For(version)).Append("\n</body></html>\n");
        return sb.ToString();
    }

    private static string Html(string title, string where, string message, string? page, long version)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n");
        sb.Append("<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}h1{color:#b00020}")
            .Append("pre{background:#f6f6f6;border-left:4px solid #b00020;padding:1rem;overflow-x:auto}</style></head><body>\n");
        sb.Append("<h1>").Append(E(title)).Append("</h1>\n<p>").Append(where);
        if (page is not null) sb.Append(", while rendering <code>").Append(E(page)).Append("</code>");
        sb.Append("</p>\n<pre>").Append(E(message)).Append("</pre>\n");
        sb.Append("<p>kida serve reloads this page when a file of the site changes.</p>\n");
        sb.Append(ReloadScript.For(version)).Append("\n</body></html>\n");
        return sb.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
