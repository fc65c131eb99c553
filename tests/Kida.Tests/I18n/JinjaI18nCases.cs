using System.Text.Json;
using Kida.Runtime.Values;

namespace Kida.Tests.I18n;

/// <summary>Runs one case pinned by <c>tests/tools/pin_jinja_i18n.py</c>.</summary>
internal static class JinjaI18nCases
{
    /// <summary>Jinja2's i18n messages that Kida's parser words the same way (other syntax errors are worded Kida's way).</summary>
    private static readonly string[] OwnMessages =
    [
        "pluralize without variables", "unknown variable '", "a translatable section can have only one pluralize section",
        "control structures in translatable sections are not allowed", "trans blocks can't be nested",
        "unclosed translation block", "translatable variable '",
    ];

    public static bool OwnMessage(string message) => OwnMessages.Any(message.StartsWith);

    public static TemplateEnvironment Environment(Dictionary<string, byte[]> catalogs, string optionsJson)
    {
        var o = JsonDocument.Parse(optionsJson).RootElement;
        bool Flag(string name) => o.TryGetProperty(name, out var v) && v.GetBoolean();
        var lang = o.TryGetProperty("lang", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
        return new TemplateEnvironment(new TemplateEnvironmentOptions
        {
            Autoescape = Flag("autoescape"),
            I18nTrimmed = Flag("trimmed"),
            NewstyleGettext = Flag("newstyle"),
            Translations = lang is null ? null : GettextCatalog.ReadMo(catalogs[lang]),
        });
    }

    public static void Check(Dictionary<string, byte[]> catalogs, string template, string contextJson, string optionsJson, string expected)
    {
        var env = Environment(catalogs, optionsJson);
        var context = (PyDict)ClrInterop.FromJson(JsonDocument.Parse(contextJson).RootElement)!;
        if (expected.StartsWith("!syntax: ", StringComparison.Ordinal))
        {
            var e = Assert.Throws<TemplateSyntaxException>(() => env.FromString(template));
            var message = expected["!syntax: ".Length..];
            if (OwnMessage(message)) Assert.Contains(message, e.Reason);
            Assert.True(e.Line is >= 1, "a syntax error carries its line");
            return;
        }
        if (expected.StartsWith("!error: ", StringComparison.Ordinal))
        {
            Assert.ThrowsAny<TemplateException>(() => env.FromString(template).Render(context));
            return;
        }
        Assert.Equal(expected, env.FromString(template).Render(context));
    }
}
