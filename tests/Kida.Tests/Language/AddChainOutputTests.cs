namespace Kida.Tests.Language;

/// <summary>
/// <c>{{ a + b + … }}</c> printed directly: a chain of plain strings is written part by part instead of joined first
/// (AddChainExpression.Write). The output, the escaping, the errors and the evaluation order must be those of joining
/// then printing (expected outputs from Jinja2 3.1.6 with autoescape on), in the interpreter and in the compiled tier.
/// </summary>
public sealed class AddChainOutputTests
{
    private static readonly Dictionary<string, object?> Values = new()
    {
        ["b"] = "B", ["m"] = new Markup("<i>"), ["s"] = "<&>", ["n"] = 3L,
    };

    [Theory]
    [InlineData("{{ '<' + b + '>' }}", "&lt;B&gt;")]
    [InlineData("{{ 'a' + '<' + m }}", "a&lt;<i>")]
    [InlineData("{{ m + '<' + 'b' }}", "<i>&lt;b")]
    [InlineData("{{ 'a' + 'b' + m + '<' }}", "ab<i>&lt;")]
    [InlineData("{{ '<' + s + '' + s }}", "&lt;&lt;&amp;&gt;&lt;&amp;&gt;")]
    [InlineData("{{ 'a' + 'b' + 'c' + 'd' + 'e' + 'f' + 'g' + 'h' + 'i' + 'j' + 'k' + 'l' + 'm' + 'n' + 'o' + 'p' + 'q' + 'r' + 's' + 't' }}", "abcdefghijklmnopqrst")]
    [InlineData("{{ '<' + 'x' + 'y' + n|string + '>' }}", "&lt;xy3&gt;")]
    [InlineData("{{ ('a' + 'b' + 'c') ~ 1 }}", "abc1")]
    [InlineData("{{ 1 + 2 + n }}", "6")]
    public void Printed_chains_render_as_Jinja2_in_both_tiers(string source, string expected)
    {
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions { Autoescape = AutoescapePolicy.Always, TieredCompilationThreshold = 0 });
        Assert.Equal(expected, env.FromString(source).Render(Values));
        var interpreted = new TemplateEnvironment(new TemplateEnvironmentOptions { Autoescape = AutoescapePolicy.Always, TieredCompilation = false });
        Assert.Equal(expected, interpreted.FromString(source).Render(Values));
    }

    [Theory]
    [InlineData("{{ 'a' + 'b' + n }}", "ab3")]
    [InlineData("{{ 'a' + 'b' + 'c' + none }}", "abcNone")]
    public void A_non_string_after_strings_adds_to_their_join_as_Kida_tolerates(string source, string expected)
    {
        // LANGUAGE §9: Kida joins "a" + 1 as text in both dialects; the chain keeps that.
        var env = new TemplateEnvironment();
        Assert.Equal(expected, env.FromString(source).Render(Values));
    }

    [Theory]
    [InlineData("{{ 'a' + 'b' + missing }}")]
    [InlineData("{{ 'a' + 'b' + 'c' + missing + 'd' }}")]
    public void An_undefined_after_strings_fails_as_the_joined_addition_does(string source)
    {
        var env = new TemplateEnvironment();
        var e = Assert.ThrowsAny<TemplateException>(() => env.FromString(source).Render(Values));
        Assert.Contains("'missing' is undefined", e.Message);
    }

    [Fact]
    public void Operands_are_evaluated_once_each_left_to_right_and_not_after_a_failing_addition()
    {
        var env = new TemplateEnvironment();
        var calls = new List<string>();
        env.AddGlobal("tick", (TemplateFunction)(args => { var name = (string)args.Get(0, "name")!; calls.Add(name); return name; }));
        Assert.Equal("xyz", env.FromString("{{ tick('x') + tick('y') + tick('z') }}").Render());
        Assert.Equal(["x", "y", "z"], calls);
        calls.Clear();
        Assert.ThrowsAny<TemplateException>(() => env.FromString("{{ tick('x') + tick('y') + missing + tick('z') }}").Render());
        Assert.Equal(["x", "y"], calls);
    }

    [Fact]
    public void A_chain_printed_in_a_loop_stays_the_same_after_the_template_is_compiled()
    {
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions { TieredCompilationThreshold = 1 });
        var template = env.FromString("{% for r in rows %}{{ '<|' + r + '|>' }}{% endfor %}");
        var model = new Dictionary<string, object?> { ["rows"] = new List<object?> { "user", "assistant" } };
        for (var i = 0; i < 200; i++) Assert.Equal("<|user|><|assistant|>", template.Render(model));
    }
}
