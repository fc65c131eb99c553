using System.Globalization;
using BenchmarkDotNet.Attributes;
using Kida.Benchmarks.Infrastructure;
using Kida.Benchmarks.Peers;

namespace Kida.Benchmarks.Scenarios;

/// <summary>
/// 2,000 renders of the medium shape, on 1 thread and on 2 (Parallel.For with MaxDegreeOfParallelism), one shared
/// compiled template. Times are per batch; the summary reports the speedup 1 thread ÷ 2 threads next to the
/// machine's own ceiling from <see cref="BatchCalibration"/>, plus GC collections per batch.
/// </summary>
[MemoryDiagnoser]
public class Batch
{
    public const int Renders = 2000;
    private ITemplateEngine _engine = null!;
    private Shape _shape = null!;
    private ParallelOptions _options = null!;
    private readonly GcCounter _gc = new();

    [ParamsSource(typeof(Setup), nameof(Setup.Engines))]
    public string Engine { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _shape = ShapeCatalog.Get("medium");
        _engine = Setup.PrepareChecked(Engine, _shape);
        _options = new ParallelOptions { MaxDegreeOfParallelism = Threads };
        // Concurrent renders must still be right: check a parallel batch's outputs once before timing.
        var outputs = new string[64];
        Parallel.For(0, outputs.Length, _options, i => outputs[i] = _engine.Render(_shape));
        foreach (var output in outputs)
            if (OutputCheck.Check(output, _shape.Expected, _engine.ExactOutput) is { } problem)
                throw new OutputMismatchException(Engine, "medium (parallel)", problem);
    }

    [Benchmark]
    public void RenderBatch()
    {
        _gc.Start();
        Parallel.For(0, Renders, _options, _ => _engine.Render(_shape));
        _gc.Stop();
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _gc.Save($"Batch-{Engine}-{Threads}");
}

/// <summary>
/// The machine's own parallel ceiling, measured in the same run: pure arithmetic, no allocation, the same number of
/// work items (each about as long as a fast medium render) split over 1 vs 2 threads exactly like <see cref="Batch"/>.
/// </summary>
public class BatchCalibration
{
    /// <summary>Xorshift steps per work item.</summary>
    public const int StepsPerItem = 20_000;
    private readonly ulong[] _results = new ulong[Batch.Renders];
    private ParallelOptions _options = null!;
    private readonly GcCounter _gc = new();

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void GlobalSetup() => _options = new ParallelOptions { MaxDegreeOfParallelism = Threads };

    [Benchmark]
    public ulong ArithmeticBatch()
    {
        _gc.Start();
        Parallel.For(0, Batch.Renders, _options, i => _results[i] = Work((ulong)i + 1));
        _gc.Stop();
        return _results[^1];
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _gc.Save($"Calibration-{Threads}");

    public static ulong Work(ulong x)
    {
        for (var k = 0; k < StepsPerItem; k++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }
        return x;
    }
}

/// <summary>Accumulates GC.CollectionCount deltas over batches and appends the per-batch averages to a file.</summary>
public sealed class GcCounter
{
    private int _g0, _g1, _g2;
    private long _batches, _d0, _d1, _d2;

    public long Batches => _batches;

    public void Start()
    {
        _g0 = GC.CollectionCount(0);
        _g1 = GC.CollectionCount(1);
        _g2 = GC.CollectionCount(2);
    }

    public void Stop()
    {
        _d0 += GC.CollectionCount(0) - _g0;
        _d1 += GC.CollectionCount(1) - _g1;
        _d2 += GC.CollectionCount(2) - _g2;
        _batches++;
    }

    public (double Gen0, double Gen1, double Gen2) PerBatch =>
        _batches == 0 ? default : ((double)_d0 / _batches, (double)_d1 / _batches, (double)_d2 / _batches);

    /// <summary>Appends "batches gen0 gen1 gen2" (per batch) to &lt;GC dir&gt;/&lt;key&gt;.gc, one line per process.</summary>
    public void Save(string key)
    {
        var dir = BenchSettings.GcDirectory;
        if (dir is null || _batches == 0) return;
        Directory.CreateDirectory(dir);
        var (g0, g1, g2) = PerBatch;
        File.AppendAllText(Path.Combine(dir, key + ".gc"),
            string.Create(CultureInfo.InvariantCulture, $"{_batches} {g0:R} {g1:R} {g2:R}\n"));
    }
}
