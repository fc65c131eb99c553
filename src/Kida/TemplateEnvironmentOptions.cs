namespace Kida;

/// <summary>
/// Immutable configuration of a <see cref="TemplateEnvironment"/>. Start from <see cref="Default"/> and make
/// variants with <c>with</c>.
/// </summary>
public sealed record TemplateEnvironmentOptions
{
    public static TemplateEnvironmentOptions Default { get; } = new();

    /// <summary>Where <see cref="TemplateEnvironment.GetTemplate"/> finds templates; null means only <c>FromString</c>.</summary>
    public ITemplateLoader? Loader { get; init; }

    /// <summary>Which templates HTML-escape their output. Accepts a <c>bool</c>. Default: by file extension.</summary>
    public AutoescapePolicy Autoescape { get; init; } = AutoescapePolicy.ByExtension;

    /// <summary>Raise when an undefined value is printed, iterated or tested (Jinja2's <c>StrictUndefined</c>). Default false.</summary>
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

    /// <summary>Remove the first newline after a block tag.</summary>
    public bool TrimBlocks { get; init; }

    /// <summary>Strip spaces and tabs from the start of a line up to a block tag.</summary>
    public bool LstripBlocks { get; init; }

    /// <summary>Keep the single trailing newline of a template source (Jinja2 drops it by default).</summary>
    public bool KeepTrailingNewline { get; init; }

    public int MaxIncludeDepth { get; init; } = 50;

    public int MaxExtendsDepth { get; init; } = 50;

    /// <summary>Maximum nesting of macro calls before a <see cref="TemplateRuntimeException"/> (never a stack overflow).</summary>
    public int MaxCallDepth { get; init; } = 200;

    /// <summary>
    /// What templates may reach on .NET objects beyond the sandbox (keys, public instance properties and fields, the
    /// Python methods of builtin values). Default: nothing more; anything else raises <see cref="TemplateSecurityException"/>.
    /// </summary>
    public MemberAccessPolicy MemberAccess { get; init; } = MemberAccessPolicy.Default;

    /// <summary>Most items a <c>range()</c> may hold (Jinja2's sandbox MAX_RANGE); more raises a <see cref="TemplateRuntimeException"/>.</summary>
    public long MaxRangeSize { get; init; } = Runtime.Globals.PyRange.MaxItems;

    /// <summary>
    /// Most characters one render may produce (and any single captured block, macro or <c>set</c> block may hold);
    /// null for no limit. Exceeding it raises a <see cref="TemplateRuntimeException"/>.
    /// </summary>
    public int? MaxOutputLength { get; init; }

    /// <summary>Jinja2 (default) or Kida meaning for the divergences of LANGUAGE.md §9.</summary>
    public TemplateDialect Dialect { get; init; } = TemplateDialect.Jinja2;

    /// <summary>Extra filters, added to (and overriding) the builtin ones.</summary>
    public IReadOnlyDictionary<string, FilterFunction>? Filters { get; init; }

    /// <summary>Extra tests, added to (and overriding) the builtin ones.</summary>
    public IReadOnlyDictionary<string, TestFunction>? Tests { get; init; }

    /// <summary>Extra globals (values or <see cref="TemplateFunction"/> delegates) visible to every template.</summary>
    public IReadOnlyDictionary<string, object?>? Globals { get; init; }

    /// <summary>Expands <c>@alias/name</c> template names: alias → folder prefix (e.g. <c>"ui" → "components"</c>).</summary>
    public IReadOnlyDictionary<string, string>? TemplateAliases { get; init; }

    /// <summary>How many <c>{% cache %}</c> fragments the environment keeps (least recently used go first).</summary>
    public int FragmentCacheSize { get; init; } = 1000;

    /// <summary>How long a <c>{% cache %}</c> fragment stays fresh when the tag gives no <c>ttl</c>.</summary>
    public TimeSpan FragmentTtl { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>The clock <c>{% cache %}</c> expiry reads; replace it in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
