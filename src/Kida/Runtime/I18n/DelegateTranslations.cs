namespace Kida.Runtime.I18n;

/// <summary>Translations given as delegates (<c>TemplateEnvironment.InstallGettextCallables</c>).</summary>
internal sealed class DelegateTranslations(
    Func<string, string> gettext, Func<string, string, long, string> ngettext,
    Func<string, string, string>? pgettext, Func<string, string, string, long, string>? npgettext) : ITranslations
{
    public string Gettext(string message) => gettext(message);

    public string NGettext(string singular, string plural, long n) => ngettext(singular, plural, n);

    public string PGettext(string context, string message) =>
        pgettext is null ? throw new TemplateRuntimeException("no pgettext function is installed") : pgettext(context, message);

    public string NPGettext(string context, string singular, string plural, long n) =>
        npgettext is null ? throw new TemplateRuntimeException("no npgettext function is installed") : npgettext(context, singular, plural, n);
}
