using System.Diagnostics;
using System.Text;
using Kida.Cli.Diagnostics;
using Kida.Cli.Output;
using Kida.Cli.Site;
using Kida.Runtime.Values;
using Markdig;

namespace Kida.Cli.Rendering;

/// <summary>
/// Renders one page: reads its Markdown body again (bodies are not kept in memory), converts it, renders the
/// template straight into a temporary file and renames it over the output. Safe to call from many threads.
/// </summary>
public sealed class PageRenderer(SiteModel site, string outputRoot)
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public string OutputRoot { get; } = Path.GetFullPath(outputRoot);

    public PageOutcome Render(PageJob job)
    {
        var started = Stopwatch.GetTimestamp();
        var problem = job.Problem ?? Write(job);
        return new PageOutcome(job.Page, problem, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The variables a page's template sees: <c>page</c> (front matter, url, path, content) and <c>site</c>.</summary>
    public PyDict Context(SitePage page)
    {
        var values = new PyDict(page.Values.Count + 1);
        foreach (var (key, value) in page.Values) values[key] = value;
        values["content"] = page.Kind == ContentKind.Markdown ? new Markup(Markdown.ToHtml(ReadBody(page), Pipeline)) : Markup.Empty;
        return new PyDict(2) { ["page"] = values, ["site"] = site.Value };
    }

    /// <summary>Renders to a writer without touching the output folder (used by <c>kida tune</c>).</summary>
    public void RenderTo(TextWriter writer, PageJob job) => job.Template!.Render(writer, Context(job.Page));

    private Problem? Write(PageJob job)
    {
        var page = job.Page;
        var target = page.OutputPath is null ? null : OutputPaths.Resolve(OutputRoot, page.OutputPath);
        if (target is null) return new Problem(page.DisplayPath, null, null, $"output '{page.OutputPath}' would be outside the output folder; rejected");
        try
        {
            var context = Context(page);
            AtomicFileWriter.Write(target, writer => job.Template!.Render(writer, context));
            return null;
        }
        catch (TemplateException e)
        {
            return TemplateProblems.From(e, site.TemplatesDisplay, page.TemplateName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            return new Problem(page.DisplayPath, null, null, e.Message);
        }
    }

    private static string ReadBody(SitePage page)
    {
        var text = File.ReadAllText(page.FullPath, Encoding.UTF8);
        return page.BodyOffset <= text.Length ? text[page.BodyOffset..] : "";
    }
}
