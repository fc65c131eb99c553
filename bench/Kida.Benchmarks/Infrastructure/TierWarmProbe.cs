using System.Diagnostics;
using System.Globalization;
using Kida.Benchmarks.Peers;

namespace Kida.Benchmarks.Infrastructure;

/// <summary>
/// <c>--tier-warm</c> (issue #18): warm render cost per engine and shape as process CPU time, the engines interleaved
/// round by round in one process (a steadier A/B than separate BenchmarkDotNet processes on a shared machine: a busy
/// neighbour slows every engine of a round alike). Each round renders each engine for about <c>--seconds</c> (default
/// 0.2) of CPU; the table gives the median per render and the ratios to the floors. Kida's tiered variants are settled
/// on the compiled tier first (<see cref="KidaEngine.SettleTier"/>). <c>--seconds 30 --rounds 1 --engines Kida</c> also
/// makes a long single-engine loop for <c>perf record</c>.
/// </summary>
public static class TierWarmProbe
{
    public static int Run(IReadOnlyList<string> engineNames, IReadOnlyList<string> shapes, int rounds, double seconds)
    {
        var engines = engineNames.Select(Engines.Create).ToList();
        var names = engines.Select(e => e.Name).ToList();
        Console.WriteLine($"| shape | {string.Join(" | ", names)} | {string.Join(" | ", names.Where(n => n.StartsWith("Kida", StringComparison.Ordinal)).SelectMany(n => new[] { n + " ÷ floor", n + " ÷ dict floor" }))} |");
        Console.WriteLine($"|---|{string.Concat(Enumerable.Repeat("---:|", names.Count + 2 * names.Count(n => n.StartsWith("Kida", StringComparison.Ordinal))))}");
        foreach (var name in shapes)
        {
            var shape = ShapeCatalog.Get(name);
            foreach (var e in engines)
            {
                e.Prepare(shape);
                if (e is KidaEngine k) Console.Error.WriteLine($"// {e.Name} tier: {k.SettleTier(shape)}");
            }
            // Calibrate: renders per slice so a slice takes about `seconds`.
            var counts = engines.Select(e =>
            {
                var watch = Stopwatch.StartNew();
                var n = 0;
                while (watch.Elapsed.TotalSeconds < seconds / 4) { e.Render(shape); n++; }
                return Math.Max(1, n * 4);
            }).ToArray();
            var samples = engines.Select(_ => new List<double>()).ToArray();
            for (var r = 0; r < rounds; r++)
                for (var i = 0; i < engines.Count; i++)
                    samples[i].Add(CpuPerRender(engines[i], shape, counts[i]));
            var medians = samples.Select(Median).ToArray();
            double? floor = Find("HandWrittenFloor"), dict = Find("DictionaryFloor");
            var ratios = new List<string>();
            for (var i = 0; i < engines.Count; i++)
            {
                if (!names[i].StartsWith("Kida", StringComparison.Ordinal)) continue;
                ratios.Add(floor is { } f ? Ratio(medians[i] / f) : "–");
                ratios.Add(dict is { } d ? Ratio(medians[i] / d) : "–");
            }
            Console.WriteLine($"| {name} | {string.Join(" | ", medians.Select(Time))} | {string.Join(" | ", ratios)} |");

            double? Find(string engine) => names.IndexOf(engine) is var k and >= 0 ? medians[k] : null;
        }
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(process CPU per render, median of {rounds} interleaved rounds of ~{seconds:0.##} s per engine)"));
        return 0;
    }

    // The last result stays alive, as BenchmarkDotNet keeps it (a large page's string otherwise churns the LOH).
    private static string? _last;

    private static string Ratio(double r) => string.Create(CultureInfo.InvariantCulture, $"{r:0.00}×");

    private static string Time(double us) =>
        us < 1 ? (us * 1000).ToString("0.0 ns", CultureInfo.InvariantCulture)
        : us < 1000 ? us.ToString("0.00 µs", CultureInfo.InvariantCulture)
        : (us / 1000).ToString("0.00 ms", CultureInfo.InvariantCulture);

    private static double CpuPerRender(ITemplateEngine engine, Shape shape, int count)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.TotalProcessorTime;
        for (var k = 0; k < count; k++) _last = engine.Render(shape);
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMicroseconds / count;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
