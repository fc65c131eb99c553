using BenchmarkDotNet.Attributes;
using Kida.Benchmarks.Infrastructure;
using Kida.Benchmarks.Peers;

namespace Kida.Benchmarks.Scenarios;

/// <summary>Warm render to a string: templates compiled and data converted in GlobalSetup.</summary>
[MemoryDiagnoser]
public class WarmRender
{
    private ITemplateEngine _engine = null!;
    private Shape _shape = null!;

    [ParamsSource(typeof(Setup), nameof(Setup.Engines))]
    public string Engine { get; set; } = "";

    [ParamsSource(typeof(Setup), nameof(Setup.Shapes))]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void GlobalSetup()
    {
        _shape = ShapeCatalog.Get(Shape);
        _engine = Setup.PrepareChecked(Engine, _shape);
    }

    [Benchmark]
    public string Render() => _engine.Render(_shape);
}

/// <summary>Warm render into a reused TextWriter that only counts characters (streaming path, no output string).</summary>
[MemoryDiagnoser]
public class WriterRender
{
    private ITemplateEngine _engine = null!;
    private Shape _shape = null!;
    private readonly CountingWriter _writer = new();

    [ParamsSource(typeof(Setup), nameof(Setup.Engines))]
    public string Engine { get; set; } = "";

    [ParamsSource(typeof(Setup), nameof(Setup.Shapes))]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void GlobalSetup()
    {
        _shape = ShapeCatalog.Get(Shape);
        _engine = Setup.PrepareChecked(Engine, _shape);
    }

    [Benchmark]
    public long RenderToWriter()
    {
        _writer.Reset();
        _engine.Render(_shape, _writer);
        return _writer.Count;
    }
}

/// <summary>Cold parse + compile of every template a shape needs, with a fresh engine cache each time.</summary>
[MemoryDiagnoser]
public class ColdParse
{
    private ITemplateEngine _engine = null!;
    private Shape _shape = null!;

    [ParamsSource(typeof(Setup), nameof(Setup.Engines))]
    public string Engine { get; set; } = "";

    [ParamsSource(typeof(Setup), nameof(Setup.Shapes))]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void GlobalSetup()
    {
        _shape = ShapeCatalog.Get(Shape);
        // Checked like the others, so an engine that cannot render the shape is never timed parsing it.
        _engine = Setup.PrepareChecked(Engine, _shape);
    }

    [Benchmark]
    public object Parse() => _engine.Parse(_shape);
}
