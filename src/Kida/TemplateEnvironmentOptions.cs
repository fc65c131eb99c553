namespace Kida;

/// <summary>
/// Immutable configuration of a <see cref="TemplateEnvironment"/> (the keyword arguments of Jinja2's
/// <c>Environment(...)</c>). Start from <see cref="Default"/> and make variants with <c>with</c>; pass the result to
/// <see cref="TemplateEnvironment(TemplateEnvironmentOptions)"/>. Being immutable, one instance can configure any number
/// of environments, from any thread.
/// </summary>
/// <example>
/// <code>
/// var options = TemplateEnvironmentOptions.Default with
/// {
///     Loader = new FileSystemLoader("templates"),
///     TrimBlocks = true,            // Jinja2's trim_blocks
///     LstripBlocks = true,          // Jinja2's lstrip_blocks
///     StrictUndefined = true,       // Jinja2's undefined=StrictUndefined
/// };
/// var env = new TemplateEnvironment(options);
/// </code>
/// </example>
public sealed record TemplateEnvironmentOptions
{
    /// <summary>
    /// The defaults, matching Jinja2's where Jinja2 has the option: no loader, escaping by file extension, lenient
    /// undefined values, no whitespace trimming, the Jinja2 dialect, the sandbox's member access.
    /// </summary>
    public static TemplateEnvironmentOptions Default { get; } = new();

    /// <summary>
    /// Where <see cref="TemplateEnvironment.GetTemplate"/> and the <c>extends</c>/<c>include</c>/<c>import</c> tags find
    /// templates (Jinja2's <c>loader</c>). Null (the default) means templates come only from
    /// <see cref="TemplateEnvironment.FromString"/>, and loading one by name throws <see cref="TemplateNotFoundException"/>.
    /// </summary>
    public ITemplateLoader? Loader { get; init; }

    /// <summary>
    /// Which templates HTML-escape what they print (Jinja2's <c>autoescape</c>). Accepts a <c>bool</c> (<c>true</c> =
    /// <see cref="AutoescapePolicy.Always"/>, <c>false</c> = <see cref="AutoescapePolicy.Never"/>). Default:
    /// <see cref="AutoescapePolicy.ByExtension"/>, like Jinja2's <c>select_autoescape()</c> (Jinja2 itself defaults to off).
    /// </summary>
    public AutoescapePolicy Autoescape { get; init; } = AutoescapePolicy.ByExtension;

    /// <summary>
    /// Raise <see cref="UndefinedVariableException"/> when an undefined value is printed, iterated or tested for truth
    /// (Jinja2's <c>undefined=StrictUndefined</c>); <c>is defined</c> and <c>| default</c> still work. Default false, as in
    /// Jinja2: a missing name prints as empty, is false and iterates as empty, and only using an attribute of it (or
    /// arithmetic on it) raises.
    /// </summary>
    public bool StrictUndefined { get; init; }

    /// <summary>
    /// What missing variables, attributes and keys become (Jinja2's <c>undefined=</c>): <see cref="Kida.UndefinedBehavior.Default"/>,
    /// <see cref="Kida.UndefinedBehavior.Strict"/>, <see cref="Kida.UndefinedBehavior.Chainable"/> or <see cref="Kida.UndefinedBehavior.Debug"/>.
    /// <see cref="StrictUndefined"/> = true wins over this setting.
    /// </summary>
    public UndefinedBehavior UndefinedBehavior { get; init; }

    /// <summary>The behaviour in force: <see cref="UndefinedBehavior"/>, or Strict when <see cref="StrictUndefined"/> is set.</summary>
    internal UndefinedBehavior EffectiveUndefined => StrictUndefined ? UndefinedBehavior.Strict : UndefinedBehavior;

    /// <summary>
    /// Applied to the value of every <c>{{ expression }}</c> before it is printed (Jinja2's <c>finalize</c>); never to
    /// the template's literal text. It receives the raw value (null for <c>none</c>, an <c>Undefined</c> for a missing
    /// name) and what it returns is printed, escaped under autoescape unless it is <see cref="Markup"/>. Null: print as is.
    /// </summary>
    /// <example><c>Finalize = v => v is null ? "" : v</c> prints <c>none</c> as nothing.</example>
    public Func<object?, object?>? Finalize { get; init; }

