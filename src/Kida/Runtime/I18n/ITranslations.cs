namespace Kida;

/// <summary>
/// A message catalog for one language: what <c>{% trans %}</c>, <c>_()</c>, <c>gettext</c>, <c>ngettext</c>,
/// <c>pgettext</c> and <c>npgettext</c> translate through (Python's <c>gettext.GNUTranslations</c> interface).
/// Install one with <see cref="TemplateEnvironmentOptions.Translations"/> or
/// <see cref="TemplateEnvironment.InstallTranslations"/>. Ready implementations: <see cref="NullTranslations"/>,
/// <see cref="GettextCatalog"/> (GNU <c>.mo</c>/<c>.po</c> files) and, in the <c>Kida.Localization</c> package, an
/// adapter over <c>IStringLocalizer</c>.
/// </summary>
/// <remarks>
/// Messages arrive exactly as gettext tools extract them: the text of a trans block with <c>%(name)s</c> placeholders
/// and <c>%%</c> for a literal percent sign. Return the message itself when it has no translation. Implementations are
/// called from many rendering threads at once and must be thread-safe (an immutable catalog is).
/// </remarks>
public interface ITranslations
{
    /// <summary>The translation of <paramref name="message"/>, or the message itself.</summary>
    string Gettext(string message);

    /// <summary>The translation of the form of <paramref name="singular"/>/<paramref name="plural"/> that fits <paramref name="n"/>; untranslated: singular when n is 1, else plural.</summary>
    string NGettext(string singular, string plural, long n);

    /// <summary>The translation of <paramref name="message"/> in the disambiguating <paramref name="context"/> (<c>msgctxt</c>), or the message itself.</summary>
    string PGettext(string context, string message);

    /// <summary><see cref="NGettext"/> within a <c>msgctxt</c> context.</summary>
    string NPGettext(string context, string singular, string plural, long n);
}

/// <summary>
/// Translates nothing: messages come back unchanged and plurals choose by <c>n == 1</c> (Python's
/// <c>gettext.NullTranslations</c>, Jinja2's <c>install_null_translations</c>). An environment uses it until
/// translations are installed, so templates with <c>{% trans %}</c> render in their source language.
/// </summary>
public sealed class NullTranslations : ITranslations
{
    /// <summary>The shared instance (it has no state).</summary>
    public static NullTranslations Instance { get; } = new();

    /// <inheritdoc/>
    public string Gettext(string message) => message;

    /// <inheritdoc/>
    public string NGettext(string singular, string plural, long n) => n == 1 ? singular : plural;

    /// <inheritdoc/>
    public string PGettext(string context, string message) => message;

    /// <inheritdoc/>
    public string NPGettext(string context, string singular, string plural, long n) => n == 1 ? singular : plural;
}
