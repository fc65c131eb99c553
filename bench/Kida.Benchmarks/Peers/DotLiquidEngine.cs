using System.Globalization;
using DotLiquid;
using DotLiquid.FileSystems;
using Kida.Benchmarks.Infrastructure;

namespace Kida.Benchmarks.Peers;

using Template = DotLiquid.Template;

/// <summary>
/// DotLiquid: templates parsed once and made thread-safe; the data converted once with
/// <see cref="Hash.FromDictionary"/> (nested objects as hashes, arrays as lists); includes served by a file system
/// that hands out pre-parsed templates.
/// </summary>
public sealed class DotLiquidEngine : ITemplateEngine
{
    private static readonly PreparsedFileSystem FileSystem = new();
    private readonly PreparedSlots<Prepared> _prepared = new();

    static DotLiquidEngine() => Template.FileSystem = FileSystem;

    private sealed record Prepared(Template Template, Hash Data);

    public string Name => "DotLiquid";

    public bool ExactOutput => false;

    public void Prepare(Shape shape) => _prepared.Ensure(shape, s =>
    {
        foreach (var dep in s.Dependencies) FileSystem.Add(dep, ParseOne(s.Source(ShapeSyntax.Liquid, dep)));
        return new Prepared(ParseOne(s.Source(ShapeSyntax.Liquid, s.Name)), ToHash(s.Data));
    });

    private static Template ParseOne(string source)
    {
        var template = Template.Parse(source);
        template.MakeThreadSafe();
        return template;
    }

    private static RenderParameters Parameters(Prepared p) => new(CultureInfo.InvariantCulture) { LocalVariables = p.Data, ErrorsOutputMode = ErrorsOutputMode.Rethrow };

    public string Render(Shape shape)
    {
        var p = _prepared.Get(shape);
        return p.Template.Render(Parameters(p));
    }

    public void Render(Shape shape, TextWriter writer)
    {
        var p = _prepared.Get(shape);
        p.Template.Render(writer, Parameters(p));
    }

    public object Parse(Shape shape)
    {
        object? last = null;
        foreach (var name in shape.AllTemplates) last = Template.Parse(shape.Source(ShapeSyntax.Liquid, name));
        return last!;
    }

    private static Hash ToHash(Dictionary<string, object?> d) =>
        Hash.FromDictionary(d.ToDictionary(kv => kv.Key, kv => ToLiquid(kv.Value)));

    private static object? ToLiquid(object? value) => value switch
    {
        Dictionary<string, object?> d => ToHash(d),
        List<object?> l => l.Select(ToLiquid).ToList(),
        _ => value,
    };

    private sealed class PreparsedFileSystem : ITemplateFileSystem
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Template> _templates = new(StringComparer.Ordinal);

        public void Add(string name, Template template) => _templates[name] = template;

        public Template GetTemplate(Context context, string templateName) =>
            _templates.TryGetValue(Unquote(templateName), out var t) ? t : throw new InvalidOperationException("include not prepared: " + templateName);

        public string ReadTemplateFile(Context context, string templateName) =>
            File.ReadAllText(Path.Combine(ShapeCatalog.TemplateRoot(ShapeSyntax.Liquid), Unquote(templateName) + ".liquid"));

        private static string Unquote(string name) => name.Trim('\'', '"');
    }
}
