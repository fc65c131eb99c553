using Kida.Runtime.Values;

namespace Kida;

/// <summary>
/// The arguments of a filter, test or function call: positional values first, then named ones.
/// The arrays may be shared between calls (constant arguments are pre-computed): never mutate them.
/// </summary>
/// <remarks>
/// <para>
/// For a filter call <c>{{ value | shorten(10, end="…") }}</c> the filtered value is passed separately (the
/// <c>value</c> parameter of <see cref="FilterFunction"/>); <see cref="Positional"/> holds <c>10</c> and
/// <see cref="Named"/> holds <c>end="…"</c>. Arguments arrive as template values: integers are <see cref="long"/>
/// (<see cref="System.Numerics.BigInteger"/> when they do not fit), floats <see cref="double"/>, <c>none</c> is
/// <see langword="null"/>, strings are <see cref="string"/> or <see cref="Markup"/>, list literals
/// <see cref="List{T}"/> of <see cref="object"/>, dict literals <see cref="Kida.Runtime.Values.PyDict"/>, tuples
/// <see cref="Kida.Runtime.Values.PyTuple"/>, and a name the template does not define is an
/// <see cref="Kida.Runtime.Values.Undefined"/>. Host objects from the render context arrive as they were passed.
/// </para>
/// <para>
/// The accessors look an argument up by position first, then by name, the way a Python function binds
/// <c>def shorten(value, length=255, end="...")</c>: give each parameter its position (counting after the
/// filtered value) and its name, and pass <c>-1</c> as the position for a keyword-only parameter.
/// </para>
/// <para>A <see cref="CallArguments"/> is a small immutable value; it is safe to read from any thread.</para>
/// </remarks>
/// <example>
/// A filter <c>{{ title | shorten(10) }}</c> / <c>{{ title | shorten(length=10, end="…") }}</c>:
/// <code>
/// var env = new TemplateEnvironment();
/// env.AddFilter("shorten", (value, args) =>
/// {
///     var text = value as string ?? "";
///     var length = args.GetInt(0, "length", 255);          // shorten(10) or shorten(length=10)
///     var end = args.GetString(1, "end", "...");            // shorten(10, "…") or shorten(end="…")
///     if (args.GetBool(-1, "upper", false))                 // keyword-only: shorten(10, upper=true)
///         text = text.ToUpperInvariant();
///     if (args.TryGet(-1, "placeholder", out var placeholder) &amp;&amp; text.Length == 0)
///         return placeholder;                                // given at all, even as none
///     return text.Length &lt;= length ? text : text[..(int)length] + end;
/// });
/// </code>
/// </example>
public readonly struct CallArguments
{
    private static readonly KeyValuePair<string, object?>[] NoNamed = [];

    /// <summary>
    /// Arguments for calling a filter, test, <see cref="TemplateFunction"/> or <see cref="Kida.Runtime.Values.IPyCallable"/>
    /// directly from .NET code (a unit test of a custom filter, or one filter calling another).
    /// </summary>
    /// <param name="positional">The positional arguments, in order. The array is kept, not copied: do not change it afterwards.</param>
    /// <param name="named">The named (keyword) arguments in call order, or <see langword="null"/> for none.</param>
    /// <remarks>
    /// Arguments built this way carry no render in progress: <see cref="Autoescape"/> is <see langword="false"/>,
    /// and a template <see cref="Kida.Runtime.Macro"/> called with them throws <see cref="TemplateRuntimeException"/>.
    /// </remarks>
    /// <example>
    /// <code>
    /// var shorten = env.Filters["shorten"];
    /// var result = shorten("Hello, world", new CallArguments([5L], [new("end", "!")]));   // "Hello!"
    /// </code>
    /// </example>
    public CallArguments(object?[] positional, KeyValuePair<string, object?>[]? named = null) : this(positional, named, null) { }

    internal CallArguments(object?[] positional, KeyValuePair<string, object?>[]? named, Kida.Runtime.RenderContext? context)
    {
        Positional = positional;
        Named = named ?? NoNamed;
        Context = context;
    }

    /// <summary>No arguments: what a filter receives for <c>{{ value | upper }}</c> (no parentheses).</summary>
    public static CallArguments Empty => new([]);

    /// <summary>
    /// The positional arguments in call order; for a filter or test these come after the filtered or tested value.
    /// Empty when there are none. Do not cast it back to an array and change it: it may be shared between calls.
    /// </summary>
    public IReadOnlyList<object?> Positional { get; }

    /// <summary>
    /// The named (keyword) arguments, <c>name=value</c>, in the order the call wrote them. Empty when there are none.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Named { get; }

    /// <summary>The render in progress, when called from a template (null when called directly).</summary>
    internal Kida.Runtime.RenderContext? Context { get; }

    /// <summary>Whether the calling template autoescapes its output.</summary>
    public bool Autoescape => Context?.Autoescape ?? false;

    /// <summary>How many arguments were given in all: positional plus named (Python's <c>len(args) + len(kwargs)</c>).</summary>
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
    /// <param name="index">Zero-based position among <see cref="Positional"/>; <c>-1</c> for a keyword-only argument.</param>
    /// <param name="name">The argument's keyword name (matched case-sensitively).</param>
    /// <param name="defaultValue">Returned when the argument was not given.</param>
    /// <returns>The raw template value, unconverted. An explicit <c>none</c> is returned as <see langword="null"/>,
    /// not replaced by <paramref name="defaultValue"/>; use <see cref="TryGet"/> to tell the two apart.</returns>
    /// <example>
    /// <code>
    /// // {{ items | pick("id") }} or {{ items | pick(attribute="id") }}
    /// var attribute = args.Get(0, "attribute") as string;
    /// </code>
    /// </example>
    public object? Get(int index, string name, object? defaultValue = null)
    {
        if (index >= 0 && index < Positional.Count) return Positional[index];
        foreach (var kv in Named)
            if (kv.Key == name) return kv.Value;
        return defaultValue;
    }

    /// <summary>Like <see cref="Get"/> but reports whether the argument was given at all.</summary>
    /// <param name="index">Zero-based position among <see cref="Positional"/>; <c>-1</c> for a keyword-only argument.</param>
    /// <param name="name">The argument's keyword name.</param>
    /// <param name="value">The argument's value when given (possibly <see langword="null"/> for <c>none</c>), else <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the argument was passed by position or by name.</returns>
    /// <example>
    /// <code>
    /// // {{ price | money }} vs {{ price | money(currency=none) }}: "not given" and "none" differ
    /// var currency = args.TryGet(-1, "currency", out var c) ? c as string : "EUR";
    /// </code>
    /// </example>
    public bool TryGet(int index, string name, out object? value)
    {
        if (index >= 0 && index < Positional.Count) { value = Positional[index]; return true; }
        foreach (var kv in Named)
            if (kv.Key == name) { value = kv.Value; return true; }
        value = null;
        return false;
    }

    /// <summary>
    /// Whether the named argument <paramref name="name"/> was passed as <c>name=value</c>. Positional arguments are not
    /// considered (a call has no names for them); use <see cref="TryGet"/> to accept either form.
    /// </summary>
    public bool Has(string name)
    {
        foreach (var kv in Named)
            if (kv.Key == name) return true;
        return false;
    }

    /// <summary>
    /// A flag argument, by position else name, converted with Python truthiness (<c>0</c>, <c>""</c>, <c>none</c>, an
    /// empty list and an undefined value are false) — Jinja2's <c>bool(arg)</c>.
    /// </summary>
    /// <param name="index">Zero-based position among <see cref="Positional"/>; <c>-1</c> for a keyword-only argument.</param>
    /// <param name="name">The argument's keyword name.</param>
    /// <param name="defaultValue">Returned when the argument was not given.</param>
    /// <exception cref="UndefinedVariableException">The argument is an undefined value under <c>StrictUndefined</c>.</exception>
    public bool GetBool(int index, string name, bool defaultValue) =>
        TryGet(index, name, out var v) ? PyOps.IsTrue(v) : defaultValue;

    /// <summary>
    /// An integer argument, by position else name. Floats are truncated toward zero, <c>true</c>/<c>false</c> are 1/0 and
    /// a string holding a whole number is parsed; an argument that is not given, <c>none</c> or undefined yields
    /// <paramref name="defaultValue"/>.
    /// </summary>
    /// <param name="index">Zero-based position among <see cref="Positional"/>; <c>-1</c> for a keyword-only argument.</param>
    /// <param name="name">The argument's keyword name.</param>
    /// <param name="defaultValue">Returned when the argument is missing, <c>none</c> or undefined.</param>
    /// <exception cref="TemplateRuntimeException">The argument is not a number (e.g. <c>'abc'</c>, a list) or does not
    /// fit in a <see cref="long"/>. Raised inside a filter, it is reported at the template's line and column.</exception>
    /// <example>
    /// <code>
    /// // {{ text | wrap(40) }}, {{ text | wrap(width="40") }}, {{ text | wrap }} -> 40, 40, 79
    /// var width = args.GetInt(0, "width", 79);
    /// </code>
    /// </example>
    public long GetInt(int index, string name, long defaultValue) =>
        TryGet(index, name, out var v) && v is not null and not Undefined ? PyOps.ToInt(v) : defaultValue;

    /// <summary>
    /// A string argument, by position else name, converted as Python's <c>str()</c> (so <c>5</c> becomes <c>"5"</c> and a
    /// <see cref="Markup"/> its text); an argument that is not given, <c>none</c> or undefined yields
    /// <paramref name="defaultValue"/>.
    /// </summary>
    /// <param name="index">Zero-based position among <see cref="Positional"/>; <c>-1</c> for a keyword-only argument.</param>
    /// <param name="name">The argument's keyword name.</param>
    /// <param name="defaultValue">Returned when the argument is missing, <c>none</c> or undefined.</param>
    public string? GetString(int index, string name, string? defaultValue) =>
        TryGet(index, name, out var v) && v is not null and not Undefined ? PyFormat.Str(v) : defaultValue;
}

