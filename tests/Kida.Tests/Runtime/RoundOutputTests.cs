namespace Kida.Tests.Runtime;

/// <summary>
/// <c>{{ x|round(n) }}</c> as a whole output statement takes a path that writes the rounded float without boxing it;
/// these pin it to Jinja2 3.1.6's output (printed by it) for floats, ints, bools, infinities and negative precision.
/// </summary>
public class RoundOutputTests
{
    public static TheoryData<string, object, string> Cases => new()
    {
        { "{{ x|round(2) }}", 2.675, "2.67" },
        { "{{ x|round }}", 2.5, "2.0" },
        { "{{ x|round(1) }}", 3L, "3" },
        { "{{ x|round(-2) }}", 1234.5678, "1200.0" },
        { "{{ x|round(10) }}", 0.30000000000000004, "0.3" },
        { "{{ x|round(2) }}", -0.004, "-0.0" },
        { "{{ x|round(2) }}", 1e+20, "1e+20" },
        { "{{ x|round(0) }}", -7.5, "-8.0" },
        { "{{ x|round(3) }}", true, "1" },
        { "{{ x|round(2) }}", double.PositiveInfinity, "inf" },
        { "{{ x|round(2, \"floor\") }}", 2.679, "2.67" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Round_in_an_output_statement_matches_jinja2(string source, object x, string expected)
    {
        var template = new TemplateEnvironment(new TemplateEnvironmentOptions { Autoescape = true }).FromString(source);
        Assert.Equal(expected, template.Render(new Dictionary<string, object?> { ["x"] = x }));
    }

    [Fact]
    public void Round_of_none_is_the_same_error_as_in_jinja2()
    {
        var template = new TemplateEnvironment().FromString("{{ x|round(2) }}");
        var error = Assert.ThrowsAny<TemplateException>(() => template.Render(new Dictionary<string, object?> { ["x"] = null }));
        Assert.Contains("doesn't define __round__ method", error.Message);
    }
}
