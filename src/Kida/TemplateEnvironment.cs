using System.Collections.Concurrent;
using Kida.Runtime.Filters;
using Kida.Runtime.Globals;
using Kida.Runtime.Tests;

namespace Kida;

/// <summary>
/// Loads, compiles and caches templates (Jinja2's <c>jinja2.Environment</c>). Create one per application, configure
/// it with <see cref="TemplateEnvironmentOptions"/> and the <c>Add…</c> methods, then share it. Filters, tests and
/// globals are fixed before first use: once the first template compiles the environment is frozen (immutable) and
/// every member is safe to call from many threads. Each template name compiles exactly once, even when many threads
/// ask at once; different names compile in parallel. The compiled <see cref="Template"/>s are immutable and can be
/// rendered from many threads at once.
/// </summary>
/// <example>
/// <code>
/// var env = new TemplateEnvironment(TemplateEnvironmentOptions.Default with
/// {
///     Loader = new FileSystemLoader("templates"),
///     TrimBlocks = true,
///     LstripBlocks = true,
/// });
/// env.AddFilter("shout", value => value?.ToString()?.ToUpperInvariant());  // before the first compile
///
/// Template page = env.GetTemplate("page.html");      // loaded and compiled once, then cached by name
/// string html = page.Render(new { title = "Home", user = new { name = "Ann" } });
/// string text = env.RenderString("Hello {{ name | shout }}!", new { name = "world" });  // "Hello WORLD!"
/// </code>
/// </example>
public sealed partial class TemplateEnvironment
{
    // The dialect's shared builtin tables until something is added; then a private copy (see BuiltinTables).
    private readonly Runtime.BuiltinTables _builtins;
    private Dictionary<string, FilterFunction> _filters;
    private Dictionary<string, TestFunction> _tests;
    private Dictionary<string, object?> _globals;
    private readonly ConcurrentDictionary<string, Lazy<Template>> _cache = new(StringComparer.Ordinal);
    private volatile bool _frozen;
    private long _compileCount;

    /// <summary>Creates an environment with the given configuration.</summary>
    /// <param name="options">The configuration; start from <see cref="TemplateEnvironmentOptions.Default"/> and change it with <c>with</c>.
    /// Its <see cref="TemplateEnvironmentOptions.Filters"/>, <see cref="TemplateEnvironmentOptions.Tests"/> and
    /// <see cref="TemplateEnvironmentOptions.Globals"/> are added to the builtin ones of its <see cref="TemplateEnvironmentOptions.Dialect"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public TemplateEnvironment(TemplateEnvironmentOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        LexerOptions = Lexing.LexerSyntax.CreateOptions(options);
        _builtins = Runtime.BuiltinTables.For(options.Dialect);
        _filters = _builtins.Filters;
        _tests = _builtins.Tests;
        _globals = _builtins.Globals;
        if (options.Filters is not null) foreach (var kv in options.Filters) Own(ref _filters, _builtins.Filters)[kv.Key] = kv.Value;
        if (options.Tests is not null) foreach (var kv in options.Tests) Own(ref _tests, _builtins.Tests)[kv.Key] = kv.Value;
        _newstyleGettext = options.NewstyleGettext;
        // The shared builtin globals already hold old-style null translations (BuiltinTables); install only what differs.
        if (options.Translations is not null || options.NewstyleGettext)
            InstallTranslationGlobals(options.Translations ?? NullTranslations.Instance, true);
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

    /// <summary>
    /// Creates an environment with default options that loads templates through <paramref name="loader"/>; the same as
    /// <c>new TemplateEnvironment(TemplateEnvironmentOptions.Default with { Loader = loader })</c>.
    /// </summary>
    /// <param name="loader">Where <see cref="GetTemplate"/> finds templates (e.g. a <see cref="FileSystemLoader"/> or <see cref="DictLoader"/>).</param>
    public TemplateEnvironment(ITemplateLoader loader) : this(TemplateEnvironmentOptions.Default with { Loader = loader }) { }

