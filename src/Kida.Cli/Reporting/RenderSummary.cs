using System.Globalization;
using Kida.Cli.Diagnostics;
using Kida.Cli.Rendering;

namespace Kida.Cli.Reporting;

/// <summary>
/// Collects outcomes as pages finish (from many threads): counts, the slowest few, and the failures. Successful
/// pages are only counted, so memory does not grow with the site.
/// </summary>
public sealed class RenderSummary
{
    public const int SlowestShown = 5;

    private readonly Lock _gate = new();
    private readonly List<PageOutcome> _slowest = [];
    private readonly List<PageOutcome> _failures = [];

    public int Rendered { get; private set; }

    public int Failed => _failures.Count;

    public IReadOnlyList<PageOutcome> Failures => _failures;

    /// <summary>Slowest successful pages, slowest first.</summary>
    public IReadOnlyList<PageOutcome> Slowest => _slowest;

    public void Add(PageOutcome outcome)
    {
        lock (_gate)
        {
            if (!outcome.Succeeded)
            {
                _failures.Add(outcome);
                return;
            }
            Rendered++;
            if (_slowest.Count == SlowestShown && outcome.Elapsed <= _slowest[^1].Elapsed) return;
            var at = _slowest.FindIndex(o => o.Elapsed < outcome.Elapsed);
            _slowest.Insert(at < 0 ? _slowest.Count : at, outcome);
            if (_slowest.Count > SlowestShown) _slowest.RemoveAt(SlowestShown);
        }
    }

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
