namespace Kida.Tests.Language;

/// <summary>
/// <c>a + b + c …</c> is evaluated as one chain (strings joined once): the values, the errors and the evaluation order
/// are those of Python's left-to-right additions (outputs pinned by running each template in Jinja2 3.1.6).
/// </summary>
public sealed class AddChainTests
{
    [Theory]
    [InlineData("{{ 'a' + 'b' + 'c' + 'd' }}", "abcd")]
    [InlineData("{{ 1 + 2 + 3 }}", "6")]
    [InlineData("{{ 'a' + 'b' + 'c' - 1 if false else 'x' }}", "x")]
    [InlineData("{{ 10 - 1 + 2 + 3 }}", "14")]
    [InlineData("{{ 1 + 2 + 3 - 4 + 5 + 6 }}", "13")]
    [InlineData("{{ [1] + [2] + [3] }}", "[1, 2, 3]")]
    [InlineData("{{ (1, 2) + (3,) + (4,) }}", "(1, 2, 3, 4)")]
    [InlineData("{{ 1.5 + 1 + 1 }}", "3.5")]
    [InlineData("{{ 9223372036854775807 + 1 + 1 }}", "9223372036854775809")]
    [InlineData("{% set s = 'x' * 300 %}{{ (s + s + s + s) | length }}", "1200")]
    [InlineData("{{ 'a' + b + 'c' }}", "aBc")]
    [InlineData("{{ m + 'b' + 'c' }}", "&lt;i&gt;bc")]
    public void Chains_add_left_to_right_as_Jinja2(string source, string expected)
    {
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions { Autoescape = AutoescapePolicy.Always });
        Assert.Equal(expected, env.FromString(source).Render(new Dictionary<string, object?> { ["b"] = "B", ["m"] = "<i>" }));
    }

    [Fact]
    public void Markup_in_a_chain_escapes_the_plain_strings_it_meets_as_Jinja2_does()
    {
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions { Autoescape = AutoescapePolicy.Always });
        Assert.Equal("<b>&lt;</b>", env.FromString("{{ '<b>' | safe + '<' + '</b>' | safe }}").Render());
    }

    [Fact]
    public void An_undefined_operand_fails_at_its_addition_and_later_operands_are_not_evaluated()
    {
        var env = new TemplateEnvironment();
        var calls = 0;
        env.AddGlobal("tick", (TemplateFunction)(_ => { calls++; return "t"; }));
        var e = Assert.ThrowsAny<TemplateException>(() => env.FromString("{{ 'a' + missing + 'b' + tick() }}", "t.html").Render());
        Assert.Equal(0, calls);
        Assert.Equal(1, e.Line);
        Assert.Equal("a" + "t" + "t", env.FromString("{{ 'a' + tick() + tick() }}").Render());
    }
}
