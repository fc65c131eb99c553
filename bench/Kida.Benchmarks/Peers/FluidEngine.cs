using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;
using Kida.Benchmarks.Infrastructure;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Kida.Benchmarks.Peers;

/// <summary>
/// Fluid (Liquid): one shared <see cref="FluidParser"/> and <see cref="TemplateOptions"/> whose file provider serves
/// the Liquid includes from memory; the data converted once into a tree of <see cref="FluidValue"/>s; a new
/// <see cref="TemplateContext"/> per render, as Fluid's documentation recommends.
/// </summary>
public sealed class FluidEngine : ITemplateEngine
{
    private static readonly FluidParser Parser = new();
    private readonly TemplateOptions _options = CreateOptions();
    private readonly PreparedSlots<Prepared> _prepared = new();

    private sealed record Prepared(IFluidTemplate Template, KeyValuePair<string, FluidValue>[] Globals);

    public string Name => "Fluid";

    public bool ExactOutput => false;

    private static TemplateOptions CreateOptions() => new() { FileProvider = new InMemoryFileProvider(ShapeSyntax.Liquid) };

    public void Prepare(Shape shape) => _prepared.Ensure(shape, s =>
    {
        var globals = s.Data.Select(kv => new KeyValuePair<string, FluidValue>(kv.Key, ToFluid(kv.Value))).ToArray();
        return new Prepared(ParseOne(s.Source(ShapeSyntax.Liquid, s.Name)), globals);
    });

    private static IFluidTemplate ParseOne(string source) =>
        Parser.TryParse(source, out var template, out var error) ? template : throw new InvalidOperationException("Fluid parse error: " + error);

    private TemplateContext NewContext(Prepared p)
    {
        var context = new TemplateContext(_options);
        foreach (var kv in p.Globals) context.SetValue(kv.Key, kv.Value);
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
        var task = p.Template.RenderAsync(writer, NullEncoder.Default, NewContext(p));
        if (!task.IsCompletedSuccessfully) task.AsTask().GetAwaiter().GetResult();
    }

    public object Parse(Shape shape)
    {
        object? last = null;
        foreach (var name in shape.AllTemplates) last = ParseOne(shape.Source(ShapeSyntax.Liquid, name));
        return last!;
    }

    /// <summary>Converts plain data to Fluid values once (objects → dictionary values, lists → arrays, numbers → decimals).</summary>
    private static FluidValue ToFluid(object? value) => value switch
    {
        null => NilValue.Instance,
        string s => StringValue.Create(s),
        bool b => BooleanValue.Create(b),
        long l => NumberValue.Create(l),
        double d => NumberValue.Create((decimal)d),
        Dictionary<string, object?> d => new DictionaryValue(new FluidValueDictionaryFluidIndexable(
            d.ToDictionary(kv => kv.Key, kv => ToFluid(kv.Value)))),
        List<object?> l => new ArrayValue(l.Select(ToFluid).ToArray()),
        _ => throw new NotSupportedException(value.GetType().Name),
    };

    /// <summary>Serves the Liquid templates (read once) to Fluid's include tag.</summary>
    private sealed class InMemoryFileProvider : IFileProvider
    {
        private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

        public InMemoryFileProvider(ShapeSyntax syntax)
        {
            var root = ShapeCatalog.TemplateRoot(syntax);
            foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
                _files[Path.GetRelativePath(root, path).Replace('\\', '/')] = File.ReadAllBytes(path);
        }

        public IFileInfo GetFileInfo(string subpath) =>
            _files.TryGetValue(subpath.TrimStart('/'), out var bytes) ? new MemoryFileInfo(subpath, bytes) : new NotFoundFileInfo(subpath);

        public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

        public IChangeToken Watch(string filter) => NullChangeToken.Singleton;
    }

    private sealed class MemoryFileInfo(string path, byte[] bytes) : IFileInfo
    {
        private static readonly DateTimeOffset Stamp = DateTimeOffset.UnixEpoch;

        public bool Exists => true;
        public long Length => bytes.Length;
        public string? PhysicalPath => null;
        public string Name => Path.GetFileName(path);
        public DateTimeOffset LastModified => Stamp;
        public bool IsDirectory => false;
        public Stream CreateReadStream() => new MemoryStream(bytes, writable: false);
    }
}
