using Kida.Cli.Diagnostics;
using Kida.Cli.Output;

namespace Kida.Cli.Site;

/// <summary>
/// The site's <c>static/</c> folder (stylesheets, images, scripts): every file is copied as it is to the same relative
/// path under the output folder (<c>static/style.css</c> → <c>OUT/style.css</c>), atomically like a page. Dot-files
/// and dot-folders are skipped; a file whose path is also a page's output is not copied (the page wins) and is
/// reported.
/// </summary>
internal static class StaticFiles
{
    public const string Folder = "static";

    /// <summary>Copies the static files; returns how many were copied, and adds a problem for each that was not.</summary>
    public static int Copy(SiteModel site, string outputRoot, List<Problem> problems)
    {
        var root = Path.Combine(site.Root, Folder);
        if (!Directory.Exists(root)) return 0;
        var pageOutputs = new HashSet<string>(site.Pages.Where(p => p.OutputPath is not null).Select(p => p.OutputPath!), StringComparer.OrdinalIgnoreCase);
        var copied = 0;
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.Split('/').Any(segment => segment.StartsWith('.'))) continue;
            var display = site.DisplayRoot + "/" + Folder + "/" + relative;
            if (pageOutputs.Contains(relative))
            {
                problems.Add(new Problem(display, null, null, $"not copied: '{relative}' is also the output of a page, and the page wins"));
                continue;
            }
            var target = OutputPaths.Resolve(outputRoot, relative);
            if (target is null)
            {
                problems.Add(new Problem(display, null, null, "not copied: it would land outside the output folder"));
                continue;
            }
            try
            {
                AtomicFileWriter.Copy(file, target);
                copied++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(new Problem(display, null, null, "cannot copy: " + e.Message));
            }
        }
        return copied;
    }
}
