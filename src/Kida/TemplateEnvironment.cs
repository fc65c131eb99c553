using System.Collections.Concurrent;
using Kida.Runtime.Filters;
using Kida.Runtime.Globals;
using Kida.Runtime.Tests;

namespace Kida;

/// <summary>
/// Loads, compiles and caches templates. Filters, tests and globals are fixed before first use; after that the
/// environment is immutable and every member is safe to call from many threads. Each template name compiles
/// exactly once, even when many threads ask at once; different names compile in parallel.
/// </summary>
public sealed class TemplateEnvironment
{
    // The dialect's shared builtin tables until something is added; then a private copy (see BuiltinTables).
    private readonly Runtime.BuiltinTables _builtins;
    private Dictionary<string, FilterFunction> _filters;
    private Dictionary<string, TestFunction> _tests;
    private Dictionary<string, object?> _globals;
    private readonly ConcurrentDictionary<string, Lazy<Template>> _cache = new(StringComparer.Ordinal);
    private volatile bool _frozen;
    private long _compileCount;

    public TemplateEnvironment(TemplateEnvironmentOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _builtins = Runtime.BuiltinTables.For(options.Dialect);
        _filters = _builtins.Filters;
        _tests = _builtins.Tests;
        _globals = _builtins.Globals;
        if (options.Filters is not null) foreach (var kv in options.Filters) Own(ref _filters, _builtins.Filters)[kv.Key] = kv.Value;
        if (options.Tests is not null) foreach (var kv in options.Tests) Own(ref _tests, _builtins.Tests)[kv.Key] = kv.Value;
        if (options.Globals is not null) foreach (var kv in options.Globals) Own(ref _globals, _builtins.Globals)[kv.Key] = Runtime.Members.HostDelegates.AsGlobal(kv.Key, kv.Value);
    }

    /// <summary>The environment's own copy of a table, made on the first addition.</summary>
    private static Dictionary<string, T> Own<T>(ref Dictionary<string, T> table, Dictionary<string, T> shared)
    {
        if (ReferenceEquals(table, shared)) table = new Dictionary<string, T>(shared, StringComparer.Ordinal);
        return table;
    }

    /// <summary>Whether the filter bound to <paramref name="name"/> is the builtin one (so the compiler may specialise it).</summary>
    internal bool IsBuiltinFilter(string name, FilterFunction filter) => _builtins.IsBuiltinFilter(name, filter);

    public TemplateEnvironment(ITemplateLoader loader) : this(TemplateEnvironmentOptions.Default with { Loader = loader }) { }

    public TemplateEnvironment() : this(TemplateEnvironmentOptions.Default) { }

    public TemplateEnvironmentOptions Options { get; }

    public ITemplateLoader? Loader => Options.Loader;

    public IReadOnlyDictionary<string, FilterFunction> Filters => _filters;

    public IReadOnlyDictionary<string, TestFunction> Tests => _tests;

    public IReadOnlyDictionary<string, object?> Globals => _globals;

    /// <summary>How many templates this environment has compiled (for diagnostics and tests).</summary>
    public long CompileCount => Interlocked.Read(ref _compileCount);

    /// <summary>The environment-wide store of <c>{% cache %}</c> fragments.</summary>
    internal Runtime.FragmentCache FragmentCache =>
        LazyInitializer.EnsureInitialized(ref _fragmentCache, () => new Runtime.FragmentCache(Options.FragmentCacheSize, Options.FragmentTtl, Options.TimeProvider));

    private Runtime.FragmentCache? _fragmentCache;

    /// <summary>Empties the <c>{% cache %}</c> fragment store.</summary>
    public void ClearFragmentCache() => FragmentCache.Clear();

    /// <summary>Adds a filter. Only allowed before the first template is compiled.</summary>
    public TemplateEnvironment AddFilter(string name, FilterFunction filter)
    {
        EnsureNotFrozen();
        Own(ref _filters, _builtins.Filters)[name] = filter;
        return this;
    }

    public TemplateEnvironment AddFilter(string name, Func<object?, object?> filter) => AddFilter(name, (v, _) => filter(v));