    /// <summary>Remove the first newline after a block tag such as <c>{% if %}</c> (Jinja2's <c>trim_blocks</c>). Default false.</summary>
    public bool TrimBlocks { get; init; }

    /// <summary>Strip spaces and tabs from the start of a line up to a block tag (Jinja2's <c>lstrip_blocks</c>). Default false.</summary>
    public bool LstripBlocks { get; init; }

    /// <summary>
    /// Keep the single trailing newline of a template source (Jinja2's <c>keep_trailing_newline</c>; Jinja2 drops it by
    /// default, and so does this engine unless this is set or the <see cref="TemplateDialect.Kida"/> dialect is used,
    /// which always keeps it).
    /// </summary>
    public bool KeepTrailingNewline { get; init; }

    /// <summary>
    /// The strings that open and close statement, output and comment tags (Jinja2's <c>block_start_string</c>,
    /// <c>block_end_string</c>, <c>variable_start_string</c>, <c>variable_end_string</c>, <c>comment_start_string</c>,
    /// <c>comment_end_string</c>). Default <see cref="Kida.Delimiters.Default"/>. Invalid combinations throw
    /// <see cref="ArgumentException"/> from the <see cref="TemplateEnvironment"/> constructor.
    /// </summary>
    public Delimiters Delimiters { get; init; } = Delimiters.Default;

    /// <summary>
    /// Jinja2's <c>line_statement_prefix</c>: a line whose first non-blank text is this prefix is a statement, as if
    /// written inside the block delimiters (<c># for x in xs</c> … <c># endfor</c>); the statement ends at the end of
    /// the line unless a bracket is still open, and may end with <c>:</c>. Null (default) turns line statements off;
    /// an empty string throws <see cref="ArgumentException"/> from the <see cref="TemplateEnvironment"/> constructor.
    /// </summary>
    public string? LineStatementPrefix { get; init; }

    /// <summary>
    /// Jinja2's <c>line_comment_prefix</c>: from this prefix to the end of the line is a comment (the newline itself is
    /// kept), at the start of a line or after text; blanks before the prefix are dropped too. Null (default) turns
    /// line comments off; an empty string throws <see cref="ArgumentException"/>.
    /// </summary>
    public string? LineCommentPrefix { get; init; }

    /// <summary>
    /// Jinja2's <c>newline_sequence</c>: every newline of the template's text (and of raw newlines inside string
    /// literals) is written as this: <c>"\n"</c> (default), <c>"\r\n"</c> or <c>"\r"</c>. Newlines that values bring
    /// at render time are left alone. Any other value throws <see cref="ArgumentException"/>.
    /// </summary>
    public string NewlineSequence { get; init; } = "\n";

    /// <summary>
    /// How deeply <c>{% include %}</c>, <c>{% import %}</c> and <c>{% embed %}</c> may nest (Kida's <c>max_include_depth</c>);
    /// deeper, as with a template that includes itself, raises a <see cref="TemplateRuntimeException"/> with code
    /// <see cref="Diagnostics.ErrorCode.DepthExceeded"/>. Default 50.
    /// </summary>
    public int MaxIncludeDepth { get; init; } = 50;

    /// <summary>
    /// How many templates an <c>{% extends %}</c> chain may hold (Kida's <c>max_extends_depth</c>); longer raises a
    /// <see cref="TemplateRuntimeException"/> with code <see cref="Diagnostics.ErrorCode.DepthExceeded"/>. A template that
    /// extends itself is reported as such. Default 50.
    /// </summary>
    public int MaxExtendsDepth { get; init; } = 50;

    /// <summary>
    /// Maximum nesting of macro (<c>macro</c>/<c>def</c>) calls; deeper raises a <see cref="TemplateRuntimeException"/>
    /// with code <see cref="Diagnostics.ErrorCode.DepthExceeded"/>, so runaway recursion never overflows the stack. Default 200.
    /// </summary>
    public int MaxCallDepth { get; init; } = 200;

