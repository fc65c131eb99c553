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

    /// <summary>Expands <c>@alias/name</c> template names: alias → folder prefix (e.g. <c>"ui" → "components"</c>).</summary>
    public IReadOnlyDictionary<string, string>? TemplateAliases { get; init; }

    /// <summary>How many <c>{% cache %}</c> fragments the environment keeps (least recently used go first).</summary>
    public int FragmentCacheSize { get; init; } = 1000;

    /// <summary>How long a <c>{% cache %}</c> fragment stays fresh when the tag gives no <c>ttl</c>.</summary>
    public TimeSpan FragmentTtl { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>The clock <c>{% cache %}</c> expiry reads; replace it in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
