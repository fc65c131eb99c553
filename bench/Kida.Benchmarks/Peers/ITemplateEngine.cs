using Kida.Benchmarks.Infrastructure;

namespace Kida.Benchmarks.Peers;

/// <summary>
/// One template engine (or the hand-written floor) behind the smallest surface the scenarios need.
/// <see cref="Prepare"/> does every one-off cost (data conversion, parse, compile) outside measurement;
/// the render methods then only render.
/// </summary>
public interface ITemplateEngine
{
    /// <summary>Short name used in benchmark parameters and reports (e.g. "Kida", "Fluid").</summary>
    string Name { get; }

    /// <summary>Whether the output must equal expected/&lt;shape&gt;.html byte for byte (Kida and the floor).</summary>
    bool ExactOutput { get; }

    /// <summary>Converts the shape's data the engine's idiomatic way and compiles its templates. Idempotent.</summary>
    void Prepare(Shape shape);

    /// <summary>Renders a prepared shape to a string.</summary>
    string Render(Shape shape);

    /// <summary>Renders a prepared shape into a writer.</summary>
    void Render(Shape shape, TextWriter writer);

    /// <summary>
    /// Cold parse and compile of every template the shape needs (page, layouts, partials) from source text
    /// already in memory, with a fresh engine cache each time. Returns the compiled artefact so it is not elided.
    /// </summary>
    object Parse(Shape shape);
}

/// <summary>The engines in report order; the floor last.</summary>
public static class Engines
{
    public static readonly string[] Names = ["Kida", "KidaInterpreted", "KidaTyped", "Fluid", "Scriban", "Handlebars", "DotLiquid", "HandWrittenFloor", "DictionaryFloor"];

    public static readonly string[] Peers = ["Fluid", "Scriban", "Handlebars", "DotLiquid"];

    public static ITemplateEngine Create(string name) => name switch
    {
        "Kida" or "KidaInterpreted" or "KidaTyped" => new KidaEngine(name),
        "Fluid" => new FluidEngine(),
        "Scriban" => new ScribanEngine(),
        "Handlebars" => new HandlebarsEngine(),
        "DotLiquid" => new DotLiquidEngine(),
        "HandWrittenFloor" or "Floor" => new HandWrittenFloor(),
        "DictionaryFloor" => new DictionaryFloor(),
        _ => throw new ArgumentException($"unknown engine '{name}' (known: {string.Join(", ", Names)})"),
    };

    /// <summary>Resolves a case-insensitive name (or "floor") to its canonical spelling.</summary>
    public static string Canonical(string name)
    {
        if (name.Equals("floor", StringComparison.OrdinalIgnoreCase)) return "HandWrittenFloor";
        return Names.FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"unknown engine '{name}' (known: {string.Join(", ", Names)})");
    }
}

/// <summary>Per-shape prepared state, indexed by <see cref="Shape.Index"/> (an array read, not a dictionary lookup).</summary>
internal sealed class PreparedSlots<T> where T : class
{
    private readonly T?[] _slots = new T?[ShapeCatalog.Names.Length];
    private readonly Lock _lock = new();

    public T Get(Shape shape) => _slots[shape.Index] ?? throw new InvalidOperationException($"shape '{shape.Name}' was not prepared");

    public void Ensure(Shape shape, Func<Shape, T> create)
    {
        if (_slots[shape.Index] is not null) return;
        lock (_lock) _slots[shape.Index] ??= create(shape);
    }
}
