using Kida.Benchmarks.Infrastructure;

namespace Kida.Benchmarks.Peers;

/// <summary>
/// Kida through its public API only: one <see cref="TemplateEnvironment"/> with autoescape on and a loader over
/// the Jinja templates; the data as plain .NET objects (dictionaries, lists, long/double/string/bool).
/// </summary>
public sealed class KidaEngine : ITemplateEngine
{
    private readonly PreparedSlots<Template> _templates = new();
    private TemplateEnvironment? _environment;

    public string Name => "Kida";

    public bool ExactOutput => true;

    private TemplateEnvironment Environment => _environment ??= CreateEnvironment();

    // Sources are read from disk once per process; every environment (a fresh compile cache) shares them, so the cold
    // scenario times compiling, not file I/O — as the other engines' adapters do.
    private static readonly BenchTemplateLoader Loader = new(ShapeSyntax.Jinja);

    private static TemplateEnvironment CreateEnvironment() =>
        new(new TemplateEnvironmentOptions { Loader = Loader, Autoescape = true });

    public void Prepare(Shape shape) => _templates.Ensure(shape, s =>
    {
        var template = Environment.GetTemplate(Shape.FileName(ShapeSyntax.Jinja, s.Name));
        // Layouts and partials are loaded by name on first use; load them now so no render pays for it.
        foreach (var dep in s.Dependencies) Environment.GetTemplate(Shape.FileName(ShapeSyntax.Jinja, dep));
        return template;
    });

    public string Render(Shape shape) => _templates.Get(shape).Render(shape.Data);

    public void Render(Shape shape, TextWriter writer) => _templates.Get(shape).Render(writer, shape.Data);

    public object Parse(Shape shape)
    {
        // A fresh environment has an empty template cache, so every template really compiles.
        var env = CreateEnvironment();
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
