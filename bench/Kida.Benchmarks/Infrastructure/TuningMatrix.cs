using System.Diagnostics;
using System.Globalization;
using Kida.Workers;

namespace Kida.Benchmarks.Infrastructure;

/// <summary>
/// <c>tuning-matrix</c>: BatchRenderer's Adaptive tuning against every fixed worker count (1 … 2 × processors),
/// Parallel.ForEach with default partitioning, and the seed's Static profiles, over per-job cost × distribution ×
/// batch size. Jobs are real templates: a benchmark shape page included <c>r</c> times by a generated wrapper, one
/// wrapper per cost multiplier, so a job's cost follows its template (what the cost model learns). Every cell runs
/// in several rounds with the configurations in a fresh random order each round; medians are reported. Options:
/// <c>--rounds N</c> (default 5), <c>--cap-ms X</c> serial work per cell (default 120), <c>--quick</c>, <c>--noisy</c>
/// (a separate process keeps one processor busy throughout: see <see cref="TuningMatrixNoisyNeighbour"/>).
/// </summary>
public static class TuningMatrix
{
    private static readonly double[] TargetMicroseconds = [2, 20, 200, 2000];
    private static readonly string[] Distributions = ["uniform", "lognormal", "bimodal", "one25"];
    private static readonly int[] Sizes = [8, 100, 10_000];

    /// <summary>Shortest timed sample: tiny batches repeat until a sample lasts this long.</summary>
    private const double MinSampleMicroseconds = 5000;

    private static bool Verbose;
    private static string? Only;

