using System.Text;
using Kida.Runtime.Values;

namespace Kida.Runtime.Globals;

/// <summary>A callable attribute of a runtime object (<c>cycler.next</c>): a method bound to its owner.</summary>
internal sealed class BuiltinMethod(string name, Func<CallArguments, object?> body) : IPyCallable, IPyObject
{
    public string Name { get; } = name;
    public object? Call(CallArguments args) => body(args);
    public string PyTypeName => "method";
    public string PyStr() => $"<bound method {Name}>";
}

/// <summary>Jinja2's <c>cycler(*items)</c>: <c>.next()</c> returns the current item and advances; <c>.current</c>; <c>.reset()</c>.</summary>
public sealed class Cycler : IPyAttributes, IPyObject
{
    private readonly object?[] _items;
    private int _pos;

    public Cycler(object?[] items)
    {
        if (items.Length == 0) throw new TemplateRuntimeException("at least one item has to be provided");
        _items = items;
    }

    public object? Current => _items[_pos];

    public object? Next()
    {
        var rv = Current;
        _pos = (_pos + 1) % _items.Length;
        return rv;
    }

    public void Reset() => _pos = 0;

    public bool TryGetAttribute(string name, out object? value)
    {
        switch (name)
        {
            case "current": value = Current; return true;
            case "items": value = _items.ToList(); return true;
            case "next": value = new BuiltinMethod("Cycler.next", _ => Next()); return true;
            case "reset": value = new BuiltinMethod("Cycler.reset", _ => { Reset(); return null; }); return true;
            default: value = null; return false;
        }
    }

    public string PyTypeName => "Cycler";
    public string PyStr() => "<Cycler object>";
}

/// <summary>Jinja2's <c>joiner(sep)</c>: returns "" the first time it is called, then the separator.</summary>
public sealed class Joiner(string separator) : IPyCallable, IPyObject
{
    private bool _used;

    public object? Call(CallArguments args)
    {
        if (_used) return separator;
        _used = true;
        return "";
    }

    public string PyTypeName => "Joiner";
    public string PyStr() => "<Joiner object>";
}

/// <summary>
/// Jinja2's <c>namespace(**kw)</c>: a mutable attribute bag. Templates read attributes; <c>{% set ns.x = 1 %}</c>
/// writes through <see cref="Set"/>.
/// </summary>
public sealed class Namespace : IPyMutableAttributes, IPyObject
{
    private readonly PyDict _attrs = new();

    public bool TryGetAttribute(string name, out object? value) => _attrs.TryGetValue(name, out value);

    /// <summary>Assigns an attribute (<c>{% set ns.name = value %}</c>).</summary>
    public void Set(string name, object? value) => _attrs[name] = value;

    public void SetAttribute(string name, object? value) => _attrs[name] = value;

    public IReadOnlyDictionary<string, object?> Attributes => _attrs;

    public string PyTypeName => "Namespace";
    public string PyStr() => $"<Namespace {PyFormat.Repr(_attrs)}>";
}

/// <summary>The <c>lipsum</c> text generator (deterministic: a fixed seed per call).</summary>
internal static class Lipsum
{
    private static readonly string[] Words = (
        "a ac accumsan ad adipiscing aenean aliquam aliquet amet ante aptent arcu at auctor augue bibendum blandit " +
        "class commodo condimentum congue consectetuer consequat conubia convallis cras cubilia cum curabitur " +
        "curae cursus dapibus diam dictum dictumst dignissim dis dolor donec dui duis egestas eget eleifend elementum " +
        "elit enim erat eros est et etiam eu euismod facilisi facilisis fames faucibus felis fermentum feugiat " +
        "fringilla fusce gravida habitant habitasse hac hendrerit hymenaeos iaculis id imperdiet in inceptos integer " +
        "interdum ipsum justo lacinia lacus laoreet lectus leo libero ligula litora lobortis lorem luctus maecenas " +
        "magna magnis malesuada massa mattis mauris metus mi molestie mollis montes morbi mus nam nascetur natoque " +
        "nec neque netus nibh nisi nisl non nonummy nostra nulla nullam nunc odio orci ornare parturient pede " +
        "pellentesque penatibus per pharetra phasellus placerat platea porta porttitor posuere potenti praesent " +
        "pretium primis proin pulvinar purus quam quis quisque rhoncus ridiculus risus rutrum sagittis sapien " +
        "scelerisque sed sem semper senectus sit sociis sociosqu sodales sollicitudin suscipit suspendisse taciti " +
        "tellus tempor tempus tincidunt torquent tortor tristique turpis ullamcorper ultrices ultricies urna ut " +
        "varius vehicula vel velit venenatis vestibulum vitae vivamus viverra volutpat vulputate").Split(' ');

    public static object Generate(int n, bool html, int min, int max)
    {
        var random = new Random(20240601);
        if (min < 1) min = 1;
        if (max < min) max = min;
        var paragraphs = new List<string>();
        for (var p = 0; p < n; p++)
        {
            var sb = new StringBuilder();
            var nextCapitalized = true;
            var lastComma = 0;
            var lastFullstop = 0;
            string? last = null;
            var count = random.Next(min, max + 1);
            for (var i = 0; i < count; i++)
            {
                string word;
                do word = Words[random.Next(Words.Length)];
                while (word == last);
                last = word;
                if (nextCapitalized)
                {
                    word = char.ToUpperInvariant(word[0]) + word[1..];
                    nextCapitalized = false;
                }
                if (i - random.Next(3, 8) > lastComma) { lastComma = i; lastFullstop += 2; word += ","; }
                if (i - random.Next(10, 20) > lastFullstop) { lastComma = lastFullstop = i; word += "."; nextCapitalized = true; }
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(word);
            }
            var text = sb.ToString();
            if (text.EndsWith(',')) text = text[..^1] + ".";
            else if (!text.EndsWith('.')) text += ".";
            paragraphs.Add(text);
        }
        if (!html) return string.Join("\n\n", paragraphs);
        return new Markup(string.Join("\n", paragraphs.Select(x => $"<p>{Output.HtmlEscaper.Escape(x)}</p>")));
    }
}