    /// <summary>
    /// What templates may reach on .NET objects beyond the sandbox (keys, public instance properties and fields, the
    /// Python methods of builtin values). Default: nothing more; anything else raises <see cref="TemplateSecurityException"/>.
    /// </summary>
    public MemberAccessPolicy MemberAccess { get; init; } = MemberAccessPolicy.Default;

    /// <summary>Most items a <c>range()</c> may hold (Jinja2's sandbox <c>MAX_RANGE</c>, 100,000 by default); more raises a <see cref="TemplateRuntimeException"/>.</summary>
    public long MaxRangeSize { get; init; } = Runtime.Globals.PyRange.MaxItems;

    /// <summary>
    /// Most characters one render may produce (and any single captured block, macro or <c>set</c> block may hold);
    /// null for no limit. Exceeding it raises a <see cref="TemplateRuntimeException"/>.
    /// </summary>
    public int? MaxOutputLength { get; init; }

    /// <summary>Jinja2 (default) or Kida meaning for the divergences of LANGUAGE.md §9.</summary>
    public TemplateDialect Dialect { get; init; } = TemplateDialect.Jinja2;

    /// <summary>
    /// Extra filters, added to (and overriding) the builtin ones, as if passed to
    /// <see cref="TemplateEnvironment.AddFilter(string, FilterFunction)"/> (Jinja2's <c>env.filters</c>).
    /// </summary>
    public IReadOnlyDictionary<string, FilterFunction>? Filters { get; init; }

    /// <summary>
    /// Extra tests, added to (and overriding) the builtin ones, as if passed to
    /// <see cref="TemplateEnvironment.AddTest(string, TestFunction)"/> (Jinja2's <c>env.tests</c>).
    /// </summary>
    public IReadOnlyDictionary<string, TestFunction>? Tests { get; init; }

    /// <summary>
    /// Extra globals (values or <see cref="TemplateFunction"/> delegates) visible to every template, as if passed to
    /// <see cref="TemplateEnvironment.AddGlobal(string, object?)"/> (Jinja2's <c>env.globals</c>).
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Globals { get; init; }

    /// <summary>
    /// The message catalog <c>{% trans %}</c>, <c>_()</c>, <c>gettext</c>, <c>ngettext</c>, <c>pgettext</c> and
    /// <c>npgettext</c> translate through (docs/i18n.md). Null: <see cref="NullTranslations"/>, so messages render
    /// untranslated. <see cref="TemplateEnvironment.InstallTranslations"/> replaces it before the first compile.
    /// </summary>
    public ITranslations? Translations { get; init; }

    /// <summary>
    /// Jinja2's newstyle gettext: <c>gettext</c> and friends take keyword arguments and format them into the translation
    /// (<c>_("Hello %(name)s", name=user)</c>), and their result is escaped-and-safe when autoescaping. Default false.
    /// </summary>
    public bool NewstyleGettext { get; init; }

    /// <summary>
    /// Jinja2's <c>ext.i18n.trimmed</c> policy: <c>{% trans %}</c> bodies are trimmed (ends stripped, each line break
    /// with its surrounding whitespace made one space) unless the tag says <c>notrimmed</c>. Default false.
    /// </summary>
    public bool I18nTrimmed { get; init; }

    /// <summary>
    /// Check, each time <see cref="TemplateEnvironment.GetTemplate"/> reuses a compiled template, whether its source
    /// changed (the loader's <see cref="TemplateSource.IsUpToDate"/>), and recompile it if so; includes, imports and
    /// layouts are then looked up on every render so they are checked too (Jinja2's <c>auto_reload</c>). Default
    /// false, unlike Jinja2: the check costs a file stat per template per render, and a production site's templates
    /// do not change under the running server. Turn it on for development (docs/auto-reload.md).
    /// </summary>
    public bool AutoReload { get; init; }

    /// <summary>
    /// With <see cref="AutoReload"/>: the least time between two up-to-date checks of one template (the checks between
    /// answer "unchanged"). Default zero: every <see cref="TemplateEnvironment.GetTemplate"/> checks, as Jinja2 does;
    /// e.g. one second bounds a busy development server to one stat per template per second.
    /// </summary>
    public TimeSpan AutoReloadInterval { get; init; }


