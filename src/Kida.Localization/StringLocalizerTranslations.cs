using Microsoft.Extensions.Localization;

namespace Kida.Localization;

/// <summary>
/// Serves <c>{% trans %}</c>, <c>_()</c>, <c>gettext</c> and friends from an ASP.NET Core style
/// <see cref="IStringLocalizer"/> (resx resources, a database localizer, …). Keys are the gettext messages as
/// templates write them (<c>"Hello %(name)s!"</c>, <c>%%</c> for a percent sign); a key the localizer does not find
/// comes back untranslated, as gettext does.
/// </summary>
/// <remarks>
/// <para><see cref="IStringLocalizer"/> has no plural rules: <see cref="NGettext"/> looks up the singular key when n is 1
/// and the plural key otherwise (right for English-like languages; for languages with more forms use
/// <see cref="GettextCatalog"/>). A context (<c>{% trans "menu" %}</c>, <c>pgettext</c>) is looked up as the key
/// <c>context + ContextSeparator + message</c>.</para>
/// <para>Most localizers translate into <see cref="System.Globalization.CultureInfo.CurrentUICulture"/>; it flows into
/// a render on the calling thread (and with the execution context into async code), so set it per request as usual.
/// The localizer is called from every rendering thread and must be thread-safe (the built-in ones are).</para>
/// </remarks>
/// <example><code>
/// var env = new TemplateEnvironment(new TemplateEnvironmentOptions
/// {
///     Loader = new FileSystemLoader("templates"),
///     Translations = new StringLocalizerTranslations(localizerFactory.Create("Templates", "MyApp")),
/// });
/// </code></example>
public sealed class StringLocalizerTranslations : ITranslations
{
    private readonly IStringLocalizer _localizer;

    /// <summary>Wraps <paramref name="localizer"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="localizer"/> is null.</exception>
    public StringLocalizerTranslations(IStringLocalizer localizer)
    {
        _localizer = localizer ?? throw new ArgumentNullException(nameof(localizer));
    }

    /// <summary>What joins a context and a message into one key; default <c>"\u0004"</c>, gettext's own separator (e.g. set <c>"|"</c> for resx names).</summary>
    public string ContextSeparator { get; init; } = "\u0004";

    /// <inheritdoc/>
    public string Gettext(string message) => Lookup(message) ?? message;

    /// <inheritdoc/>
    public string NGettext(string singular, string plural, long n)
    {
        var key = n == 1 ? singular : plural;
        return Lookup(key) ?? key;
    }

    /// <inheritdoc/>
    public string PGettext(string context, string message) => Lookup(context + ContextSeparator + message) ?? message;

    /// <inheritdoc/>
    public string NPGettext(string context, string singular, string plural, long n)
    {
        var key = n == 1 ? singular : plural;
        return Lookup(context + ContextSeparator + key) ?? key;
    }

    private string? Lookup(string key)
    {
        var s = _localizer[key];
        return s.ResourceNotFound ? null : s.Value;
    }
}
