using System.Diagnostics;
using Kida.Benchmarks.Scenarios;

namespace Kida.Benchmarks.Infrastructure;

/// <summary>
/// <c>--batch-probe</c>: the batch scenario without BenchmarkDotNet, for a fast look at parallel scaling. For each
/// engine, alternates 1-thread and 2-thread batches (so machine noise hits both alike) for several rounds and prints
/// median ms per batch, the speedup, GC collections per batch, and the same for the calibration loop; then the same
/// batch rendered into <see cref="TextWriter.Null"/> (no output string allocated).
/// </summary>
public static class BatchProbe
{
    public static int Run(IReadOnlyList<string> engines, int rounds)
    {
        Console.WriteLine($"Batch probe: {Batch.Renders} medium renders per batch, {rounds} rounds, 1 vs 2 threads (Environment.ProcessorCount = {Environment.ProcessorCount}, server GC = {System.Runtime.GCSettings.IsServerGC}).");
        Console.WriteLine($"{"engine",-18} {"1t ms",9} {"2t ms",9} {"speedup",8}   GC g0/g1/g2 per batch 1t | 2t");
        var c1 = new BatchCalibration { Threads = 1 };
        var c2 = new BatchCalibration { Threads = 2 };
        c1.GlobalSetup();
        c2.GlobalSetup();
        Report("calibration", () => c1.ArithmeticBatch(), () => c2.ArithmeticBatch(), rounds);
        foreach (var engine in engines)
        {
            try
            {
                var b1 = new Batch { Engine = engine, Threads = 1 };
                var b2 = new Batch { Engine = engine, Threads = 2 };
                b1.GlobalSetup();
                b2.GlobalSetup();
                Report(engine, b1.RenderBatch, b2.RenderBatch, rounds);
                // The same batch rendered into TextWriter.Null: no output string, so what is left of any scaling gap
                // is not the cost of allocating the output.
                var shape = ShapeCatalog.Get("medium");
                var prepared = Setup.PrepareChecked(engine, shape);
                void Writers(int threads) => Parallel.For(0, Batch.Renders, new ParallelOptions { MaxDegreeOfParallelism = threads },
                    _ => prepared.Render(shape, TextWriter.Null));
                Report(engine + " (writer)", () => Writers(1), () => Writers(2), rounds);
            }
            catch (Exception ex)
            {
                Console.WriteLine($"{engine,-18} failed: {ex.GetBaseException().Message}");
            }
        }
        return 0;
    }

    private static void Report(string name, Action one, Action two, int rounds)
    {
        one(); two(); // warm up (JIT, tiering, pools)
        var t1 = new List<double>();
        var t2 = new List<double>();
        var gc1 = new GcCounter();
        var gc2 = new GcCounter();
        for (var r = 0; r < rounds; r++)
        {
            t1.Add(Time(one, gc1));
            t2.Add(Time(two, gc2));
        }
        var m1 = Median(t1);
        var m2 = Median(t2);
        var (a0, a1, a2) = gc1.PerBatch;
        var (b0, b1, b2) = gc2.PerBatch;
        Console.WriteLine($"{name,-18} {m1,9:F1} {m2,9:F1} {m1 / m2,7:F2}×   {a0:0.#}/{a1:0.#}/{a2:0.#} | {b0:0.#}/{b1:0.#}/{b2:0.#}");
    }

    private static double Time(Action action, GcCounter gc)
    {
        gc.Start();
        var sw = Stopwatch.StartNew();
        action();
        sw.Stop();
        gc.Stop();
        return sw.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> v)
    {
        v.Sort();
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
    }
}