    /// <summary>
    /// Expands <c>@alias/name</c> template names: alias → folder prefix (e.g. <c>"ui" → "components"</c>, so
    /// <c>{% include "@ui/card.html" %}</c> loads <c>components/card.html</c>); Kida's <c>template_aliases</c>. Applies to names
    /// written in <c>extends</c>/<c>include</c>/<c>import</c>; <see cref="TemplateEnvironment.GetTemplate"/> takes names as
    /// they are. An unknown alias raises <see cref="TemplateNotFoundException"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? TemplateAliases { get; init; }

    /// <summary>How many <c>{% cache %}</c> fragments the environment keeps (least recently used go first); Kida's <c>fragment_cache_size</c>. Default 1000.</summary>
    public int FragmentCacheSize { get; init; } = 1000;

    /// <summary>How long a <c>{% cache %}</c> fragment stays fresh when the tag gives no <c>ttl</c>; Kida's <c>fragment_ttl</c>. Default 5 minutes.</summary>
    public TimeSpan FragmentTtl { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>The clock <c>{% cache %}</c> expiry reads; replace it in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Names of <em>span tags</em>: for a name such as <c>"generation"</c>, <c>{% generation %}…{% endgeneration %}</c>
    /// renders its body unchanged (a scope of its own, like a <c>{% call %}</c> body) and, when the template is rendered
    /// with <see cref="Template.Render(IReadOnlyDictionary{string, object?}, ICollection{OutputSpan})"/> or
    /// <see cref="Template.Render(TextWriter, IReadOnlyDictionary{string, object?}, ICollection{OutputSpan})"/>, records
    /// the range of the output its body produced as an <see cref="OutputSpan"/>. Use it to find which part of an output
    /// came from which part of a template (chat templates mark assistant text this way). A span is recorded only when
    /// the body writes straight into the template's output — not inside a macro, a <c>{% call %}</c> or
    /// <c>{% filter %}</c> body, or a <c>{% set %}</c> block, whose text is placed later. Each name must be an identifier
    /// and not one of the engine's own tags. Default: none.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not an identifier or is a built-in tag (raised when set).</exception>
    public IReadOnlyList<string>? SpanTags
    {
        get => _spanTags;
        init => _spanTags = Runtime.SpanTagNames.Validate(value);
    }

    private readonly IReadOnlyList<string>? _spanTags;

    /// <summary>
    /// Refuse the methods that change a list or dict (<c>append</c>, <c>extend</c>, <c>insert</c>, <c>pop</c>,
    /// <c>remove</c>, <c>reverse</c>, <c>sort</c>, <c>clear</c>; <c>update</c>, <c>setdefault</c>, <c>popitem</c>) with
    /// <see cref="TemplateSecurityException"/>, so templates cannot alter the data they are given — Jinja2's
    /// <c>ImmutableSandboxedEnvironment</c>. <c>{% set %}</c> and <c>namespace</c> attributes still work. Default false.
    /// </summary>
    public bool ImmutableSandbox { get; init; }

    /// <summary>
    /// Whether hot templates move to the compiled tier (issue #18): every template starts on the tree-walking
    /// interpreter, and once it has rendered <see cref="TieredCompilationThreshold"/> times it is compiled to a delegate
    /// on a thread-pool thread and swapped in; renders never wait for it, and the output is identical. Default true.
    /// Where dynamic code is not supported (Native AOT) templates always stay interpreted, whatever this says.
    /// See <see cref="Template.Tier"/> and <see cref="TemplateEnvironment.TierStatistics"/>.
    /// </summary>
    public bool TieredCompilation { get; init; } = true;

    /// <summary>
    /// With <see cref="TieredCompilation"/>: how many renders of a template (as a page, layout or include) start its
    /// background compile. Default 30. Zero compiles every template at once, synchronously, as it is created (before
    /// <see cref="TemplateEnvironment.GetTemplate"/> or <see cref="TemplateEnvironment.FromString"/> returns): a slower cold
    /// start, the compiled tier from the first render. Negative values are treated as zero.
    /// </summary>
    public int TieredCompilationThreshold { get; init; } = 30;
}