    /// <summary>
    /// Creates an environment with default options and no loader: templates come only from <see cref="FromString"/> and
    /// <see cref="RenderString(string, object?)"/>; <see cref="GetTemplate"/> throws <see cref="TemplateNotFoundException"/>.
    /// </summary>
    public TemplateEnvironment() : this(TemplateEnvironmentOptions.Default) { }

    /// <summary>The configuration this environment was created with (immutable).</summary>
    public TemplateEnvironmentOptions Options { get; }

    /// <summary>The lexer settings, checked and compiled once from <see cref="Options"/>.</summary>
    internal Lexing.LexerOptions LexerOptions { get; }

    /// <summary>Where <see cref="GetTemplate"/> finds templates (<see cref="TemplateEnvironmentOptions.Loader"/>); null when the environment has none. Jinja2's <c>env.loader</c>.</summary>
    public ITemplateLoader? Loader => Options.Loader;

    /// <summary>
    /// Every filter templates can use, by name: the builtin ones plus those added by <see cref="TemplateEnvironmentOptions.Filters"/>
    /// and <see cref="AddFilter(string, FilterFunction)"/> (Jinja2's <c>env.filters</c>). Read-only; read it after configuration is
    /// done, since an addition made later may not show in a reference taken earlier.
    /// </summary>
    public IReadOnlyDictionary<string, FilterFunction> Filters => _filters;

    /// <summary>
    /// Every test templates can use with <c>is</c>, by name: the builtin ones plus those added by
    /// <see cref="TemplateEnvironmentOptions.Tests"/> and <see cref="AddTest(string, TestFunction)"/> (Jinja2's <c>env.tests</c>).
    /// Read-only; read it after configuration is done.
    /// </summary>
    public IReadOnlyDictionary<string, TestFunction> Tests => _tests;

    /// <summary>
    /// Every global visible to all templates, by name: the builtin ones (<c>range</c>, <c>dict</c>, <c>cycler</c>, …) plus those
    /// added by <see cref="TemplateEnvironmentOptions.Globals"/> and <see cref="AddGlobal(string, object?)"/> (Jinja2's <c>env.globals</c>).
    /// Read-only; read it after configuration is done.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Globals => _globals;

    /// <summary>
    /// How many times this environment has compiled a template, counting every <see cref="FromString"/> and
    /// <see cref="RenderString(string, object?)"/> call and failed compiles (for diagnostics and tests: a steadily growing count on a
    /// hot path means templates are being compiled per request instead of cached).
    /// </summary>
    public long CompileCount => Interlocked.Read(ref _compileCount);

    /// <summary>The environment-wide store of <c>{% cache %}</c> fragments.</summary>
    internal Runtime.FragmentCache FragmentCache =>
        LazyInitializer.EnsureInitialized(ref _fragmentCache, () => new Runtime.FragmentCache(Options.FragmentCacheSize, Options.FragmentTtl, Options.TimeProvider));

    private Runtime.FragmentCache? _fragmentCache;

    /// <summary>
    /// Empties the environment's store of <c>{% cache %}</c> fragments, so each fragment is rendered afresh the next
    /// time (Kida's <c>clear_fragment_cache()</c>). Thread-safe; renders in progress are not disturbed.
    /// </summary>
    public void ClearFragmentCache() => FragmentCache.Clear();

    /// <summary>
    /// Adds a filter, or replaces the builtin or earlier one of that name (Jinja2's <c>env.filters[name] = f</c>). The
    /// function receives the value left of the <c>|</c> and the call's arguments; a string it returns is HTML-escaped in
    /// an autoescaping template unless it is a <see cref="Markup"/>. It is called from whichever threads render, so it
    /// must be thread-safe. Call during start-up, from one thread, before the first template is compiled.
    /// </summary>
    /// <param name="name">The name templates use: <c>{{ value | name }}</c>, <c>{{ value | name(arg, key=arg) }}</c>.</param>
    /// <param name="filter">The filter; read its arguments with <see cref="CallArguments.Get"/>, <see cref="CallArguments.GetInt"/> and friends.</param>
    /// <returns>This environment, for chaining.</returns>
    /// <exception cref="InvalidOperationException">A template has already been compiled; the environment is frozen.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <example>
    /// <code>
    /// // {{ "hi" | shout }} → "HI!"; {{ "hi" | shout(3) }} and {{ "hi" | shout(times=3) }} → "HI!!!"
    /// env.AddFilter("shout", (value, args) =>
    ///     (value?.ToString() ?? "").ToUpperInvariant() + new string('!', (int)args.GetInt(0, "times", 1)));
    /// </code>
    /// </example>
    public TemplateEnvironment AddFilter(string name, FilterFunction filter)
    {
        EnsureNotFrozen();
        Own(ref _filters, _builtins.Filters)[name] = filter;
        return this;
    }

