using System.Runtime.CompilerServices;

namespace Kida.Tests.Golden;

/// <summary>
/// Pins the full text of error messages users see. Each case's expected diagnostic lives in
/// <c>Golden/errors/NAME.txt</c>; run with <c>KIDA_UPDATE_GOLDEN=1</c> to rewrite them, then review the diff like code.
/// </summary>
public class ErrorMessageTests
{
    private static readonly Dictionary<string, string> Shared = new()
    {
        ["layout.html"] = "<main>{% block body %}{% endblock %}</main>",
        ["cycle-a.html"] = "a{% include 'cycle-b.html' %}",
        ["cycle-b.html"] = "b{% include 'cycle-a.html' %}",
        ["ext-a.html"] = "{% extends 'ext-b.html' %}",
        ["ext-b.html"] = "{% extends 'ext-a.html' %}",
        ["macros.html"] = "{% macro boom(x) %}\n  {{ x.missing.deeper }}\n{% endmacro %}",
    };

    public static TheoryData<string, string, bool, string> Cases => new()
    {
        // name, template source (rendered as "page.html"), strict, expected exception type
        { "syntax-unclosed-if", "<p>\n{% if user %}\n  hello\n", false, nameof(TemplateSyntaxException) },
        { "syntax-unknown-tag", "{% frobnicate x %}", false, nameof(TemplateSyntaxException) },
        { "syntax-mismatched-closer", "{% for x in items %}\n  {% if x %}{{ x }}{% endfor %}", false, nameof(TemplateSyntaxException) },
        { "syntax-stray-closer", "text\n{% endif %}", false, nameof(TemplateSyntaxException) },
        { "syntax-incomplete-expression", "{{ 1 + }}", false, nameof(TemplateSyntaxException) },
        { "syntax-unclosed-variable", "Hello {{ name ", false, nameof(TemplateSyntaxException) },
        { "syntax-unknown-filter", "{{ title|shout }}", false, nameof(TemplateSyntaxException) },
        { "syntax-unknown-test", "{{ n is prime }}", false, nameof(TemplateSyntaxException) },
        { "syntax-unterminated-string", "{{ 'abc }}", false, nameof(TemplateSyntaxException) },
        { "syntax-unclosed-comment", "a {# note", false, nameof(TemplateSyntaxException) },
        { "syntax-repeated-keyword", "{{ f(a=1, a=2) }}", false, nameof(TemplateSyntaxException) },
        { "syntax-block-defined-twice", "{% block a %}{% endblock %}{% block a %}{% endblock %}", false, nameof(TemplateSyntaxException) },
        { "not-found-include", "{% include 'missing.html' %}", false, nameof(TemplateNotFoundException) },
        { "not-found-extends", "{% extends 'layuot.html' %}", false, nameof(TemplateNotFoundException) },
        { "undefined-variable-strict", "Hello {{ user.name }}!", true, nameof(UndefinedVariableException) },
        { "undefined-attribute-strict", "{% set user = {'name': 'Ada'} %}{{ user.nmae }}", true, nameof(UndefinedVariableException) },
        { "undefined-attribute-of-undefined", "{{ page.title }}", false, nameof(UndefinedVariableException) },
        { "undefined-in-imported-macro", "{% from 'macros.html' import boom %}\n{{ boom({}) }}", false, nameof(UndefinedVariableException) },
        { "runtime-division-by-zero", "{% set n = 0 %}\n{{ 10 // n }}", false, nameof(TemplateRuntimeException) },
        { "runtime-operand-types", "{{ 'a' - 1 }}", false, nameof(TemplateRuntimeException) },
        { "runtime-unorderable", "{{ 1 < 'a' }}", false, nameof(TemplateRuntimeException) },
        { "runtime-not-callable", "{% set n = 5 %}{{ n() }}", false, nameof(TemplateRuntimeException) },
        { "runtime-unpack", "{% for a, b in [1] %}{% endfor %}", false, nameof(TemplateRuntimeException) },
        { "runtime-include-cycle", "{% include 'cycle-a.html' %}", false, nameof(TemplateRuntimeException) },
        { "runtime-extends-cycle", "{% extends 'ext-a.html' %}", false, nameof(TemplateRuntimeException) },
        { "runtime-macro-recursion", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", false, nameof(TemplateRuntimeException) },
        { "runtime-too-many-arguments", "{% macro one(a) %}{% endmacro %}{{ one(1, 2) }}", false, nameof(TemplateRuntimeException) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Error_message_matches_golden_file(string name, string source, bool strict, string exceptionType)
    {
        var templates = new Dictionary<string, string>(Shared) { ["page.html"] = source };
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions { Loader = new DictLoader(templates), StrictUndefined = strict });
        var error = Record.Exception(() => env.GetTemplate("page.html").Render(new Dictionary<string, object?>()));

        Assert.NotNull(error);
        Assert.Equal(exceptionType, error.GetType().Name);
        var template = Assert.IsAssignableFrom<TemplateException>(error);
        Assert.NotNull(template.TemplateName);
        var path = Path.Combine(GoldenDirectory(), "errors", name + ".txt");
        var actual = template.Message.Replace("\r\n", "\n") + "\n";
        if (Environment.GetEnvironmentVariable("KIDA_UPDATE_GOLDEN") == "1") File.WriteAllText(path, actual);
        Assert.True(File.Exists(path), $"missing golden file {path}; run with KIDA_UPDATE_GOLDEN=1");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    /// <summary>
    /// Issue #18: the same golden text on the compiled tier (every template compiled as it is created), so errors raised
    /// by compiled code carry the same template name, line, column and message.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Error_message_matches_golden_file_on_the_compiled_tier(string name, string source, bool strict, string exceptionType)
    {
        var templates = new Dictionary<string, string>(Shared) { ["page.html"] = source };
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions
        {
            Loader = new DictLoader(templates),
            StrictUndefined = strict,
            TieredCompilationThreshold = 0,
        });
        Template? page = null;
        var error = Record.Exception(() => page = env.GetTemplate("page.html"));
        if (error is null)
        {
            Assert.Equal(TemplateTier.Compiled, page!.Tier);
            error = Record.Exception(() => page.Render(new Dictionary<string, object?>()));
        }

        Assert.NotNull(error);
        Assert.Equal(exceptionType, error.GetType().Name);
        var template = Assert.IsAssignableFrom<TemplateException>(error);
        var path = Path.Combine(GoldenDirectory(), "errors", name + ".txt");
        Assert.Equal(File.ReadAllText(path), template.Message.Replace("\r\n", "\n") + "\n");
    }

    private static string GoldenDirectory([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
