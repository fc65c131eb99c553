namespace Kida;

/// <summary>Installing translations: Jinja2's <c>install_gettext_translations</c> family (docs/i18n.md).</summary>
public sealed partial class TemplateEnvironment
{
    private bool _newstyleGettext;

    /// <summary>
    /// Whether <c>{% trans %}</c> compiles to newstyle gettext calls (keyword formatting, see
    /// <see cref="TemplateEnvironmentOptions.NewstyleGettext"/>); the last <c>Install…</c> call with a <c>newstyle</c>
    /// argument sets it.
    /// </summary>
    public bool NewstyleGettext => _newstyleGettext;

    /// <summary>
    /// Makes <paramref name="translations"/> the catalog of <c>{% trans %}</c>, <c>_()</c>, <c>gettext</c>, <c>ngettext</c>,
    /// <c>pgettext</c> and <c>npgettext</c> (Jinja2's <c>install_gettext_translations</c>): it sets those globals.
    /// Only allowed before the first template is compiled.
    /// </summary>
    /// <param name="translations">The catalog, e.g. <see cref="GettextCatalog.Load(string)"/>.</param>
    /// <param name="newstyle">Switch newstyle gettext on or off; null keeps <see cref="NewstyleGettext"/>.</param>
    /// <exception cref="InvalidOperationException">A template was already compiled.</exception>
    /// <example><code>var env = new TemplateEnvironment(loader).InstallTranslations(GettextCatalog.Load("de/LC_MESSAGES/messages.mo"));</code></example>
    public TemplateEnvironment InstallTranslations(ITranslations translations, bool? newstyle = null)
    {
        ArgumentNullException.ThrowIfNull(translations);
        EnsureNotFrozen();
        if (newstyle is { } n) _newstyleGettext = n;
        InstallTranslationGlobals(translations, true);
        return this;
    }

    /// <summary>Installs <see cref="NullTranslations"/> (Jinja2's <c>install_null_translations</c>): messages pass through untranslated.</summary>
    /// <param name="newstyle">Switch newstyle gettext on or off; null keeps <see cref="NewstyleGettext"/>.</param>
    /// <exception cref="InvalidOperationException">A template was already compiled.</exception>
    public TemplateEnvironment InstallNullTranslations(bool? newstyle = null) => InstallTranslations(NullTranslations.Instance, newstyle);

    /// <summary>
    /// Installs translation functions given as delegates (Jinja2's <c>install_gettext_callables</c>). Without
    /// <paramref name="pgettext"/>/<paramref name="npgettext"/> the globals of those names are <c>none</c>, so a context
    /// form (<c>{% trans "ctx" %}</c>) fails when it renders, as in Jinja2.
    /// </summary>
    /// <exception cref="InvalidOperationException">A template was already compiled.</exception>
    /// <example><code>env.InstallGettextCallables(s => s.ToUpperInvariant(), (s, p, n) => n == 1 ? s : p, newstyle: true);</code></example>
    public TemplateEnvironment InstallGettextCallables(
        Func<string, string> gettext, Func<string, string, long, string> ngettext, bool? newstyle = null,
        Func<string, string, string>? pgettext = null, Func<string, string, string, long, string>? npgettext = null)
    {
        ArgumentNullException.ThrowIfNull(gettext);
        ArgumentNullException.ThrowIfNull(ngettext);
        EnsureNotFrozen();
        if (newstyle is { } n) _newstyleGettext = n;
        var translations = new Runtime.I18n.DelegateTranslations(gettext, ngettext, pgettext, npgettext);
        InstallTranslationGlobals(translations, true);
        if (pgettext is null) Own(ref _globals, _builtins.Globals)["pgettext"] = null;
        if (npgettext is null) Own(ref _globals, _builtins.Globals)["npgettext"] = null;
        return this;
    }

    /// <summary>
    /// Installs template functions as the translation functions (Jinja2's <c>install_gettext_callables</c> with
    /// <c>@pass_context</c> functions): each receives the message arguments positionally and can read the render with
    /// <see cref="CallArguments.TryResolve"/>, e.g. to choose the language. With newstyle they are wrapped so templates
    /// may pass keywords, which are formatted into (and, when autoescaping, escaped in) the result. Without
    /// <paramref name="pgettext"/>/<paramref name="npgettext"/> those globals are <c>none</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A template was already compiled.</exception>
    /// <example><code>
    /// env.InstallGettextCallables(
    ///     (TemplateFunction)(a => Catalog(a).Gettext((string)a.Positional[0]!)),
    ///     (TemplateFunction)(a => Catalog(a).NGettext((string)a.Positional[0]!, (string)a.Positional[1]!, (long)a.Positional[2]!)),
    ///     newstyle: true);
    /// </code></example>
    public TemplateEnvironment InstallGettextCallables(
        TemplateFunction gettext, TemplateFunction ngettext, bool? newstyle = null,
        TemplateFunction? pgettext = null, TemplateFunction? npgettext = null)
    {
        ArgumentNullException.ThrowIfNull(gettext);
        ArgumentNullException.ThrowIfNull(ngettext);
        EnsureNotFrozen();
        if (newstyle is { } n) _newstyleGettext = n;
        var globals = Own(ref _globals, _builtins.Globals);
        globals["_"] = Runtime.I18n.GettextFunctions.Alias;
        Runtime.I18n.GettextFunctions.InstallFunctions(globals, gettext, ngettext, pgettext, npgettext, _newstyleGettext);
        return this;
    }

    /// <summary>Removes the <c>gettext</c>, <c>ngettext</c>, <c>pgettext</c> and <c>npgettext</c> globals (Jinja2's <c>uninstall_gettext_translations</c>); <c>{% trans %}</c> then fails when it renders.</summary>
    /// <exception cref="InvalidOperationException">A template was already compiled.</exception>
    public TemplateEnvironment UninstallTranslations()
    {
        EnsureNotFrozen();
        Runtime.I18n.GettextFunctions.Uninstall(Own(ref _globals, _builtins.Globals));
        return this;
    }

    private void InstallTranslationGlobals(ITranslations translations, bool contextForms)
    {
        var globals = Own(ref _globals, _builtins.Globals);
        globals["_"] = Runtime.I18n.GettextFunctions.Alias;
        Runtime.I18n.GettextFunctions.Install(globals, translations, _newstyleGettext, contextForms);
    }
}
