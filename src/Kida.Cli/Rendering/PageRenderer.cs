using System.Text;
using Kida.Cli.Diagnostics;
using Kida.Cli.Output;
using Kida.Cli.Site;
using Kida.Runtime.Values;
using Kida.Workers;
using Markdig;

namespace Kida.Cli.Rendering;

/// <summary>
/// Turns a page into a render job — reading its Markdown body again (bodies are not kept in memory) — and writes a
/// rendered page atomically. Safe to call from many threads.
/// </summary>
internal sealed class PageRenderer(SiteModel site, string outputRoot)
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public string OutputRoot { get; } = Path.GetFullPath(outputRoot);

    /// <summary>The job for a page: its template and the variables <c>page</c> (front matter, url, path, content), <c>site</c> and <c>root</c> (see <see cref="RelativeRoot"/>).</summary>
    public RenderJob Job(PageJob job) => new(job.Template!, Context(job.Page));

    public PyDict Context(SitePage page) => Context(site, page);

    /// <summary>The variables a page of <paramref name="site"/> renders with; what <c>kida render</c> and <c>kida serve</c> both use.</summary>
    public static PyDict Context(SiteModel site, SitePage page)
    {
        var values = new PyDict(page.Values.Count + 1);
        foreach (var (key, value) in page.Values) values[key] = value;
        values["content"] = page.Kind == ContentKind.Markdown ? new Markup(Markdown.ToHtml(ReadBody(page), Pipeline)) : Markup.Empty;
        return new PyDict(3) { ["page"] = values, ["site"] = site.Value, ["root"] = RelativeRoot.For(page.OutputPath) };
    }

    /// <summary>Writes a rendered page over its output (temporary file, then rename); throws if it would leave the output folder.</summary>
    public void Write(PageJob job, string text)
    {
        var page = job.Page;
        var target = (page.OutputPath is null ? null : OutputPaths.Resolve(OutputRoot, page.OutputPath))
            ?? throw new InvalidOperationException($"output '{page.OutputPath}' would be outside the output folder; rejected");
        AtomicFileWriter.Write(target, text);
        EarlyNursery.AfterPage();
    }

    /// <summary>What to report for a page whose render (or write) threw.</summary>
    public Problem ProblemFor(PageJob job, Exception exception) => exception switch
    {
        TemplateException e => TemplateProblems.From(e, site.TemplatesDisplay, job.Page.TemplateName),
        _ => new Problem(job.Page.DisplayPath, null, null, exception.Message),
    };

    private static string ReadBody(SitePage page)
    {
        var text = File.ReadAllText(page.FullPath, Encoding.UTF8);
        return page.BodyOffset <= text.Length ? text[page.BodyOffset..] : "";
    }
}
