using Kida.Runtime.Values;

namespace Kida;

/// <summary>
/// The arguments of a filter, test or function call: positional values first, then named ones.
/// The arrays may be shared between calls (constant arguments are pre-computed): never mutate them.
/// </summary>
public readonly struct CallArguments
{
    private static readonly KeyValuePair<string, object?>[] NoNamed = [];

    public CallArguments(object?[] positional, KeyValuePair<string, object?>[]? named = null) : this(positional, named, null) { }

    internal CallArguments(object?[] positional, KeyValuePair<string, object?>[]? named, Kida.Runtime.RenderContext? context)
    {
        Positional = positional;
        Named = named ?? NoNamed;
        Context = context;
    }

    public static CallArguments Empty => new([]);

    public IReadOnlyList<object?> Positional { get; }

    public IReadOnlyList<KeyValuePair<string, object?>> Named { get; }

    /// <summary>The render in progress, when called from a template (null when called directly).</summary>
    internal Kida.Runtime.RenderContext? Context { get; }

    /// <summary>Whether the calling template autoescapes its output.</summary>
    public bool Autoescape => Context?.Autoescape ?? false;

    public int Count => Positional.Count + Named.Count;

    /// <summary>
    /// Reads a variable as the calling template sees it outside its local scopes — template-level variables, then
    /// render arguments, then globals — as a Jinja2 <c>@pass_context</c> function does with <c>context.get</c>. Use it
    /// in a function that depends on the render, e.g. a <c>gettext</c> choosing the catalog by a <c>LANGUAGE</c>
    /// variable. False when the function is called outside a template or the name is undefined.
    /// </summary>
    /// <example><code>env.AddGlobal("gettext", (TemplateFunction)(a => a.TryResolve("LANGUAGE", out var l) &amp;&amp; l is "de" ? German(a) : a.Positional[0]));</code></example>
    public bool TryResolve(string name, out object? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        value = Context?.Lookup(name);
        if (value is not Undefined) return Context is not null;
        value = null;
        return false;
    }

    /// <summary>The argument at a position, else the named argument <paramref name="name"/>, else the default.</summary>
    public object? Get(int index, string name, object? defaultValue = null)
    {
        if (index >= 0 && index < Positional.Count) return Positional[index];
        foreach (var kv in Named)
            if (kv.Key == name) return kv.Value;
        return defaultValue;
    }

    /// <summary>Like <see cref="Get"/> but reports whether the argument was given at all.</summary>
    public bool TryGet(int index, string name, out object? value)
    {
        if (index >= 0 && index < Positional.Count) { value = Positional[index]; return true; }
        foreach (var kv in Named)
            if (kv.Key == name) { value = kv.Value; return true; }
        value = null;
        return false;
    }

    public bool Has(string name)
    {
        foreach (var kv in Named)
            if (kv.Key == name) return true;
        return false;
    }

    public bool GetBool(int index, string name, bool defaultValue) =>
        TryGet(index, name, out var v) ? PyOps.IsTrue(v) : defaultValue;

    public long GetInt(int index, string name, long defaultValue) =>
        TryGet(index, name, out var v) && v is not null and not Undefined ? PyOps.ToInt(v) : defaultValue;

    public string? GetString(int index, string name, string? defaultValue) =>
        TryGet(index, name, out var v) && v is not null and not Undefined ? PyFormat.Str(v) : defaultValue;
}

/// <summary>A filter: <c>value | name(args)</c>.</summary>
public delegate object? FilterFunction(object? value, CallArguments args);

/// <summary>A test: <c>value is name(args)</c>.</summary>
public delegate bool TestFunction(object? value, CallArguments args);

/// <summary>A callable global such as <c>range</c> or <c>dict</c>.</summary>
public delegate object? TemplateFunction(CallArguments args);
