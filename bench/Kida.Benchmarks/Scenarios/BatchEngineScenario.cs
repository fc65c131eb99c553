using BenchmarkDotNet.Attributes;
using Kida.Benchmarks.Infrastructure;
using Kida.Benchmarks.Peers;
using Kida.Workers;

namespace Kida.Benchmarks.Scenarios;

/// <summary>
/// The <see cref="Batch"/> scenario through Kida's own batch engine instead of <c>Parallel.For</c>: the same 2,000
/// medium renders of one compiled template, <see cref="BatchRenderer"/> with <c>Workers</c> fixed at 1 or 2 (so what
/// is timed is the engine's dispatch — the shared counter, per-job timing and tallies — not its decision). Two ways
/// of taking the outputs: <c>kept</c> is <see cref="BatchRenderer.Render(IReadOnlyList{RenderJob}, BatchOptions?, CancellationToken)"/>,
/// which returns all 2,000 strings (50 MB that survive until the batch ends, as an application that writes them
/// afterwards needs); <c>streamed</c> hands each to a sink that drops it, as <see cref="Batch"/> does.
/// The summary puts both next to the same run's ceiling (<see cref="BatchCalibration"/>).
/// </summary>
[MemoryDiagnoser]
public class BatchEngine
{
    private RenderJob[] _jobs = null!;
    private BatchOptions _options = null!;
    private readonly GcCounter _gc = new();

    [Params(1, 2)]
    public int Threads { get; set; }

    [Params("kept", "streamed")]
    public string Outputs { get; set; } = "kept";

    [GlobalSetup]
    public void GlobalSetup()
    {
        var shape = ShapeCatalog.Get("medium");
        var environment = new TemplateEnvironment(new TemplateEnvironmentOptions { Loader = new BenchTemplateLoader(ShapeSyntax.Jinja), Autoescape = true });
        var template = environment.GetTemplate(Shape.FileName(ShapeSyntax.Jinja, shape.Name));
        foreach (var dep in shape.Dependencies) environment.GetTemplate(Shape.FileName(ShapeSyntax.Jinja, dep));
        _jobs = [.. Enumerable.Range(0, Batch.Renders).Select(_ => new RenderJob(template, shape.Data))];
        _options = new BatchOptions { Workers = Threads, CostModel = new CostModel() };
        // The engine's outputs must be right on both workers before anything is timed.
        var result = BatchRenderer.Render(_jobs[..64], _options);
        foreach (var output in result.Outputs)
            if (OutputCheck.Check(output ?? "", shape.Expected, exact: true) is { } problem)
                throw new OutputMismatchException("Kida (BatchRenderer)", "medium (batch)", problem);
    }

    [Benchmark]
    public int RenderBatch()
    {
        _gc.Start();
        var result = Outputs == "kept"
            ? BatchRenderer.Render(_jobs, _options)
            : BatchRenderer.Render(_jobs.Length, i => _jobs[i], static (_, _) => { }, _options);
        _gc.Stop();
        return result.Completed;
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _gc.Save($"BatchEngine-{Outputs}-{Threads}");
}
