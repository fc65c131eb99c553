using Kida.Localization;
using Microsoft.Extensions.Localization;

namespace Kida.Tests.I18n;

/// <summary>The <see cref="IStringLocalizer"/> adapter behind templates.</summary>
public class StringLocalizerTranslationsTests
{
    private sealed class DictionaryLocalizer(Dictionary<string, string> strings) : IStringLocalizer
    {
        public LocalizedString this[string name] =>
            strings.TryGetValue(name, out var v) ? new(name, v) : new(name, name, resourceNotFound: true);

        public LocalizedString this[string name, params object[] arguments] => this[string.Format(System.Globalization.CultureInfo.InvariantCulture, name, arguments)];

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => strings.Select(kv => new LocalizedString(kv.Key, kv.Value));
    }

    private static readonly DictionaryLocalizer Localizer = new(new()
    {
        ["Hello %(name)s!"] = "Hallo %(name)s!",
        ["%(n)s file"] = "%(n)s Datei",
        ["%(n)s files"] = "%(n)s Dateien",
        ["menu|Open"] = "Öffnen",
        ["100%% sure"] = "100%% sicher",
    });

    [Fact]
    public void Templates_translate_through_the_localizer()
    {
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions
        {
            Translations = new StringLocalizerTranslations(Localizer) { ContextSeparator = "|" },
            Autoescape = true,
        });
        Assert.Equal("Hallo &lt;Ann&gt;!", env.RenderString("{% trans %}Hello {{ name }}!{% endtrans %}", new { name = "<Ann>" }));
        Assert.Equal("1 Datei|3 Dateien", env.RenderString(
            "{% for n in [1, 3] %}{% trans %}{{ n }} file{% pluralize %}{{ n }} files{% endtrans %}{{ '|' if loop.first }}{% endfor %}"));
        Assert.Equal("Öffnen|Close", env.RenderString("{% trans 'menu' %}Open{% endtrans %}|{{ pgettext('menu', 'Close') }}"));
        Assert.Equal("100% sicher|untranslated", env.RenderString("{% trans x=1 %}100%% sure{% endtrans %}|{{ _('untranslated') }}"));
    }

    [Fact]
    public void A_null_localizer_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new StringLocalizerTranslations(null!));
    }
}
