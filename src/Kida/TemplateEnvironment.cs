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
        if (options.Globals is not null) foreach (var kv in options.Globals) Own(ref _globals, _builtins.Globals)[kv.Key] = kv.Value;
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

    /// <summary>Adds a test. Only allowed before the first template is compiled.</summary>
    public TemplateEnvironment AddTest(string name, TestFunction test)
    {
        EnsureNotFrozen();
        Own(ref _tests, _builtins.Tests)[name] = test;
        return this;
    }

    public TemplateEnvironment AddTest(string name, Func<object?, bool> test) => AddTest(name, (v, _) => test(v));

    /// <summary>Adds a global value or <see cref="TemplateFunction"/>. Only allowed before the first template is compiled.</summary>
    public TemplateEnvironment AddGlobal(string name, object? value)
    {
        EnsureNotFrozen();
        Own(ref _globals, _builtins.Globals)[name] = value;
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

    /// <summary>
    /// Compiles one expression for evaluating later from C# (Jinja2's <c>compile_expression</c>): the expression
    /// language of <c>{{ }}</c> — filters, tests, globals and operators — without a template around it. With
    /// <paramref name="undefinedToNone"/> (the default) an undefined result is returned as null.
    /// </summary>
    /// <exception cref="TemplateSyntaxException">The text is not one expression (its line and column point into <paramref name="source"/>).</exception>
    /// <example><c>env.CompileExpression("price * qty").Evaluate(new { price = 2, qty = 3 })</c> returns <c>6L</c>.</example>
    public TemplateExpression CompileExpression(string source, bool undefinedToNone = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        _frozen = true;
        return new TemplateExpression(Compilation.ExpressionCompiler.Compile(this, source), source, undefinedToNone);
    }

    /// <summary>Every template name the loader knows, sorted (the seed's <c>env.loader.list_templates()</c>).</summary>
    public IReadOnlyList<string> ListTemplates() => Options.Loader?.ListTemplates() ?? [];

    /// <summary>Loads and renders a template in one call.</summary>
    public string Render(string name, object? context = null) => GetTemplate(name).Render(context);

    /// <summary>Compiles and renders a string in one call.</summary>
    public string RenderString(string source, object? context = null) => FromString(source).Render(context);

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
