namespace Kida.Tests.Language;

/// <summary>§4.1, §4.9, §4.10: unified end, conditional with, embed.</summary>
public class StructureTests
{
    [Fact]
    public void End_closes_any_block_and_explicit_closers_must_match()
    {
        Assert.Equal("ab", K.Render("{% for x in ['a', 'b'] %}{% unless false %}{{ x }}{% end %}{% endfor %}"));
        Assert.Throws<TemplateSyntaxException>(() => K.Render("{% while false %}{% endfor %}"));
    }

    [Theory]
    [InlineData("{% with user as u %}{{ u.name }}{% else %}nobody{% end %}", "Ann")]
    [InlineData("{% with user %}{{ it.name }}{% end %}", "Ann")]
    [InlineData("{% with none_value as u %}{{ u }}{% else %}nobody{% end %}", "nobody")]
    [InlineData("{% with user, items as u, xs %}{{ u.name }}:{{ xs | length }}{% else %}no{% end %}", "no")]
    [InlineData("{% with user, [1] as u, xs %}{{ u.name }}:{{ xs | length }}{% else %}no{% end %}", "Ann:1")]
    public void Conditional_with_binds_and_renders_only_when_true(string source, string expected) =>
        Assert.Equal(expected, K.Render(source, K.Ctx(("user", K.Ctx(("name", "Ann"))), ("none_value", null), ("items", K.List()))));

    [Fact]
    public void Jinja2_with_assignments_keep_their_meaning() =>
        Assert.Equal("3", K.Jinja("{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}"));

    [Fact]
    public void Embed_includes_a_template_with_block_overrides()
    {
        var templates = new Dictionary<string, string> { ["card.html"] = "<div>{% block title %}Default{% end %}|{% block body %}B{% end %}|{{ who }}</div>" };
        Assert.Equal("<div>Custom Ann|B|Ann</div>", K.Render("{% embed 'card.html' %}{% block title %}Custom {{ who }}{% end %}{% end %}", K.Ctx(("who", "Ann")), templates));
    }

    [Fact]
    public void Only_block_overrides_may_appear_inside_embed() =>
        Assert.Throws<TemplateSyntaxException>(() => K.Render("{% embed 'x.html' %}text{% end %}"));

    [Fact]
    public void Globals_output_is_dropped_but_its_defs_remain() =>
        Assert.Equal("[g]", K.Render("{% globals %}junk{% def g() %}g{% end %}{% end %}[{{ g() }}]"));
}
