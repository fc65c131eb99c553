namespace Kida.Tests.Language;

/// <summary>
/// <c>f(*args)</c> and <c>f(**kwargs)</c> in calls, filters and tests, as Jinja2 3.1.6 parses and runs them (outputs and
/// errors pinned by running each template in Jinja2; Jamba 1.6's chat template calls <c>macros[i](*params[i])</c>).
/// </summary>
public sealed class CallUnpackingTests
{
    private const string M2 = "{% macro m(a, b) %}{{a}}-{{b}}{% endmacro %}";
    private const string M1 = "{% macro m(a) %}{{a}}{% endmacro %}";

    [Theory]
    [InlineData(M2 + "{{ m(*[1,2]) }}", "1-2")]
    [InlineData(M2 + "{{ m(1, *[2]) }}", "1-2")]
    [InlineData(M2 + "{{ m(**{'a':1,'b':2}) }}", "1-2")]
    [InlineData(M2 + "{{ m(*[1], **{'b':2}) }}", "1-2")]
    [InlineData(M2 + "{{ m(*[1], b=2) }}", "1-2")]
    [InlineData(M2 + "{{ m(b=2, *[1]) }}", "1-2")]
    [InlineData(M2 + "{{ m(*(1, 2)) }}", "1-2")]
    [InlineData(M2 + "{{ m(*'xy') }}", "x-y")]
    [InlineData("{{ range(*[1, 7, 2]) | list }}", "[1, 3, 5]")]
    [InlineData("{{ 'a-b-c' | replace(*['-', '+']) }}", "a+b+c")]
    [InlineData("{{ [1,2,3] | join(**{'d': '/'}) }}", "1/2/3")]
    [InlineData("{% macro m() %}{{ varargs }}|{{ kwargs }}{% endmacro %}{{ m(*[1,2], **{'k': 3}) }}", "(1, 2)|{'k': 3}")]
    [InlineData(M1 + "{{ m(*x) }}", "")]
    [InlineData(M1 + "{{ m(*{'k': 1}) }}", "k")]
    [InlineData("{{ 5 is divisibleby(*[5]) }}", "True")]
    [InlineData(M2 + "{% set fns = [m] %}{% set params = [[3, 4]] %}{% for i in range(1) %}{{ fns[i](*params[i]) }}{% endfor %}", "3-4")]
    public void Spread_arguments_render_as_in_Jinja2(string source, string expected) =>
        Assert.Equal(expected, new TemplateEnvironment().FromString(source).Render());

    [Theory]
    [InlineData(M1 + "{{ m(*5) }}", "Value after * must be an iterable, not int")]
    [InlineData(M1 + "{{ m(*none) }}", "Value after * must be an iterable, not NoneType")]
    [InlineData(M1 + "{{ m(**[1]) }}", "argument after ** must be a mapping, not list")]
    [InlineData(M1 + "{{ m(**none) }}", "argument after ** must be a mapping, not NoneType")]
    [InlineData(M1 + "{{ m(**{1: 2}) }}", "keywords must be strings")]
    // Jinja2 words this one "macro 'm' takes no keyword argument 'a'"; Kida words it as it does for m(1, a=3), as Python does.
    [InlineData(M2 + "{{ m(*[1], a=3) }}", "macro 'm' got multiple values for argument 'a'")]
    public void Bad_spread_values_are_runtime_errors_with_Jinja2s_reason(string source, string reason)
    {
        var e = Assert.ThrowsAny<TemplateException>(() => new TemplateEnvironment().FromString(source).Render());
        Assert.Contains(reason, e.Reason);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void An_undefined_mapping_after_double_star_is_an_undefined_error()
    {
        var e = Assert.Throws<UndefinedVariableException>(() => new TemplateEnvironment().FromString(M1 + "{{ m(**x) }}").Render());
        Assert.Contains("'x' is undefined", e.Reason);
    }

    [Theory]
    [InlineData(M1 + "{{ m(**{'a': 1}, a=2) }}")]
    [InlineData(M1 + "{{ m(*[1], *[2]) }}")]
    [InlineData(M1 + "{{ m(**{}, *[2]) }}")]
    [InlineData(M1 + "{{ m(**{}, **{}) }}")]
    [InlineData(M1 + "{{ m(*[1], 2) }}")]
    public void Jinja2s_invalid_call_syntax_is_a_syntax_error(string source)
    {
        var e = Assert.Throws<TemplateSyntaxException>(() => new TemplateEnvironment().FromString(source));
        Assert.Contains("invalid syntax for function call expression", e.Reason);
    }

    [Fact]
    public void A_keyword_given_twice_through_double_star_is_refused()
    {
        var e = Assert.ThrowsAny<TemplateException>(() => new TemplateEnvironment().FromString("{{ dict(a=1, **{'a': 2}) }}").Render());
        Assert.Contains("got multiple values for keyword argument 'a'", e.Reason);
    }
}
