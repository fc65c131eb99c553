using System.Diagnostics;
using Kida.Benchmarks.Peers;
using Kida.Benchmarks.Scenarios;

namespace Kida.Benchmarks.Infrastructure;

/// <summary>
/// <c>--smoke</c>: runs every scenario once per engine × shape with no timing, checks every output and reports per
/// engine. Returns non-zero when anything mismatches or throws. Meant for CI; takes seconds.
/// </summary>
public static class Smoke
{
    public static int Run(IReadOnlyList<string> engines, IReadOnlyList<string> shapes)
    {
        var clock = Stopwatch.StartNew();
        var failedEngines = new List<string>();
        Console.WriteLine($"Smoke: {engines.Count} engine(s) × {shapes.Count} shape(s); scenarios: render, writer, cold parse, batch (medium, 1 and 2 threads); plus calibration.");
        foreach (var name in engines)
        {
            var failures = new List<string>();
            foreach (var shapeName in shapes)
            {
                var shape = ShapeCatalog.Get(shapeName);
                Step(failures, shapeName, "prepare+render", () => Setup.PrepareChecked(name, shape));
                Step(failures, shapeName, "counting writer", () =>
                {
                    var engine = Engines.Create(name);
                    engine.Prepare(shape);
                    var counter = new CountingWriter();
                    engine.Render(shape, counter);
                    var expectedLength = engine.Render(shape).Length;
                    if (counter.Count != expectedLength)
                        throw new OutputMismatchException(name, shapeName, $"writer received {counter.Count} chars, Render() returned {expectedLength}");
                });
                Step(failures, shapeName, "cold parse", () =>
                {
                    var engine = Engines.Create(name);
                    if (engine.Parse(shape) is null) throw new InvalidOperationException("Parse returned null");
                    if (engine.Parse(shape) is null) throw new InvalidOperationException("second Parse returned null");
                });
            }
            foreach (var threads in new[] { 1, 2 })
            {
                Step(failures, "medium", $"batch x{threads}", () =>
                {
                    var batch = new Batch { Engine = name, Threads = threads };
                    batch.GlobalSetup();
                    batch.RenderBatch();
                });
            }
            var status = failures.Count == 0 ? "PASS" : "FAIL";
            Console.WriteLine($"[{status}] {name}");
            foreach (var f in failures) Console.WriteLine("    " + f.Replace("\n", "\n    "));
            if (failures.Count > 0) failedEngines.Add(name);
        }

        var calibrationFailures = new List<string>();
        foreach (var threads in new[] { 1, 2 })
        {
            Step(calibrationFailures, "-", $"calibration x{threads}", () =>
            {
                var c = new BatchCalibration { Threads = threads };
                c.GlobalSetup();
                var a = c.ArithmeticBatch();
                if (a != BatchCalibration.Work(Batch.Renders)) throw new InvalidOperationException("calibration result is wrong");
            });
        }
        Console.WriteLine($"[{(calibrationFailures.Count == 0 ? "PASS" : "FAIL")}] BatchCalibration");
        foreach (var f in calibrationFailures) Console.WriteLine("    " + f);
        if (calibrationFailures.Count > 0) failedEngines.Add("BatchCalibration");

        Console.WriteLine(failedEngines.Count == 0
            ? $"Smoke passed in {clock.Elapsed.TotalSeconds:F1}s."
            : $"Smoke FAILED for: {string.Join(", ", failedEngines)} ({clock.Elapsed.TotalSeconds:F1}s).");
        return failedEngines.Count == 0 ? 0 : 1;
    }

    private static void Step(List<string> failures, string shape, string scenario, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            var e = ex is AggregateException { InnerExceptions.Count: 1 } agg ? agg.InnerExceptions[0] : ex;
            var message = e is OutputMismatchException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            failures.Add($"{shape} / {scenario}: {message}");
        }
    }
}
