namespace Kida.Tests.Language;

/// <summary>Renders Kida-syntax templates in either dialect for the language tests.</summary>
internal static class K
{
    public static TemplateEnvironment Env(TemplateDialect dialect = TemplateDialect.Kida, Dictionary<string, string>? templates = null,
        bool autoescape = false, bool strict = false, Func<TemplateEnvironmentOptions, TemplateEnvironmentOptions>? configure = null)
    {
        var options = new TemplateEnvironmentOptions
        {
            Loader = new DictLoader(templates ?? []),
            Autoescape = autoescape,
            StrictUndefined = strict,
            Dialect = dialect,
        };
        return new TemplateEnvironment(configure is null ? options : configure(options));
    }

    /// <summary>Renders <paramref name="source"/> in the Kida dialect.</summary>
    public static string Render(string source, object? context = null, Dictionary<string, string>? templates = null, bool autoescape = false) =>
        Env(TemplateDialect.Kida, templates, autoescape).FromString(source, "page.html").Render(context);

    /// <summary>Renders <paramref name="source"/> in the (default) Jinja2 dialect.</summary>
    public static string Jinja(string source, object? context = null, Dictionary<string, string>? templates = null) =>
        Env(TemplateDialect.Jinja2, templates).FromString(source, "page.html").Render(context);

    public static Dictionary<string, object?> Ctx(params (string Key, object? Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value);

    public static List<object?> List(params object?[] items) => [.. items];
}
