namespace Kida.Tests.Language;

/// <summary>§4.2: let, export, promote and ??=.</summary>
public class AssignmentTests
{
    [Fact]
    public void Let_set_inside_a_loop_stays_visible_after_it() =>
        Assert.Equal("3", K.Render("{% let n = 0 %}{% for i in [1, 2, 3] %}{% let n = n + 1 %}{% end %}{{ n }}"));

    [Fact]
    public void Export_accumulates_a_total_from_nested_loops() =>
        Assert.Equal("10", K.Render(
            "{% let total = 0 %}{% for row in rows %}{% for x in row %}{% export total = total + x %}{% end %}{% end %}{{ total }}",
            K.Ctx(("rows", K.List(K.List(1L, 2L), K.List(3L, 4L))))));

    [Fact]
    public void Promote_is_an_alias_of_export() =>
        Assert.Equal("b", K.Render("{% for x in ['a', 'b'] %}{% promote last = x %}{% end %}{{ last }}"));

    [Fact]
    public void Let_unpacks_like_set() => Assert.Equal("1-2", K.Render("{% let a, b = [1, 2] %}{{ a }}-{{ b }}"));

    [Theory]
    [InlineData("{% let x ??= 'new' %}{{ x }}", "new")]
    [InlineData("{% let x = none %}{% let x ??= 'new' %}{{ x }}", "new")]
    [InlineData("{% let x = 0 %}{% let x ??= 'new' %}{{ x }}", "0")]
    [InlineData("{% let x = '' %}{% let x ??= 'new' %}[{{ x }}]", "[]")]
    [InlineData("{% let x = false %}{% let x ??= 'new' %}{{ x }}", "False")]
    public void Nullish_assignment_only_replaces_undefined_or_none(string source, string expected) =>
        Assert.Equal(expected, K.Render(source));

    [Fact]
    public void Nullish_assignment_keeps_a_value_from_the_context() =>
        Assert.Equal("given", K.Render("{% let title ??= 'default' %}{{ title }}", K.Ctx(("title", "given"))));

    [Fact]
    public void Promote_with_nullish_assignment_keeps_the_first_item() =>
        Assert.Equal("a", K.Render("{% for t in ['a', 'b'] %}{% promote first ??= t %}{% end %}{{ first }}"));

    [Fact]
    public void Let_inside_a_def_stays_local_to_the_call() =>
        Assert.Equal("inner|outer", K.Render(
            "{% let x = 'outer' %}{% def f() %}{% let x = 'inner' %}{{ x }}{% end %}{{ f() }}|{{ x }}"));

    [Fact]
    public void Let_works_in_the_jinja2_dialect_too() =>
        Assert.Equal("3", K.Jinja("{% let n = 0 %}{% for i in [1, 2, 3] %}{% export n = n + 1 %}{% end %}{{ n }}"));

    [Fact]
    public void Nullish_assignment_needs_a_single_name() =>
        Assert.Throws<TemplateSyntaxException>(() => K.Render("{% let a, b ??= 1 %}"));
}
