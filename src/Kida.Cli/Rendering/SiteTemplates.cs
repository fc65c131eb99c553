using Kida.Cli.Diagnostics;
using Kida.Cli.Site;
using Kida.Workers;

namespace Kida.Cli.Rendering;

/// <summary>
/// The site's template environment, and each page template compiled once up front: a broken or missing template
/// becomes a problem for the pages that use it, found before any rendering starts.
/// </summary>
internal sealed class SiteTemplates
{
    private readonly Dictionary<string, (Template? Template, TemplateException? Error)> _compiled = new(StringComparer.Ordinal);

    public SiteTemplates(SiteModel site)
    {
        Site = site;
        Environment = new TemplateEnvironment(new FileSystemLoader(site.TemplatesDirectory));
    }

    public SiteModel Site { get; }

    public TemplateEnvironment Environment { get; }

    /// <summary>The template of a page, or the problem to report for the page.</summary>
    public (Template? Template, Problem? Problem) For(SitePage page)
    {
        var (template, error) = Compile(page.TemplateName);
        if (template is not null) return (template, null);
        return (null, ProblemFor(Site, page, error!));
    }

    /// <summary>
    /// What to report for a page whose template failed to load: a template the page names that does not exist points at
    /// the page's <c>template:</c> line; any other error at the template's file and line.
    /// </summary>
    public static Problem ProblemFor(SiteModel site, SitePage page, TemplateException error)
    {
        if (error is TemplateNotFoundException nf && nf.Name == page.TemplateName && !nf.HasLocation)
        {
            // The page names a template that does not exist: point at the page's `template:` line.
            var text = File.ReadAllText(page.FullPath);
            return new Problem(page.DisplayPath, page.TemplateLine ?? 1, page.TemplateColumn ?? 1, nf.Reason)
            {
                SourceLine = Problem.LineOf(text, page.TemplateLine ?? 1),
                Hint = nf.Suggestion,
            };
        }
        return TemplateProblems.From(error, site.TemplatesDisplay, page.TemplateName);
    }

    public (Template? Template, TemplateException? Error) Compile(string name)
    {
        lock (_compiled)
        {
            if (_compiled.TryGetValue(name, out var known)) return known;
            (Template?, TemplateException?) result;
            try
            {
                result = (Environment.GetTemplate(name), null);
            }
            catch (TemplateException e)
            {
                result = (null, e);
            }
            _compiled[name] = result;
            return result;
        }
    }

    /// <summary>The static weight of a page's template (1.0 when it does not compile).</summary>
    public double StaticWeight(string name) => Compile(name).Template is { } t ? WorkerTuning.EstimateTemplateWeight(t) : 1.0;
}
