using Kida.Cli.Site;

namespace Kida.Cli.Serve;

/// <summary>
/// The site as <c>kida serve</c> last loaded it (<see cref="SiteLoader"/>: front matter, data, <c>site.pages</c>), with
/// its pages by output path, so a request finds the page <c>kida render</c> would write at its path.
/// </summary>
internal sealed class SiteSnapshot
{
    private readonly Dictionary<string, SitePage> _byOutput = new(StringComparer.Ordinal);

    public SiteSnapshot(SiteModel site, long changes)
    {
        Site = site;
        Changes = changes;
        foreach (var page in site.Pages)
            if (page.Problem is null && page.OutputPath is not null) _byOutput[page.OutputPath] = page;
        // A page that failed before rendering (bad front matter, a duplicate output) has no output path: at the path its
        // content file would have rendered to, show its problem instead of a 404.
        foreach (var page in site.Pages)
            if (page.Problem is not null) _byOutput.TryAdd(Path.ChangeExtension(page.ContentPath, ".html"), page);
    }

    public SiteModel Site { get; }

    /// <summary>The watcher's <see cref="SiteWatcher.Changes"/> when this snapshot was loaded.</summary>
    public long Changes { get; }

    /// <summary>The page written at <paramref name="outputPath"/> (<c>blog/hello.html</c>), if any.</summary>
    public SitePage? PageAt(string outputPath) => _byOutput.GetValueOrDefault(outputPath);
}