    /// <summary>
    /// Adds a filter that takes no arguments (any given in the template are ignored): <c>{{ value | name }}</c>. See
    /// <see cref="AddFilter(string, FilterFunction)"/> for the rules; return a <see cref="Markup"/> for HTML that must not be escaped.
    /// </summary>
    /// <param name="name">The name templates use.</param>
    /// <param name="filter">Maps the value to the result.</param>
    /// <returns>This environment, for chaining.</returns>
    /// <exception cref="InvalidOperationException">A template has already been compiled; the environment is frozen.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <example><code>env.AddFilter("money", v => string.Format(CultureInfo.InvariantCulture, "{0:0.00} €", v));</code></example>
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

    /// <summary>
    /// Adds a test, or replaces the builtin or earlier one of that name (Jinja2's <c>env.tests[name] = f</c>), used as
    /// <c>{% if value is name %}</c> or <c>value is name(arg)</c>, and by <c>select</c>/<c>reject</c>. It is called from
    /// whichever threads render, so it must be thread-safe. Call during start-up, from one thread, before the first
    /// template is compiled.
    /// </summary>
    /// <param name="name">The name templates use after <c>is</c>.</param>
    /// <param name="test">Receives the tested value and the test's arguments.</param>
    /// <returns>This environment, for chaining.</returns>
    /// <exception cref="InvalidOperationException">A template has already been compiled; the environment is frozen.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <example>
    /// <code>
    /// // {% if name is longer_than(3) %}
    /// env.AddTest("longer_than", (value, args) => value is string s &amp;&amp; s.Length > args.GetInt(0, "n", 0));
    /// </code>
    /// </example>
    public TemplateEnvironment AddTest(string name, TestFunction test)
    {
        EnsureNotFrozen();
        Own(ref _tests, _builtins.Tests)[name] = test;
        return this;
    }

    /// <summary>
    /// Adds a test that takes no arguments: <c>{% if value is name %}</c>. See <see cref="AddTest(string, TestFunction)"/> for the rules.
    /// </summary>
    /// <param name="name">The name templates use after <c>is</c>.</param>
    /// <param name="test">Whether the value passes.</param>
    /// <returns>This environment, for chaining.</returns>
    /// <exception cref="InvalidOperationException">A template has already been compiled; the environment is frozen.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <example><code>env.AddTest("even_length", v => v is string s &amp;&amp; s.Length % 2 == 0);</code></example>
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

    /// <summary>
    /// Adds a name every template can read, or replaces the builtin or earlier one (Jinja2's <c>env.globals[name] = v</c>).
    /// A render's own variables hide a global of the same name. A callable global is a <see cref="TemplateFunction"/>
    /// (full control over the arguments) or any typed delegate (<c>Func&lt;int, int&gt;</c>, a method group), adapted as
    /// <see cref="AddGlobal(string, Delegate?)"/> describes. The value is shared by every render on every thread, so it
    /// should be immutable. Call during start-up, from one thread, before the first template is compiled. Under trimming
    /// or Native AOT this overload warns, because a CLR object's members are read by reflection; plain values may be
    /// given through <see cref="TemplateEnvironmentOptions.Globals"/>.
    /// </summary>
    /// <param name="name">The name templates use.</param>
    /// <param name="value">Any value a template can read, a <see cref="TemplateFunction"/>, or a typed delegate.</param>
    /// <returns>This environment, for chaining.</returns>
    /// <exception cref="InvalidOperationException">A template has already been compiled; the environment is frozen.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <example>
    /// <code>
    /// env.AddGlobal("site_name", "Example")                                   // {{ site_name }}
    ///    .AddGlobal("year", (TemplateFunction)(args => DateTime.UtcNow.Year));  // {{ year() }}
    /// </code>
    /// </example>
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

