using System.Text.Json;

namespace Kida.Benchmarks.Infrastructure;

/// <summary>The template syntaxes the shapes are written in (folder and file extension under Shapes/templates).</summary>
public enum ShapeSyntax { Jinja, Liquid, Scriban, Handlebars }

/// <summary>
/// One benchmark workload: the templates it needs in every syntax, its data and its expected output.
/// Everything is read from disk once, when the shape is first asked for, never during a measurement.
/// </summary>
public sealed class Shape
{
    private readonly Dictionary<(ShapeSyntax, string), string> _sources = new();

    internal Shape(int index, string name, string[] dependencies)
    {
        Index = index;
        Name = name;
        Dependencies = dependencies;
        var root = ShapeCatalog.Root;
        Json = File.ReadAllText(Path.Combine(root, "data", name + ".json"));
        Expected = File.ReadAllText(Path.Combine(root, "expected", name + ".html"));
        using var doc = JsonDocument.Parse(Json);
        Data = (Dictionary<string, object?>)PlainData.FromJson(doc.RootElement)!;
    }

    /// <summary>Position in <see cref="ShapeCatalog.All"/>; engines index their prepared state by it.</summary>
    public int Index { get; }

    public string Name { get; }

    /// <summary>Layouts and partials the page needs, as extension-less names relative to the syntax folder.</summary>
    public IReadOnlyList<string> Dependencies { get; }

    /// <summary>The JSON text of the data (identical for every engine).</summary>
    public string Json { get; }

    /// <summary>The data as plain .NET objects: Dictionary&lt;string, object?&gt;, List&lt;object?&gt;, long, double, string, bool.</summary>
    public Dictionary<string, object?> Data { get; }

    /// <summary>Jinja2 3.1.6's output (autoescape on).</summary>
    public string Expected { get; }

    /// <summary>Every template of this shape (page first, then its dependencies) as extension-less names.</summary>
    public IEnumerable<string> AllTemplates => Dependencies.Prepend(Name);

    public static string Extension(ShapeSyntax syntax) => syntax switch
    {
        ShapeSyntax.Jinja => ".html",
        ShapeSyntax.Liquid => ".liquid",
        ShapeSyntax.Scriban => ".sbn",
        ShapeSyntax.Handlebars => ".hbs",
        _ => throw new ArgumentOutOfRangeException(nameof(syntax)),
    };

    public static string Folder(ShapeSyntax syntax) => syntax.ToString().ToLowerInvariant();

    /// <summary>The file name (with extension) of a template of this shape in a syntax, e.g. <c>layouts/base.html</c>.</summary>
    public static string FileName(ShapeSyntax syntax, string name) => name + Extension(syntax);

    /// <summary>The source text of a template (page or dependency), cached after the first read.</summary>
    public string Source(ShapeSyntax syntax, string name)
    {
        lock (_sources)
        {
            if (!_sources.TryGetValue((syntax, name), out var text))
            {
                text = File.ReadAllText(Path.Combine(ShapeCatalog.TemplateRoot(syntax), FileName(syntax, name)));
                _sources[(syntax, name)] = text;
            }
            return text;
        }
    }

    public override string ToString() => Name;
}

/// <summary>The five shapes, in increasing size (complex last).</summary>
public static class ShapeCatalog
{
    public static readonly string[] Names = ["minimal", "small", "medium", "large", "complex"];

    private static readonly Lazy<Shape[]> _all = new(() =>
        Names.Select((n, i) => new Shape(i, n, n == "complex" ? ["layouts/section", "layouts/base", "partials/byline"] : [])).ToArray());

    public static string Root { get; } = FindRoot();

    public static IReadOnlyList<Shape> All => _all.Value;

    public static Shape Get(string name) =>
        All.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"unknown shape '{name}' (known: {string.Join(", ", Names)})");

    public static string TemplateRoot(ShapeSyntax syntax) => Path.Combine(Root, "templates", Shape.Folder(syntax));

    private static string FindRoot()
    {
        // Copied next to the binary by the project file; BenchmarkDotNet's generated projects run from a
        // sub-folder, so also walk up looking for it.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Shapes");
            if (File.Exists(Path.Combine(candidate, "data", "minimal.json"))) return candidate;
            candidate = Path.Combine(dir.FullName, "bench", "Kida.Benchmarks", "Shapes");
            if (File.Exists(Path.Combine(candidate, "data", "minimal.json"))) return candidate;
        }
        throw new DirectoryNotFoundException("cannot find the Shapes folder (data/, templates/, expected/) near " + AppContext.BaseDirectory);
    }
}
