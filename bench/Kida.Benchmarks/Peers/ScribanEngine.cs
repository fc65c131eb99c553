using Kida.Benchmarks.Infrastructure;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Kida.Benchmarks.Peers;

using Template = Scriban.Template;
using TemplateContext = Scriban.TemplateContext;
using ITemplateLoader = Scriban.Runtime.ITemplateLoader;

/// <summary>
/// Scriban: templates parsed once; the data converted once into nested <see cref="ScriptObject"/>/<see cref="ScriptArray"/>;
/// per render a new <see cref="TemplateContext"/> with the data pushed as a global and a fresh scope on top for the
/// template's own captures (so concurrent renders never write into shared data). Included templates are parsed
/// once and handed to each context through its include cache.
/// </summary>
public sealed class ScribanEngine : ITemplateEngine
{
    private readonly PreparedSlots<Prepared> _prepared = new();
    private readonly Loader _loader = new();

    private sealed record Prepared(Template Template, ScriptObject Data, KeyValuePair<string, Template>[] Includes);

    public string Name => "Scriban";

    public bool ExactOutput => false;

    public void Prepare(Shape shape) => _prepared.Ensure(shape, s =>
    {
        var data = (ScriptObject)ToScriban(s.Data)!;
        var includes = s.Dependencies.Select(d => new KeyValuePair<string, Template>(d, ParseOne(s.Source(ShapeSyntax.Scriban, d), d))).ToArray();
        return new Prepared(ParseOne(s.Source(ShapeSyntax.Scriban, s.Name), s.Name), data, includes);
    });

    private static Template ParseOne(string source, string name)
    {
        var template = Template.Parse(source, name);
        if (template.HasErrors) throw new InvalidOperationException("Scriban parse error: " + string.Join("; ", template.Messages));
        return template;
    }

    private TemplateContext NewContext(Prepared p)
    {
        var context = new TemplateContext { TemplateLoader = _loader };
        foreach (var kv in p.Includes) context.CachedTemplates[kv.Key] = kv.Value;
        context.PushGlobal(p.Data);
        context.PushGlobal(new ScriptObject());
        return context;
    }

    public string Render(Shape shape)
    {
        var p = _prepared.Get(shape);
        return p.Template.Render(NewContext(p));
    }

    public void Render(Shape shape, TextWriter writer)
    {
        var p = _prepared.Get(shape);
        var context = NewContext(p);
        context.PushOutput(new TextWriterOutput(writer));
        _ = p.Template.Render(context); // the text went to the writer; the returned string is the output's ToString()
        context.PopOutput();
    }

    public object Parse(Shape shape)
    {
        object? last = null;
        foreach (var name in shape.AllTemplates) last = ParseOne(shape.Source(ShapeSyntax.Scriban, name), name);
        return last!;
    }

    private static object? ToScriban(object? value) => value switch
    {
        Dictionary<string, object?> d => ToObject(d),
        List<object?> l => new ScriptArray(l.Select(ToScriban)),
        _ => value,
    };

    private static ScriptObject ToObject(Dictionary<string, object?> d)
    {
        var o = new ScriptObject(d.Count);
        foreach (var kv in d) o.SetValue(kv.Key, ToScriban(kv.Value), readOnly: false);
        return o;
    }

    /// <summary>Only reached if an include is not in the context's cache (never, once prepared).</summary>
    private sealed class Loader : ITemplateLoader
    {
        public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) => templateName;

        public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            File.ReadAllText(Path.Combine(ShapeCatalog.TemplateRoot(ShapeSyntax.Scriban), templatePath + Shape.Extension(ShapeSyntax.Scriban)));

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));
    }
}
