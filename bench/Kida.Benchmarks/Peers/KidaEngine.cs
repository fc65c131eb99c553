using Kida.Benchmarks.Infrastructure;

namespace Kida.Benchmarks.Peers;

/// <summary>
/// Kida through its public API only: one <see cref="TemplateEnvironment"/> with autoescape on and a loader over
/// the Jinja templates; the data as plain .NET objects (dictionaries, lists, long/double/string/bool).
/// Three variants (issue #18): <c>Kida</c> with the default tiering (templates move to the compiled tier when hot;
/// <see cref="SettleTier"/> waits for that before warm figures are taken), <c>KidaInterpreted</c> with tiering off
/// (the interpreter, for the same run's comparison), and <c>KidaTyped</c>: tiered, rendering the floor's typed records
/// (the "typed models" variant of every shape) instead of dictionaries.
/// </summary>
public sealed class KidaEngine : ITemplateEngine
{
    private readonly PreparedSlots<Template> _templates = new();
    private readonly object?[] _typedModels = new object?[ShapeCatalog.Names.Length];
    private TemplateEnvironment? _environment;
    private readonly bool _tiered;
    private readonly bool _typed;

    public KidaEngine() : this("Kida") { }

    public KidaEngine(string name)
    {
        Name = name;
        _tiered = name != "KidaInterpreted";
        _typed = name == "KidaTyped";
    }

    public string Name { get; }

    public bool ExactOutput => true;

    private TemplateEnvironment Environment => _environment ??= CreateEnvironment(_tiered);

    // Sources are read from disk once per process; every environment (a fresh compile cache) shares them, so the cold
    // scenario times compiling, not file I/O — as the other engines' adapters do.
    private static readonly BenchTemplateLoader Loader = new(ShapeSyntax.Jinja);

    private static TemplateEnvironment CreateEnvironment(bool tiered) =>
        new(new TemplateEnvironmentOptions { Loader = Loader, Autoescape = true, TieredCompilation = tiered });

    public void Prepare(Shape shape)
    {
        _templates.Ensure(shape, s =>
        {
            var template = Environment.GetTemplate(Shape.FileName(ShapeSyntax.Jinja, s.Name));
            // Layouts and partials are loaded by name on first use; load them now so no render pays for it.
            foreach (var dep in s.Dependencies) Environment.GetTemplate(Shape.FileName(ShapeSyntax.Jinja, dep));
            return template;
        });
        if (_typed) _typedModels[shape.Index] ??= HandWrittenFloor.TypedModel(shape);
    }

    /// <summary>
    /// Renders until every template of the shape is on the tier this variant measures (compiled for the tiered ones,
    /// which takes the threshold's renders and the background compile), and returns "page: Compiled, …" for the log.
    /// Throws when the compiled tier is not reached within 60 s, so no figure is labelled with the wrong tier.
    /// </summary>
    public string SettleTier(Shape shape)
    {
        var templates = shape.Dependencies.Select(d => Environment.GetTemplate(Shape.FileName(ShapeSyntax.Jinja, d)))
            .Prepend(_templates.Get(shape)).ToList();
        var wanted = _tiered ? TemplateTier.Compiled : TemplateTier.Interpreted;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (templates.Any(t => t.Tier != wanted))
        {
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"{Name}/{shape.Name}: templates not on the {wanted} tier after 60 s: " +
                    string.Join(", ", templates.Select(t => $"{t.Name} {t.Tier}")) + $"; {Environment.TierStatistics}");
            Render(shape);
            Thread.Sleep(1);
        }
        return string.Join(", ", templates.Select(t => $"{t.Name}: {t.Tier}"));
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The benchmark runs untrimmed.")]
    public string Render(Shape shape) => _typed
        ? _templates.Get(shape).Render(_typedModels[shape.Index])
        : _templates.Get(shape).Render(shape.Data);

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The benchmark runs untrimmed.")]
    public void Render(Shape shape, TextWriter writer)
    {
        if (_typed) _templates.Get(shape).Render(writer, _typedModels[shape.Index]);
        else _templates.Get(shape).Render(writer, shape.Data);
    }

    public object Parse(Shape shape)
    {
        // A fresh environment has an empty template cache, so every template really compiles.
        var env = CreateEnvironment(_tiered);
        var page = env.GetTemplate(Shape.FileName(ShapeSyntax.Jinja, shape.Name));
        foreach (var dep in shape.Dependencies) env.GetTemplate(Shape.FileName(ShapeSyntax.Jinja, dep));
        return page;
    }
}

/// <summary>
/// An in-memory <see cref="ITemplateLoader"/> over one syntax folder of the shapes: sources are read once, so
/// cold-compile scenarios do not time file I/O. (Kept private to the benchmarks; it is not the library's loader.)
/// </summary>
internal sealed class BenchTemplateLoader : ITemplateLoader
{
    private readonly Dictionary<string, TemplateSource> _sources = new(StringComparer.Ordinal);

    public BenchTemplateLoader(ShapeSyntax syntax)
    {
        var root = ShapeCatalog.TemplateRoot(syntax);
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(root, path).Replace('\\', '/');
            _sources[name] = new TemplateSource(File.ReadAllText(path), path);
        }
    }

    public TemplateSource GetSource(string name) =>
        TryGetSource(name, out var source) ? source : throw new TemplateNotFoundException(name, $"template '{name}' not found");

    public bool TryGetSource(string name, out TemplateSource source) => _sources.TryGetValue(name, out source!);

    public IReadOnlyList<string> ListTemplates() => _sources.Keys.Order(StringComparer.Ordinal).ToList();
}