/// <summary>A filter: <c>value | name(args)</c>.</summary>
/// <param name="value">The value left of the <c>|</c>, as a template value (see <see cref="CallArguments"/> for the types).</param>
/// <param name="args">The arguments in parentheses after the filter name; <see cref="CallArguments.Empty"/> when there are none.</param>
/// <returns>The filtered value. Return a <see cref="Markup"/> for HTML that must not be escaped again.</returns>
/// <remarks>
/// Register with <see cref="TemplateEnvironment.AddFilter(string, FilterFunction)"/> before the first template is compiled.
/// One delegate serves every render on every thread at once, so it must not keep per-call state in captured
/// variables. Throw <see cref="TemplateRuntimeException"/> for a bad argument: the engine adds the template name,
/// line and column.
/// </remarks>
/// <example>
/// <code>
/// env.AddFilter("repeat", (value, args) =>
///     string.Concat(Enumerable.Repeat(value as string ?? "", (int)args.GetInt(0, "times", 2))));
/// // {{ "ab" | repeat(3) }} -> ababab
/// </code>
/// </example>
public delegate object? FilterFunction(object? value, CallArguments args);

/// <summary>A test: <c>value is name(args)</c>.</summary>
/// <param name="value">The value left of <c>is</c>.</param>
/// <param name="args">The test's arguments (<c>value is divisibleby 3</c> or <c>value is divisibleby(3)</c> both give one positional argument).</param>
/// <returns>Whether the value passes; <c>is not</c> negates it.</returns>
/// <remarks>
/// Register with <see cref="TemplateEnvironment.AddTest(string, TestFunction)"/>; tests also serve <c>select</c>,
/// <c>reject</c> and their <c>…attr</c> forms. Called concurrently from every render, like a filter.
/// </remarks>
/// <example>
/// <code>
/// env.AddTest("longer_than", (value, args) => (value as string)?.Length > args.GetInt(0, "n", 0));
/// // {% if name is longer_than 3 %}…{% endif %}
/// </code>
/// </example>
public delegate bool TestFunction(object? value, CallArguments args);

/// <summary>A callable global such as <c>range</c> or <c>dict</c>.</summary>
/// <param name="args">The call's arguments, e.g. <c>2, sep=","</c> for <c>{{ tally(2, sep=",") }}</c>.</param>
/// <returns>The call's value, a template value.</returns>
/// <remarks>
/// Register with <see cref="TemplateEnvironment.AddGlobal(string, object?)"/> (the value must be typed as
/// <see cref="TemplateFunction"/>, not a lambda of another delegate type) or pass one in the render context.
/// Called concurrently from every render.
/// </remarks>
/// <example>
/// <code>
/// env.AddGlobal("now", (TemplateFunction)(args => DateTime.UtcNow.ToString(args.GetString(0, "format", "u"))));
/// // {{ now("yyyy-MM-dd") }}
/// </code>
/// </example>
public delegate object? TemplateFunction(CallArguments args);