    /// <summary>
    /// Adds an ordinary typed delegate as a filter: <c>value | name(a, b=c)</c> calls it with the filtered value as its
    /// first parameter and the filter's arguments after it, converted to the parameter types (see
    /// <see cref="AddGlobal(string, Delegate?)"/> for the rules). Only allowed before the first template is compiled.
    /// </summary>
    /// <example><code>env.AddFilter("truncate_words", (string text, int count = 10) => string.Join(' ', text.Split(' ').Take(count)));</code></example>
    /// <exception cref="ArgumentException">The delegate takes no parameter for the value, or its signature cannot be called
    /// from templates (ref/out/pointer/ref-struct parameters or return).</exception>
    public TemplateEnvironment AddFilter(string name, Delegate filter) => filter switch
    {
        FilterFunction f => AddFilter(name, f),
        Func<object?, object?> f => AddFilter(name, f),
        null => throw new ArgumentNullException(nameof(filter)),
        _ => AddFilter(name, Runtime.Members.HostDelegates.AsFilter(name, filter)),
    };

    /// <summary>Adds a test. Only allowed before the first template is compiled.</summary>
    public TemplateEnvironment AddTest(string name, TestFunction test)
    {
        EnsureNotFrozen();
        Own(ref _tests, _builtins.Tests)[name] = test;
        return this;
    }

    public TemplateEnvironment AddTest(string name, Func<object?, bool> test) => AddTest(name, (v, _) => test(v));

    /// <summary>
    /// Adds an ordinary typed delegate returning <c>bool</c> as a test: <c>value is name(a)</c> calls it with the tested
    /// value as its first parameter, converted like <see cref="AddGlobal(string, Delegate?)"/>'s arguments. Only allowed
    /// before the first template is compiled.
    /// </summary>
    /// <example><code>env.AddTest("multiple_of", (long n, long k) => n % k == 0);   // {% if x is multiple_of(3) %}</code></example>
    /// <exception cref="ArgumentException">The delegate does not return bool, takes no parameter for the value, or its
    /// signature cannot be called from templates.</exception>
    public TemplateEnvironment AddTest(string name, Delegate test) => test switch
    {
        TestFunction t => AddTest(name, t),
        Func<object?, bool> t => AddTest(name, t),
        null => throw new ArgumentNullException(nameof(test)),
        _ => AddTest(name, Runtime.Members.HostDelegates.AsTest(name, test)),
    };

    /// <summary>Adds a global value or <see cref="TemplateFunction"/>. Only allowed before the first template is compiled.</summary>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectGlobal)]
    public TemplateEnvironment AddGlobal(string name, object? value)
    {
        EnsureNotFrozen();
        Own(ref _globals, _builtins.Globals)[name] = Runtime.Members.HostDelegates.AsGlobal(name, value);
        return this;
    }

    /// <summary>
    /// Adds a function global: a <see cref="TemplateFunction"/> (full control over <see cref="CallArguments"/>) or any
    /// ordinary typed delegate — <c>Func&lt;…&gt;</c>, <c>Action&lt;…&gt;</c>, a method group, a custom delegate type.
    /// Templates call a typed delegate with Python's rules: positional arguments, keyword arguments by parameter name,
    /// defaults of optional parameters, extra positional arguments into a <c>params</c> array. Template ints convert to
    /// any integer type (checked for overflow), <c>double</c>, <c>float</c> and <c>decimal</c>; floats to the floating
    /// types only (never silently to an int); strings to <c>string</c> (and <c>char</c> for one character); None to null
    /// for reference and nullable types; lists to arrays, <c>IEnumerable&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c>,
    /// <c>IList&lt;T&gt;</c>; dicts to <c>IDictionary&lt;string, object?&gt;</c> and <c>IReadOnlyDictionary&lt;string, object?&gt;</c>;
    /// an <c>object</c> parameter receives the template value as is, any other type values already of that type. The return
    /// value becomes a template value (<c>int</c> → int, <c>decimal</c> → float, void → None). A mismatch raises
    /// <see cref="TemplateRuntimeException"/> naming the function, parameter and types. The delegate is analysed once,
    /// here; a null <paramref name="function"/> adds None. Only allowed before the first template is compiled.
    /// </summary>
    /// <example><code>
    /// env.AddGlobal("price", (decimal amount, string currency = "EUR") =&gt; $"{amount:0.00} {currency}");
    /// // {{ price(12.5) }} → 12.50 EUR    {{ price(3, currency="USD") }} → 3.00 USD
    /// </code></example>
    /// <exception cref="ArgumentException">The delegate's signature cannot be called from templates (ref/out/pointer or
    /// ref-struct parameters or return, an open generic method); the message names the reason.</exception>
    public TemplateEnvironment AddGlobal(string name, Delegate? function)
    {
        EnsureNotFrozen();
        Own(ref _globals, _builtins.Globals)[name] = Runtime.Members.HostDelegates.AsGlobal(name, function);
        return this;
    }

