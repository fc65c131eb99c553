using BenchmarkDotNet.Attributes;
using Kida.Benchmarks.Infrastructure;
using Kida.Benchmarks.Peers;

namespace Kida.Benchmarks.Scenarios;

/// <summary>
/// Engine × shape parameters and the checked set-up every per-render scenario shares: the engine's output is
/// compared with the expected output before anything is timed, so no engine is timed doing less work.
/// </summary>
[MemoryDiagnoser]
public abstract class ShapeScenario
{
    protected ITemplateEngine EngineUnderTest { get; private set; } = null!;
    protected Shape CurrentShape { get; private set; } = null!;

    [ParamsSource(typeof(Setup), nameof(Setup.Engines))]
    public string Engine { get; set; } = "";

    [ParamsSource(typeof(Setup), nameof(Setup.Shapes))]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void GlobalSetup()
    {
        CurrentShape = ShapeCatalog.Get(Shape);
        EngineUnderTest = Setup.PrepareChecked(Engine, CurrentShape);
        // Issue #18: warm figures of the tiered Kida variants are taken on the compiled tier, never during the switch.
        if (EngineUnderTest is KidaEngine kida && this is not ColdParse)
            Console.WriteLine($"// Kida tier ({Engine}, {Shape}): {kida.SettleTier(CurrentShape)}");
    }
}

/// <summary>Warm render to a string: templates compiled and data converted in GlobalSetup.</summary>
public class WarmRender : ShapeScenario
{
    [Benchmark]
    public string Render() => EngineUnderTest.Render(CurrentShape);
}

/// <summary>Warm render into a reused TextWriter that only counts characters (streaming path, no output string).</summary>
public class WriterRender : ShapeScenario
{
    private readonly CountingWriter _writer = new();

    [Benchmark]
    public long RenderToWriter()
    {
        _writer.Reset();
        EngineUnderTest.Render(CurrentShape, _writer);
        return _writer.Count;
    }
}

/// <summary>Cold parse + compile of every template a shape needs, with a fresh engine cache each time.</summary>
public class ColdParse : ShapeScenario
{
    [Benchmark]
    public object Parse() => EngineUnderTest.Parse(CurrentShape);
}
