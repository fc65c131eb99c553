using System.Globalization;
using Kida.Cli.Diagnostics;
using Kida.Cli.Rendering;

namespace Kida.Cli.Reporting;

/// <summary>The failures of a render, grouped for printing; successful pages are only counted, never kept.</summary>
internal sealed class RenderSummary
{
    private readonly List<PageOutcome> _failures = [];

    public IReadOnlyList<PageOutcome> Failures => _failures;

    public void Fail(PageOutcome outcome) => _failures.Add(outcome);

    /// <summary>
    /// Failures grouped by identical problem (a broken layout fails every page in the same way), sorted by location,
    /// each with the pages it hit.
    /// </summary>
    public IEnumerable<(Problem Problem, IReadOnlyList<string> Pages)> GroupedFailures() =>
        _failures
            .GroupBy(f => f.Problem!.Format(), StringComparer.Ordinal)
            .Select(g => (g.First().Problem!, (IReadOnlyList<string>)[.. g.Select(f => f.Page.DisplayPath).Order(StringComparer.Ordinal)]))
            .OrderBy(g => g.Item1.Path, StringComparer.Ordinal)
            .ThenBy(g => g.Item1.Line ?? 0)
            .ThenBy(g => g.Item2[0], StringComparer.Ordinal);

    public static string Pages(IReadOnlyList<string> pages, int shown = 5)
    {
        var list = string.Join(", ", pages.Take(shown));
        return pages.Count <= shown ? list : list + string.Create(CultureInfo.InvariantCulture, $" and {pages.Count - shown} more");
    }
}