    private void EnsureNotFrozen()
    {
        if (_frozen)
            throw new InvalidOperationException("Filters, tests and globals must be added before the first template is compiled; the environment is now immutable.");
    }

    /// <summary>Whether a template of this name escapes its output.</summary>
    public bool ShouldAutoescape(string? templateName) => Options.Autoescape.ShouldEscape(templateName);

    /// <summary>Loads and compiles a template once; later calls return the same instance.</summary>
    public Template GetTemplate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_cache.TryGetValue(name, out var cached) && cached.IsValueCreated) return cached.Value;
        var lazy = _cache.GetOrAdd(name, n => new Lazy<Template>(() => Load(n), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed load is not cached: fixing the file and asking again works.
            _cache.TryRemove(new KeyValuePair<string, Lazy<Template>>(name, lazy));
            throw;
        }
    }

    public ValueTask<Template> GetTemplateAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(GetTemplate(name));
    }

    private Template Load(string name)
    {
        var loader = Options.Loader ?? throw new TemplateNotFoundException(name, $"no loader is configured, so template '{name}' cannot be loaded");
        var source = loader.GetSource(name);
        return Compile(source.Text, name, source.FileName);
    }

    /// <summary>Compiles a template from text. The result is not cached by name.</summary>
    public Template FromString(string source, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Compile(source, name, null);
    }

    private Template Compile(string source, string? name, string? fileName)
    {
        _frozen = true;
        Interlocked.Increment(ref _compileCount);
        return Compilation.TemplateCompiler.Compile(this, source, name, fileName);
    }

    /// <summary>Every template name the loader knows, sorted (the seed's <c>env.loader.list_templates()</c>).</summary>
    public IReadOnlyList<string> ListTemplates() => Options.Loader?.ListTemplates() ?? [];

    /// <summary>Loads and renders a template in one call.</summary>
[System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public string Render(string name, object? context = null) => GetTemplate(name).Render(context);

    /// <summary>Compiles and renders a string in one call.</summary>
[System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public string RenderString(string source, object? context = null) => FromString(source).Render(context);

    /// <summary>Loads and renders a template with a dictionary of variables (or none) in one call; safe under trimming and Native AOT.</summary>
    public string Render(string name, IReadOnlyDictionary<string, object?>? context) => GetTemplate(name).Render(context);

    /// <summary>Loads and renders a template with no variables in one call.</summary>
    public string Render(string name) => GetTemplate(name).Render();

    /// <summary>Compiles and renders a string with a dictionary of variables (or none) in one call; safe under trimming and Native AOT.</summary>
    public string RenderString(string source, IReadOnlyDictionary<string, object?>? context) => FromString(source).Render(context);

    /// <summary>Compiles and renders a string with no variables in one call.</summary>
    public string RenderString(string source) => FromString(source).Render();

    /// <summary>Forgets compiled templates (all, or the given names) so they are loaded again.</summary>
    public void ClearTemplateCache(IEnumerable<string>? names = null)
    {
        // First, so a render that resolves a name after this point does not keep a template from before the clear.
        Interlocked.Increment(ref _cacheGeneration);
        if (names is null) { _cache.Clear(); return; }
        foreach (var n in names) _cache.TryRemove(n, out _);
    }

    private int _cacheGeneration;

    /// <summary>Changes whenever <see cref="ClearTemplateCache"/> runs: what templates remember of name lookups is valid within one generation.</summary>
    internal int CacheGeneration => Volatile.Read(ref _cacheGeneration);
}