    /// <summary>
    /// Whether a template of this name HTML-escapes what it prints, per <see cref="TemplateEnvironmentOptions.Autoescape"/>
    /// (Jinja2's <c>select_autoescape</c> result; Kida's <c>select_autoescape(name)</c>).
    /// </summary>
    /// <param name="templateName">The template name; null for a template made from a string without a name.</param>
    public bool ShouldAutoescape(string? templateName) => Options.Autoescape.ShouldEscape(templateName);

    /// <summary>
    /// Returns the template of this name, loading it through <see cref="Loader"/> and compiling it on the first call;
    /// later calls return the same <see cref="Template"/> instance (Jinja2's <c>Environment.get_template</c>). Thread-safe:
    /// many threads asking for the same name at once compile it once. The source is not checked again later (there is
    /// no auto-reload): after changing templates, call <see cref="ClearTemplateCache"/>. A failed load or compile is not
    /// cached, so asking again after fixing the template works. The name is passed to the loader as written
    /// (<c>@alias/</c> and <c>./</c> names are resolved only inside templates). The first compile freezes the environment.
    /// </summary>
    /// <param name="name">The template name, <c>/</c>-separated, relative to the loader's roots (e.g. <c>"pages/home.html"</c>).</param>
    /// <returns>The compiled template, immutable and renderable from many threads at once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="TemplateNotFoundException">The environment has no loader, or the loader does not have the template.</exception>
    /// <exception cref="TemplateSyntaxException">The template (not its parents or includes, which load when rendered) cannot be lexed or parsed, or uses an unknown filter or test outside an <c>if</c> branch.</exception>
    /// <example>
    /// <code>
    /// var env = new TemplateEnvironment(new FileSystemLoader("templates"));
    /// Template page = env.GetTemplate("page.html");
    ///
    /// // Variables from an anonymous object (or any POCO/record: its public properties)…
    /// string a = page.Render(new { title = "Home", items = new[] { 1, 2, 3 } });
    ///
    /// // …or from a dictionary.
    /// string b = page.Render(new Dictionary&lt;string, object?&gt; { ["title"] = "Home", ["items"] = new[] { 1, 2, 3 } });
    /// </code>
    /// </example>
    public Template GetTemplate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_cache.TryGetValue(name, out var cached) && cached.IsValueCreated)
        {
            if (!Options.AutoReload || IsUpToDate(cached.Value)) return cached.Value;
            DropStale(name, cached);
        }
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

    /// <summary>
    /// <see cref="GetTemplate"/> for asynchronous call sites. It completes synchronously: the template is loaded with the
    /// loader's synchronous <see cref="ITemplateLoader.GetSource"/> on the calling thread, and errors are thrown by the
    /// call itself rather than through the returned task.
    /// </summary>
    /// <param name="name">The template name, as for <see cref="GetTemplate"/>.</param>
    /// <param name="cancellationToken">Checked once, before loading.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was already cancelled.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="TemplateNotFoundException">The environment has no loader, or the loader does not have the template.</exception>
    /// <exception cref="TemplateSyntaxException">The template cannot be compiled.</exception>
    public ValueTask<Template> GetTemplateAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(GetTemplate(name));
    }

    private Template Load(string name)
    {
        var loader = Options.Loader ?? throw new TemplateNotFoundException(name, $"no loader is configured, so template '{name}' cannot be loaded", Diagnostics.ErrorCode.NoLoader);
        var source = loader.GetSource(name);
        var template = Compile(source.Text, name, source.FileName);
        if (Options.AutoReload && source.IsUpToDate is { } upToDate)
            _reloadChecks.AddOrUpdate(template, new Runtime.ReloadCheck(upToDate, Options.AutoReloadInterval));
        return template;
    }

    /// <summary>
    /// Compiles a template from text (Jinja2's <c>Environment.from_string</c>). Every call compiles anew and the result
    /// is not cached, so <see cref="GetTemplate"/> never returns it: keep the returned <see cref="Template"/> and render it
    /// as often as needed, from any thread. The first compile freezes the environment.
    /// </summary>
    /// <param name="source">The template text.</param>
    /// <param name="name">
    /// An optional name: shown in error messages, used by <see cref="TemplateEnvironmentOptions.Autoescape"/> (with the
    /// default policy a name ending in <c>.html</c> turns escaping on; an unnamed template does not escape) and as the
    /// folder that <c>./</c> and <c>../</c> names inside the template resolve against.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="TemplateSyntaxException">The text cannot be lexed or parsed, or uses an unknown filter or test outside an <c>if</c> branch.</exception>
    /// <example>
    /// <code>
    /// Template greet = env.FromString("Hello {{ name }}!", "greet.html");
    /// string s = greet.Render(new { name = "&lt;Ann&gt;" });   // "Hello &amp;lt;Ann&amp;gt;!" (escaped: the name ends in .html)
    /// </code>
    /// </example>
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

    /// <summary>
    /// Every template name the loader can list, sorted ordinally and <c>/</c>-separated (Jinja2's
    /// <c>Environment.list_templates()</c>; Kida's <c>env.loader.list_templates()</c>). Empty when there is no loader or it
    /// cannot enumerate (a <see cref="FunctionLoader"/>). Reads the loader each time; nothing is compiled.
    /// </summary>
    public IReadOnlyList<string> ListTemplates() => Options.Loader?.ListTemplates() ?? [];

    /// <summary>
    /// Loads (or takes from the cache) and renders a template in one call: <c>GetTemplate(name).Render(context)</c>
    /// (Kida's <c>env.render(name, ctx)</c>).
    /// </summary>
    /// <param name="name">The template name, as for <see cref="GetTemplate"/>.</param>
    /// <param name="context">The variables: anything <see cref="Template.Render(object?)"/> accepts, or null for none.</param>
    /// <returns>The rendered text.</returns>
    /// <exception cref="TemplateNotFoundException">The template (or one it extends, includes or imports) does not exist.</exception>
    /// <exception cref="TemplateSyntaxException">A template involved cannot be compiled.</exception>
    /// <exception cref="TemplateException">Rendering failed (see <see cref="Template.Render(object?)"/>).</exception>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public string Render(string name, object? context = null) => GetTemplate(name).Render(context);

    /// <summary>
    /// Compiles and renders a string in one call: <c>FromString(source).Render(context)</c> (Kida's <c>env.render_string</c>).
    /// The text is compiled on every call, so for text rendered repeatedly call <see cref="FromString"/> once and keep
    /// the template. The template has no name, so the default <see cref="AutoescapePolicy.ByExtension"/> policy does not
    /// escape it.
    /// </summary>
    /// <param name="source">The template text.</param>
    /// <param name="context">The variables: anything <see cref="Template.Render(object?)"/> accepts, or null for none.</param>
    /// <returns>The rendered text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="TemplateSyntaxException">The text cannot be compiled.</exception>
    /// <exception cref="TemplateException">Rendering failed (see <see cref="Template.Render(object?)"/>).</exception>
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

    /// <summary>
    /// Forgets compiled templates (all, or the given names) so the next <see cref="GetTemplate"/>, and the next
    /// <c>extends</c>/<c>include</c>/<c>import</c> of them, loads and compiles them again (Kida's
    /// <c>clear_template_cache(names)</c>). Use it after template files change. Thread-safe; <see cref="Template"/>
    /// instances already handed out keep working, and renders in progress are not disturbed (an include they reach after
    /// the clear loads the template afresh). Names that are not cached are ignored.
    /// </summary>
    /// <param name="names">The template names to forget; null forgets all.</param>
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
