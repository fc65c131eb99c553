using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using Kida.Benchmarks.Infrastructure;

namespace Kida.Benchmarks;

/// <summary>
/// Entry point. Our own options (removed before the rest goes to BenchmarkDotNet):
/// <list type="bullet">
/// <item><c>--smoke</c> run every engine × shape × scenario once, untimed, checking outputs; exit 1 on any failure.</item>
/// <item><c>--quick</c> a short in-process run (fewer shapes, few iterations) that fits in ~3 minutes on 2 cores.</item>
/// <item><c>--rounds N</c> launches (rounds) per benchmark in the full run (default 3); the summary quotes the median of the round medians.</item>
/// <item><c>--engines a,b</c> / <c>--shapes x,y</c> restrict the engines / shapes (e.g. <c>--engines peers</c>, <c>--engines floor,Fluid</c>).</item>
/// <item><c>--batch-probe</c> the batch scenario without BenchmarkDotNet (alternating 1/2 threads, median of <c>--rounds</c>, default 7).</item>
/// <item><c>tuning-matrix [--rounds N] [--cap-ms X] [--quick]</c> BatchRenderer's Adaptive tuning against fixed worker counts, Parallel.ForEach and Static (see docs/tuning.md).</item>
/// <item><c>--tier-compile</c> what compiling each shape's templates to the compiled tier costs in CPU and memory (issue #18; median of <c>--rounds</c>, default 7).</item>
/// <item><c>--tier-warm [--seconds S]</c> warm render CPU time per engine and shape, the engines interleaved in one process (issue #18; median of <c>--rounds</c>, default 15).</item>
/// <item><c>--summary [dir]</c> only print the markdown summary of an earlier run's results (default BenchmarkDotNet.Artifacts).</item>
/// <item><c>--jinja2 file.json</c> add Kida ÷ Jinja2 ratios from <c>bench/jinja2_bench.py --json</c> to the summary.</item>
/// </list>
/// Everything else (e.g. <c>--filter *WarmRender*</c>, <c>--artifacts dir</c>) is passed to BenchmarkDotNet.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "tuning-matrix") return TuningMatrix.Run(args[1..]);
        var rest = new List<string>();
        bool smoke = false, quick = false, summaryOnly = false, probe = false, tierCompile = false, tierWarm = false;
        var seconds = 0.2;
        string? engines = null, shapes = null, jinja2 = null, summaryDir = null;
        var rounds = 3;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--smoke": smoke = true; break;
                case "--quick": quick = true; break;
                case "--batch-probe": probe = true; break;
                case "--tier-compile": tierCompile = true; break;
                case "--tier-warm": tierWarm = true; break;
                case "--seconds": seconds = double.Parse(Value(args, ref i), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--engines": engines = Value(args, ref i); break;
                case "--shapes": shapes = Value(args, ref i); break;
                case "--rounds": rounds = int.Parse(Value(args, ref i)); break;
                case "--jinja2": jinja2 = Value(args, ref i); break;
                case "--summary":
                    summaryOnly = true;
                    if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) summaryDir = args[++i];
                    break;
                default: rest.Add(args[i]); break;
            }
        }

        if (engines is not null)
        {
            engines = string.Join(",", engines.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .SelectMany(e => e.Equals("peers", StringComparison.OrdinalIgnoreCase) ? Peers.Engines.Peers.Append("HandWrittenFloor") : [e])
                .Select(Peers.Engines.Canonical).Distinct());
            Environment.SetEnvironmentVariable(BenchSettings.EnginesVariable, engines);
        }
        if (quick && shapes is null) shapes = "small,medium,complex";
        if (shapes is not null) Environment.SetEnvironmentVariable(BenchSettings.ShapesVariable, shapes);

        var artifacts = Path.GetFullPath(ArtifactsArgument(rest) ?? summaryDir ?? "BenchmarkDotNet.Artifacts");
        if (summaryOnly) return Summary.Print(artifacts, jinja2, Console.Out);
        if (smoke) return Smoke.Run(BenchSettings.Engines, BenchSettings.Shapes);
        if (probe) return BatchProbe.Run(BenchSettings.Engines, rounds == 3 ? 7 : rounds);
        if (tierCompile) return TierCompileProbe.Run(BenchSettings.Shapes, rounds == 3 ? 7 : rounds);
        if (tierWarm) return TierWarmProbe.Run(BenchSettings.Engines, BenchSettings.Shapes, rounds == 3 ? 15 : rounds, seconds);

        var gcDir = Path.Combine(artifacts, "gc");
        if (Directory.Exists(gcDir)) Directory.Delete(gcDir, recursive: true);
        Environment.SetEnvironmentVariable(BenchSettings.GcDirectoryVariable, gcDir);

        var job = quick
            ? Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithEvaluateOverhead(false)
                .WithIterationTime(TimeInterval.FromMilliseconds(60)).WithToolchain(InProcessEmitToolchain.Instance).WithId("Quick")
            // Full: each round is its own process; fixed counts keep a whole run (~100 benchmarks x 3 rounds) near
            // 25 minutes on 2 cores, and the median of the round medians absorbs a slow round on a noisy machine.
            : Job.Default.WithLaunchCount(rounds).WithWarmupCount(4).WithIterationCount(12)
                .WithIterationTime(TimeInterval.FromMilliseconds(150)).WithEvaluateOverhead(false).WithId($"Rounds{rounds}");
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job.AsDefault())
            .AddColumn(StatisticColumn.Median)
            .AddExporter(JsonExporter.Full)
            .WithArtifactsPath(artifacts);

        if (!rest.Any(a => a is "--filter" or "-f" or "--list" or "--info")) rest.AddRange(["--filter", "*"]);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest], config).ToList();
        if (summaries.Count == 0) return 1;
        Console.WriteLine();
        var status = Summary.Print(artifacts, jinja2, Console.Out);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : status;
    }

    private static string Value(string[] args, ref int i) =>
        i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");

    private static string? ArtifactsArgument(List<string> rest)
    {
        var i = rest.FindIndex(a => a is "--artifacts" or "-a");
        return i >= 0 && i + 1 < rest.Count ? rest[i + 1] : null;
    }
}