    public static int Run(string[] args)
    {
        var rounds = 5;
        var capMs = 120.0;
        var quick = false;
        var noStreaming = false;
        var noisy = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--cap-ms": capMs = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--quick": quick = true; break;
                case "--verbose": Verbose = true; break;
                case "--no-streaming": noStreaming = true; break;
                case "--streaming-only":
                    Verbose = args.Contains("--verbose");
                    // In a fresh process, so the matrix's leftovers do not count against the streaming peak.
                    Console.WriteLine(MeasureStreaming(new MatrixWorkload()));
                    return 0;
                case "--only": Only = args[++i]; break;
                case "--noisy": noisy = true; break;
                case "--spin": return TuningMatrixNoisyNeighbour.Spin(int.Parse(args[++i], CultureInfo.InvariantCulture));
            }
        }
        if (quick) rounds = Math.Min(rounds, 3);
        if (!noisy) return RunMatrix(rounds, capMs, quick, noStreaming, null);
        // The neighbour is there from before the machine is first measured to after the last cell, and is killed
        // however the matrix ends.
        using var neighbour = TuningMatrixNoisyNeighbour.Start();
        try
        {
            return RunMatrix(rounds, capMs, quick, noStreaming, neighbour);
        }
        finally
        {
            Console.WriteLine(neighbour.Describe());
        }
    }

    private static int RunMatrix(int rounds, double capMs, bool quick, bool noStreaming, TuningMatrixNoisyNeighbour? neighbour)
    {

        var total = Stopwatch.StartNew();
        var p = Environment.ProcessorCount;
        Console.WriteLine($"tuning-matrix: {p} processors, server GC {System.Runtime.GCSettings.IsServerGC}, {rounds} rounds per cell, ≤ {capMs} ms serial work per cell.");
        if (neighbour is not null) Console.WriteLine($"noisy: a separate process (pid {neighbour.ProcessId}, this executable's hidden `tuning-matrix --spin`) keeps one processor busy for the whole matrix");
        var machine = DispatchCosts.Measured;
        Console.WriteLine($"measured: a worker wakes in {machine.WakeMicroseconds:F1} µs and costs {machine.StartMicroseconds:F1} µs to start, hand-out {machine.PerJobMicroseconds * 1000:F0} ns per job, full-load slowdown {machine.FullLoadSlowdown:F2}×; load average {LoadAverage()}");

        var workload = new MatrixWorkload();
        Console.WriteLine($"base renders: {string.Join(", ", workload.BaseCosts.Select(b => $"{b.Key} {b.Value:F1} µs"))}");
        // The first slowdown measurement is taken at start-up, while the JIT still compiles on the other processor, and
        // reads high; a running process re-measures it as big batches come (DispatchCosts.Refreshed). The matrix is
        // about the steady state, so big adaptive batches run for a while first (the start-up case is the streaming
        // line's, in a fresh process).
        // 4,000 medium jobs: 30–100 ms a batch, enough to re-measure (DispatchCosts.RefreshMinimumWorkMicroseconds).
        var warmJobs = Enumerable.Range(0, 4000).Select(_ => new RenderJob(workload.MediumPage, workload.MediumData)).ToList();
        var warmModel = new CostModel();
        var warmClock = Stopwatch.StartNew();
        while (warmClock.Elapsed.TotalSeconds < 1.5) BatchRenderer.Render(warmJobs, new BatchOptions { CostModel = warmModel });
        Console.WriteLine($"start-up: {warmClock.Elapsed.TotalSeconds:F1} s of adaptive batches first; full-load slowdown now {DispatchCosts.Measured.FullLoadSlowdown:F2}×, competing threads {DispatchCosts.Measured.CompetingThreads:F2}");
        var fixedCounts = Enumerable.Range(1, 2 * p).ToArray();
        // Two cells, untimed, through every configuration (8 tiny jobs; 10,000 of them), so the first timed cell does
        // not run the batch machinery while the JIT is still promoting it: the first cell of a run measured 31–35 µs on
        // one worker for 8 tiny jobs whatever its distribution, 13–15 µs when it came later (small cells alone as the
        // warm-up did not change that; a big one did).
        var warmCells = new[] { workload.Build(2, "lognormal", 8, capMs), workload.Build(2, "uniform", 10_000, capMs) };
        var warmCellClock = Stopwatch.StartNew();
        while (warmCellClock.Elapsed.TotalSeconds < 1.5)
            foreach (var warmCell in warmCells) RunCell(warmCell, fixedCounts, 3, quiet: true);
        Console.WriteLine($"warm-up: {warmCellClock.Elapsed.TotalSeconds:F1} s of a small and a big cell through every configuration, untimed");
        Console.WriteLine();
        Console.WriteLine($"{"cost",6} {"dist",-9} {"n",6} {"µs/job",8} | {"adapt",7} {"static",7} {"P.FE",7} {string.Join(" ", fixedCounts.Select(w => $"{"w" + w,7}"))} | {"A/best",6} {"A/ser",6} {"A-w",3} {"skew",5} {"skewP",5}");

        var cells = new List<CellResult>();
        foreach (var target in TargetMicroseconds)
        {
            foreach (var distribution in Distributions)
            {
                foreach (var size in Sizes)
                {
                    if (quick && size == 100) continue;
                    if (Only is not null && !$"{target}/{distribution}/{size}".StartsWith(Only, StringComparison.Ordinal)) continue;
                    var cell = workload.Build(target, distribution, size, capMs);
                    var result = RunCell(cell, fixedCounts, rounds);
                    cells.Add(result);
                    Console.WriteLine(result.Line);
                }
            }
        }

        Console.WriteLine();
        var dispatch = MeasureDispatch(workload, rounds);
        var decision = MeasureDecision();
        Console.WriteLine($"dispatch overhead: {dispatch:F3} µs per job (BatchRenderer on 1 worker vs a plain loop, 10,000 jobs of ~2 µs, median of {Math.Max(rounds, 5)})");
        Console.WriteLine($"full-load slowdown at the end: {DispatchCosts.Measured.FullLoadSlowdown:F2}× (lower quartile of the latest nine measurements; re-measured at most once a second)");
        Console.WriteLine($"competing threads at the end: {DispatchCosts.Measured.CompetingThreads:F2} (median of the latest {DispatchCosts.RecentCompetition} batches' estimates from their workers' waits for a processor; scheduler figures {(ProcessorShare.IsAvailable ? "read" : "not available")}); a worker wakes in {DispatchCosts.Measured.WakeMicroseconds:F1} µs (median of the latest batches')");
        Console.WriteLine($"decision: {decision:F3} µs per BatchPlanner.Decide call (4 processors' worth of candidates; the reason sentence is formatted only when read)");
        if (!noStreaming) Console.WriteLine(StreamingInFreshProcess());

        if (cells.Count == 0) return 0;
        var ratios = cells.Select(c => c.AdaptiveVsBest).ToList();
        var skew = cells.Where(c => c.SkewRatio is not null).Select(c => c.SkewRatio!.Value).ToList();
        var worstSerial = cells.Max(c => c.AdaptiveVsSerial);
        var worstCell = cells.MinBy(c => c.AdaptiveVsBest)!;
        Console.WriteLine($"worst cell vs best fixed: {worstCell.Name}; slowest vs serial: {(worstSerial - 1) * 100:+0.0;-0.0}% ({cells.MaxBy(c => c.AdaptiveVsSerial)!.Name})");
        var full = cells.Where(c => c.FullWidthSkew is not null).Select(c => c.FullWidthSkew!.Value).ToList();
        Console.WriteLine($"skew cells with ≥ 4 jobs per worker where Adaptive went parallel: {skew.Count}; worst makespan {(skew.Count == 0 ? 0 : skew.Max()):F2}× bound");
        Console.WriteLine($"skew cells on {Environment.ProcessorCount} fixed workers (the dispatcher alone): {full.Count}; makespan median {(full.Count == 0 ? 0 : Median(full)):F2}×, worst {(full.Count == 0 ? 0 : full.Max()):F2}× bound");
        Console.WriteLine($"total time {total.Elapsed.TotalSeconds:F0} s; load average now {LoadAverage()}");
        Console.WriteLine($"tuning-matrix: adaptive mean={ratios.Average() * 100:F1}% worst={ratios.Min() * 100:F1}% of best fixed; skew makespan={(skew.Count == 0 ? 0 : Median(skew)):F2}× bound");
        return 0;
    }

    private sealed record CellResult(string Name, string Line, double AdaptiveVsBest, double AdaptiveVsSerial, double? SkewRatio, double? FullWidthSkew);

    /// <summary>max(total work ÷ workers, largest job): no schedule can finish sooner.</summary>
    private static double Bound(BatchResult result)
    {
        var largest = result.SlowestJobs.Count > 0 ? result.SlowestJobs[0].Elapsed.TotalMicroseconds : 0;
        return Math.Max(1e-3, Math.Max(result.TotalWork.TotalMicroseconds / result.WorkersUsed, largest));
    }

    private static CellResult RunCell(MatrixCell cell, int[] fixedCounts, int rounds, bool quiet = false)
    {
        var jobs = cell.Jobs;
        var outputs = new string?[jobs.Count];
        // Adaptive learns in its own model; one untimed run warms it (the "second run starts warm" case).
        var adaptiveModel = new CostModel();
        var scratchModel = new CostModel();
        var configs = new List<(string Name, Func<BatchResult?> Run)>
        {
            ("adaptive", () => BatchRenderer.Render(jobs, new BatchOptions { CostModel = adaptiveModel })),
            ("static", () => BatchRenderer.Render(jobs, new BatchOptions { CostModel = scratchModel, Tuning = TuningMode.Static })),
            ("pfe", () =>
            {
                Parallel.ForEach(jobs, (job, _, index) => outputs[index] = job.Template.Render(job.Model));
                return null;
            }),
        };
        var fullWidth = Environment.ProcessorCount;
        var fullWidthSkew = new List<double>();
        foreach (var w in fixedCounts)
        {
            var fixedWorkers = w;
            configs.Add(($"w{w}", () =>
            {
                var sw = Stopwatch.StartNew();
                var result = BatchRenderer.Render(jobs, new BatchOptions { CostModel = scratchModel, Workers = fixedWorkers });
                // The dispatcher's own makespan quality, whatever Adaptive chose: heaviest first on every processor.
                if (fixedWorkers == fullWidth && jobs.Count >= 4 * fixedWorkers) fullWidthSkew.Add(sw.Elapsed.TotalMicroseconds / Bound(result));
                return result;
            }));
        }

        foreach (var (_, run) in configs)
        {
            var warm = run(); // warm-up: JIT, pools, models
            if (Verbose && !quiet && warm is not null && ReferenceEquals(run, configs[0].Run)) Console.WriteLine($"    adaptive warm-up: {warm.Reason}");
        }
        // Timed again once warm (the first run of a cell includes JIT and learning), to size the samples.
        // A batch of a few µs is one timer read and a cache miss away from doubling: each timed sample repeats the
        // batch back to back until it lasts about MinSampleMicroseconds (as BenchmarkDotNet does with its invocation
        // count, per benchmark), and the sample is the mean per batch. Sized per configuration: sized by the slowest
        // (4 oversubscribed workers on 8 tiny jobs take milliseconds), the fast ones' samples were two batches long.
        var repeats = new int[configs.Count];
        for (var c = 0; c < configs.Count; c++)
        {
            var warmClock = Stopwatch.StartNew();
            configs[c].Run();
            repeats[c] = (int)Math.Clamp(Math.Ceiling(MinSampleMicroseconds / Math.Max(1.0, warmClock.Elapsed.TotalMicroseconds)), 1, 2000);
        }
        var times = configs.ToDictionary(c => c.Name, _ => new List<double>());
        var skew = new List<double>();
        var adaptiveWorkers = new List<int>();
        // A fresh random order every round: a rotation keeps the cyclic order, so one configuration would always
        // run right after the 4-worker one and pay for its threads winding down.
        var shuffle = new Random(jobs.Count * 7 + rounds);
        var order = Enumerable.Range(0, configs.Count).ToArray();
        for (var r = 0; r < rounds; r++)
        {
            shuffle.Shuffle(order);
            for (var k = 0; k < configs.Count; k++)
            {
                var (name, run) = configs[order[k]];
                var count = repeats[order[k]];
                // Every sample starts from a collected heap, as BenchmarkDotNet's iterations do: a big cell's outputs
                // (tens of MB) are garbage once the next batch runs, and whichever configuration happened to trigger
                // the gen-1 or gen-2 collection paid for all of them (one configuration's own samples varied 2×).
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var sw = Stopwatch.StartNew();
                var result = run();
                for (var rep = 1; rep < count; rep++) result = run();
                var elapsed = sw.Elapsed.TotalMicroseconds / count;
                times[name].Add(elapsed);
                if (name == "adaptive" && result is not null)
                {
                    if (Verbose && !quiet) Console.WriteLine($"    adaptive {elapsed:F0} µs: {result.Reason}");
                    adaptiveWorkers.Add(result.WorkersUsed);
                    skew.Add(elapsed / Bound(result));
                }
            }
        }

        var median = times.ToDictionary(t => t.Key, t => Median(t.Value));
        var bestName = $"w{fixedCounts.MinBy(w => median[$"w{w}"])}";
        var adaptive = median["adaptive"];
        // The ratios are paired: within a round every configuration ran within a few milliseconds of the others, so
        // a stretch of slow processor (this guest's vCPUs slow down by up to 2× for seconds at a time) hits both
        // sides of a ratio instead of one configuration's median. Median over the rounds of adaptive ÷ the best
        // fixed configuration (the one with the lowest median) and of adaptive ÷ serial.
        var vsBest = Median(Enumerable.Range(0, rounds).Select(r => times[bestName][r] / times["adaptive"][r]).ToList());
        var vsSerial = Median(Enumerable.Range(0, rounds).Select(r => times["adaptive"][r] / times["w1"][r]).ToList());
        var workers = (int)Median(adaptiveWorkers.Select(w => (double)w).ToList());
        var skewed = cell.Distribution != "uniform" && jobs.Count >= 4 * Math.Max(1, workers) && workers > 1;
        double? skewRatio = skewed ? Median(skew) : null;
        double? fullSkew = cell.Distribution != "uniform" && fullWidthSkew.Count > 0 ? Median(fullWidthSkew) : null;
        var cellName = $"{cell.TargetMicroseconds} µs {cell.Distribution} n={jobs.Count} (asked {cell.RequestedSize})";
        var line = $"{cell.TargetMicroseconds,6} {cell.Distribution,-9} {jobs.Count,6}{(jobs.Count < cell.RequestedSize ? "*" : " ")}{cell.MeanMicroseconds,7:F1} | "
            + $"{Ms(adaptive)} {Ms(median["static"])} {Ms(median["pfe"])} {string.Join(" ", fixedCounts.Select(w => Ms(median[$"w{w}"])))} | "
            + $"{vsBest * 100,5:F0}% {(vsSerial - 1) * 100,+5:+0;-0}% {workers,3} {(skewRatio is { } s ? s.ToString("F2", CultureInfo.InvariantCulture) : "-"),5} {(fullSkew is { } f ? f.ToString("F2", CultureInfo.InvariantCulture) : "-"),5}";
        return new CellResult(cellName, line, vsBest, vsSerial, skewRatio, fullSkew);
    }

    private static string Ms(double microseconds) => microseconds >= 10_000
        ? $"{microseconds / 1000,5:F0}ms"
        : microseconds >= 1000 ? $"{microseconds / 1000,5:F1}ms" : $"{microseconds,5:F0}µs";

    private static double MeasureDispatch(MatrixWorkload workload, int rounds)
    {
        var jobs = workload.Build(2, "uniform", 10_000, double.MaxValue).Jobs;
        var outputs = new string?[jobs.Count];
        var model = new CostModel();
        var options = new BatchOptions { Workers = 1, CostModel = model };
        BatchRenderer.Render(jobs, options);
        var diffs = new List<double>();
        for (var r = 0; r < Math.Max(rounds, 5) * 2; r++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < jobs.Count; i++) outputs[i] = jobs[i].Template.Render(jobs[i].Model);
            var loop = sw.Elapsed.TotalMicroseconds;
            sw.Restart();
            BatchRenderer.Render(jobs, options);
            var batch = sw.Elapsed.TotalMicroseconds;
            diffs.Add((batch - loop) / jobs.Count);
        }
        return Median(diffs);
    }

    private static double MeasureDecision()
    {
        var host = WorkerHost.Create(4);
        var model = new CostModel();
        var costs = new DispatchCosts(40, 0.05);
        const int calls = 20_000;
        var samples = new List<double>();
        for (var r = 0; r < 5; r++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++) BatchPlanner.Decide(100 + (i & 7), 5000 + i, 100, host, WorkloadType.Render, costs, model, "learned render times");
            samples.Add(sw.Elapsed.TotalMicroseconds / calls);
        }
        return Median(samples);
    }

    /// <summary>
    /// The streaming line, measured by <c>--streaming-only</c> in a child process: after the matrix this process's
    /// heap and GC budgets are those of its biggest cells (the streaming batch measured here peaked at 105 MB, 84 MB
    /// above the baseline, against 35 MB in a fresh process), and the target is about what streaming itself keeps.
    /// </summary>
    private static string StreamingInFreshProcess()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet run` the process is the dotnet host and the program is a dll argument; an apphost is the program.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(typeof(TuningMatrix).Assembly.Location);
        foreach (var a in new[] { "tuning-matrix", "--streaming-only" }) start.ArgumentList.Add(a);
        if (Verbose) start.ArgumentList.Add("--verbose");
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the streaming measurement");
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("streaming:", StringComparison.Ordinal));
        return line is null
            ? $"streaming: the child process printed no result (exit code {child.ExitCode})"
            : line.TrimEnd() + " (in a fresh process)" + (Verbose ? "\n" + string.Join("\n", output.Split('\n').SkipWhile(l => !l.StartsWith("streaming:", StringComparison.Ordinal)).Skip(1)).TrimEnd() : "");
    }

    private static string MeasureStreaming(MatrixWorkload workload)
    {
        const int count = 100_000;
        var template = workload.MediumPage;
        var data = workload.MediumData;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(true);
        long peak = 0;
        long bytes = 0;
        using var stop = new CancellationTokenSource();
        // Samples the managed heap every 2 ms while the batch runs: GC.GetTotalMemory without forcing a collection.
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                try { await Task.Delay(2, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var allocatedBefore = GC.GetTotalAllocatedBytes(true);
        var sw = Stopwatch.StartNew();
        // Each job gets its own context (a shallow copy, as a real site builds one per page), made only when needed.
        var result = BatchRenderer.RenderAsync(
            count,
            i => new RenderJob(template, new Dictionary<string, object?>(data) { ["page"] = i }),
            (_, text) => { Interlocked.Add(ref bytes, text.Length); return ValueTask.CompletedTask; }).GetAwaiter().GetResult();
        var elapsed = sw.Elapsed;
        stop.Cancel();
        sampler.GetAwaiter().GetResult();
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
        using var process = Process.GetCurrentProcess();
        return $"streaming: {count:N0} medium jobs in {elapsed.TotalSeconds:F2} s on {result.WorkersUsed} workers, {bytes / 1e6:F0} M chars out, "
            + $"peak managed heap {peak / 1e6:F1} MB (baseline {baseline / 1e6:F1} MB; last GC heap {info.HeapSizeBytes / 1e6:F1} MB, "
            + $"{allocated / 1e9:F1} GB allocated in total), peak working set {process.PeakWorkingSet64 / 1e6:F0} MB, {result.Errors.Count} errors"
            + (Verbose ? $"\n    {result.Reason}" : "");
    }

    // Other processes compete for the same cores; the 1-minute load average says how much (Linux only).
    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    internal static double Median(List<double> values)
    {
        if (values.Count == 0) return 0;
        var v = values.Order().ToList();
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
    }
}
