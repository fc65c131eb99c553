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
/// <remarks>
/// <para>
/// A template makes one with <c>{% set row = cycler("odd", "even") %}</c> and calls <c>{{ row.next() }}</c> wherever it
/// needs the next item, across any number of loops; <c>row.items</c> lists the items. Inside a single loop
/// <c>loop.cycle("odd", "even")</c> does the same without a variable.
/// </para>
/// <para>
/// A cycler keeps a position, so it is not thread-safe: one made by a template belongs to that render. Do not put one
/// in globals or a context shared by concurrent renders.
/// </para>
/// </remarks>
public sealed class Cycler : IPyAttributes, IPyObject
{
    private readonly object?[] _items;
    private int _pos;

    /// <summary>A cycler over <paramref name="items"/>, positioned on the first.</summary>
    /// <param name="items">The items to cycle through, in order; kept, not copied.</param>
    /// <exception cref="TemplateRuntimeException"><paramref name="items"/> is empty.</exception>
    public Cycler(object?[] items)
    {
        if (items.Length == 0) throw new TemplateRuntimeException("at least one item has to be provided");
        _items = items;
    }

    /// <summary>The item the next <see cref="Next"/> call returns, without advancing (<c>row.current</c>).</summary>
    public object? Current => _items[_pos];

    /// <summary>Returns <see cref="Current"/> and moves on, back to the first item after the last (<c>row.next()</c>).</summary>
    public object? Next()
    {
        var rv = Current;
        _pos = (_pos + 1) % _items.Length;
        return rv;
    }

    /// <summary>Moves back to the first item (<c>row.reset()</c>, which prints nothing useful: <c>None</c>).</summary>
    public void Reset() => _pos = 0;

    /// <summary>Template attributes: <c>current</c>, <c>items</c> (a new list of the items) and the methods <c>next</c> and
    /// <c>reset</c>.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The attribute's value, or <see langword="null"/> for any other name.</param>
    /// <returns>Whether <paramref name="name"/> is one of the four.</returns>
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

    /// <summary>The type name in messages, <c>Cycler</c>.</summary>
    public string PyTypeName => "Cycler";

    /// <summary>How <c>{{ row }}</c> prints: <c>&lt;Cycler object&gt;</c>.</summary>
    public string PyStr() => "<Cycler object>";
}

/// <summary>Jinja2's <c>joiner(sep)</c>: returns "" the first time it is called, then the separator.</summary>
/// <remarks>
/// <para>
/// For separating items some of which may be skipped: <c>{% set comma = joiner(", ") %}</c> then
/// <c>{% for tag in tags %}{% if tag.visible %}{{ comma() }}{{ tag.name }}{% endif %}{% endfor %}</c>. The separator
/// defaults to <c>", "</c>.
/// </para>
/// <para>It remembers whether it has been called, so it is not thread-safe: use one per render.</para>
/// </remarks>
public sealed class Joiner(string separator) : IPyCallable, IPyObject
{
    private bool _used;

    /// <summary><c>comma()</c>: the empty string on the first call, the separator on every later one. Arguments are ignored.</summary>
    public object? Call(CallArguments args)
    {
        if (_used) return separator;
        _used = true;
        return "";
    }

    /// <summary>The type name in messages, <c>Joiner</c>.</summary>
    public string PyTypeName => "Joiner";

    /// <summary>How <c>{{ comma }}</c> (without parentheses) prints: <c>&lt;Joiner object&gt;</c>.</summary>
    public string PyStr() => "<Joiner object>";
}

/// <summary>
/// Jinja2's <c>namespace(**kw)</c>: a mutable attribute bag. Templates read attributes; <c>{% set ns.x = 1 %}</c>
/// writes through <see cref="Set"/>.
/// </summary>
/// <remarks>
/// <para>
/// Jinja2's way to carry a value out of a loop, where a plain <c>{% set %}</c> is scoped to the iteration:
/// <c>{% set ns = namespace(found=false) %}{% for x in items %}{% if x.ok %}{% set ns.found = true %}{% endif %}{% endfor %}{{ ns.found }}</c>.
/// <c>namespace(a=1)</c>, <c>namespace({'a': 1})</c> and <c>namespace(mapping, b=2)</c> all work, as with <c>dict()</c>. A
/// missing attribute reads as undefined.
/// </para>
/// <para>
/// Host code can read what a template stored through <see cref="Attributes"/>, or build one and pass it in the context.
/// A namespace is mutable and not thread-safe: do not share one between concurrent renders.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var ns = new Namespace();
/// ns.Set("total", 0L);
/// env.FromString("{% for p in prices %}{% set ns.total = ns.total + p %}{% endfor %}").Render(new { ns, prices = new[] { 2, 3 } });
/// var total = ns.Attributes["total"];   // 5L
/// </code>
/// </example>
public sealed class Namespace : IPyMutableAttributes, IPyObject
{
    private readonly PyDict _attrs = new();

    /// <summary>Reads an attribute (<c>ns.name</c>).</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">Its value, or <see langword="null"/> when it has never been set.</param>
    /// <returns>Whether the attribute has been set.</returns>
    public bool TryGetAttribute(string name, out object? value) => _attrs.TryGetValue(name, out value);

    /// <summary>Assigns an attribute (<c>{% set ns.name = value %}</c>).</summary>
    public void Set(string name, object? value) => _attrs[name] = value;

    /// <summary>Assigns an attribute for <c>{% set ns.name = value %}</c>; the same as <see cref="Set"/>.</summary>
    public void SetAttribute(string name, object? value) => _attrs[name] = value;

    /// <summary>The attributes set so far, by name, in the order they were first set. A live view, not a copy.</summary>
    public IReadOnlyDictionary<string, object?> Attributes => _attrs;

    /// <summary>The type name in messages, <c>Namespace</c>.</summary>
    public string PyTypeName => "Namespace";

    /// <summary>How <c>{{ ns }}</c> prints: <c>&lt;Namespace {'a': 1}&gt;</c>.</summary>
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
