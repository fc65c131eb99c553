using Kida.Benchmarks.Infrastructure;
using Kida.Benchmarks.Peers;

namespace Kida.Benchmarks.Scenarios;

/// <summary>Shared GlobalSetup logic: prepare an engine for a shape and refuse to time it unless its output is right.</summary>
public static class Setup
{
    public static IEnumerable<string> Engines => BenchSettings.Engines;

    public static IEnumerable<string> Shapes => BenchSettings.Shapes;

    /// <summary>Creates and prepares the engine, then checks both render paths against the expected HTML.</summary>
    public static ITemplateEngine PrepareChecked(string engineName, Shape shape)
    {
        var engine = Peers.Engines.Create(engineName);
        engine.Prepare(shape);
        Verify(engine, shape);
        return engine;
    }

    /// <summary>Throws <see cref="OutputMismatchException"/> when the string or writer output is wrong.</summary>
    public static void Verify(ITemplateEngine engine, Shape shape)
    {
        var text = engine.Render(shape);
        if (OutputCheck.Check(text, shape.Expected, engine.ExactOutput) is { } problem)
            throw new OutputMismatchException(engine.Name, shape.Name, "Render(): " + problem);
        var writer = new StringWriter();
        engine.Render(shape, writer);
        if (OutputCheck.Check(writer.ToString(), shape.Expected, engine.ExactOutput) is { } problem2)
            throw new OutputMismatchException(engine.Name, shape.Name, "Render(TextWriter): " + problem2);
    }
}
