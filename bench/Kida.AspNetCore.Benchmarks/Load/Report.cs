using System.Globalization;
using System.Text;

namespace Kida.AspNetCore.Benchmarks.Load;

/// <summary>The console line of one run and the markdown tables of a whole measurement.</summary>
public static class Report
{
    /// <summary>One run as one console line.</summary>
    /// <param name="r">The run.</param>
    /// <returns>The line.</returns>
    public static string Line(LoadResult r) => string.Create(CultureInfo.InvariantCulture,
        $"round {r.Round} {r.Engine,-10} {r.RequestsPerSecond,9:N0} req/s  p50 {r.P50Ms,6:F3} ms  p99 {r.P99Ms,6:F3} ms  " +
        $"{r.CpuMicrosecondsPerRequest,6:F1} µs CPU/req  {r.AllocatedPerRequest,8:N0} B/req  errors {r.Errors}  heap {Kb(r.HeapBefore)} -> {Kb(r.HeapAfter)} KB  gen0 {r.Gen0} gen2 {r.Gen2}");

    /// <summary>The summary (median of the rounds per engine), the ratios against the targets and every round.</summary>
    /// <param name="results">Every run.</param>
    /// <param name="engines">The engines, in run order.</param>
    /// <returns>Markdown.</returns>
    public static string Tables(IReadOnlyList<LoadResult> results, IReadOnlyList<string> engines)
    {
        var s = new StringBuilder();
        var rounds = results.Max(r => r.Round);
        var first = results[0];
        s.AppendLine(CultureInfo.InvariantCulture, $"Median of {rounds} interleaved round(s); {first.Requests:N0} requests per engine per round, {first.Concurrency} concurrent clients.");
        s.AppendLine();
        s.AppendLine("| engine | requests/s | p50 ms | p99 ms | CPU µs/request (process) | allocated B/request (process) | minus its baseline | errors | heap before → after, KB (largest growth in a run) |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        double Median(string engine, Func<LoadResult, double> f) => MedianOf(results.Where(r => r.Engine == engine).Select(f));
        foreach (var engine in engines)
        {
            var runs = results.Where(r => r.Engine == engine).ToList();
            var alloc = Median(engine, r => r.AllocatedPerRequest);
            var baseline = Engines.BaselineOf(engine) is { } b && engines.Contains(b) ? $"{alloc - Median(b, r => r.AllocatedPerRequest):N0} (vs {b})" : "–";
            var growth = runs.Max(r => r.HeapGrowth);
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {engine} | {Median(engine, r => r.RequestsPerSecond):N0} | {Median(engine, r => r.P50Ms):F3} | {Median(engine, r => r.P99Ms):F3} | {Median(engine, r => r.CpuMicrosecondsPerRequest):F1} | {alloc:N0} | {baseline} | {runs.Sum(r => r.Errors)} | {Kb(runs[0].HeapBefore)} → {Kb(runs[^1].HeapAfter)} ({growth / 1024.0:+#,0;-#,0;0}) |");
        }
        if (engines.Contains(Engines.Kida))
        {
            s.AppendLine();
            s.AppendLine("| ratio | per round | median | target |");
            s.AppendLine("|---|---|---:|---|");
            foreach (var (other, target) in new[] { (Engines.Fluid, "≥ 1.0"), (Engines.Razor, "≥ 0.9") })
            {
                if (!engines.Contains(other)) continue;
                foreach (var (what, f, goal) in new (string, Func<LoadResult, double>, string)[]
                         {
                             ("requests/s", r => r.RequestsPerSecond, target),
                             ("CPU per request, inverted (other ÷ kida)", r => 1 / r.CpuMicrosecondsPerRequest, target),
                         })
                {
                    var ratios = Enumerable.Range(1, rounds).Select(round =>
                        f(results.Single(r => r.Engine == Engines.Kida && r.Round == round)) /
                        f(results.Single(r => r.Engine == other && r.Round == round))).ToList();
                    s.AppendLine(CultureInfo.InvariantCulture,
                        $"| kida ÷ {other}, {what} | {string.Join(", ", ratios.Select(x => x.ToString("F3", CultureInfo.InvariantCulture)))} | {MedianOf(ratios):F3} | {goal} |");
                }
            }
        }
        s.AppendLine();
        s.AppendLine("| round | engine | requests/s | p50 ms | p99 ms | CPU µs/request | B/request | errors | heap before → after, KB | gen0 / gen2 GCs |");
        s.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in results)
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Round} | {r.Engine} | {r.RequestsPerSecond:N0} | {r.P50Ms:F3} | {r.P99Ms:F3} | {r.CpuMicrosecondsPerRequest:F1} | {r.AllocatedPerRequest:N0} | {r.Errors} | {Kb(r.HeapBefore)} → {Kb(r.HeapAfter)} | {r.Gen0} / {r.Gen2} |");
        return s.ToString();
    }

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("N0", CultureInfo.InvariantCulture);
}
