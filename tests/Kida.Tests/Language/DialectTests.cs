namespace Kida.Tests.Language;

/// <summary>§9: what the Kida dialect switches, each next to the Jinja2 meaning it replaces.</summary>
public class DialectTests
{
    [Fact]
    public void An_unknown_variable_raises_in_the_kida_dialect_even_when_not_strict()
    {
        Assert.Throws<UndefinedVariableException>(() => K.Render("{{ ghost }}"));
        Assert.Equal("", K.Jinja("{{ ghost }}"));
    }

    [Fact]
    public void Missing_attributes_stay_lenient_unless_strict() =>
        Assert.Equal("[]", K.Render("[{{ d.nope }}]", K.Ctx(("d", K.Ctx()))));

    [Fact]
    public void Guards_still_work_on_unknown_variables() =>
        Assert.Equal("x|no|y", K.Render("{{ ghost ?? 'x' }}|{{ 'yes' if ghost is defined else 'no' }}|{{ ghost | default('y') }}"));

    [Fact]
    public void A_none_attribute_prints_empty_in_the_kida_dialect()
    {
        var ctx = K.Ctx(("d", K.Ctx(("k", null))));
        Assert.Equal("[]|False|[None]", K.Render("[{{ d.k }}]|{{ d.k is none }}|[{{ d?.k }}]", ctx));
        Assert.Equal("[None]|True", K.Jinja("[{{ d.k }}]|{{ d.k is none }}", ctx));
    }

    [Fact]
    public void Double_quotes_escape_as_quot() =>
        Assert.Equal("&quot;a&quot; &#39;b&#39;", K.Render("{{ s }}", K.Ctx(("s", "\"a\" 'b'")), autoescape: true));

    [Fact]
    public void The_final_newline_is_kept()
    {
        Assert.Equal("x\n", K.Render("x\n"));
        Assert.Equal("x", K.Jinja("x\n"));
    }

    [Fact]
    public void Set_inside_if_stays_in_the_block()
    {
        const string source = "{% set x = 1 %}{% if true %}{% set x = 2 %}{{ x }}{% end %}{{ x }}";
        Assert.Equal("21", K.Render(source));
        Assert.Equal("22", K.Jinja(source));
    }

    [Fact]
    public void For_if_counts_skipped_items_in_the_kida_dialect()
    {
        const string source = "{% for x in [1, 2, 3, 4] if x is even %}{{ loop.index }}/{{ loop.length }} {% end %}";
        Assert.Equal("2/4 4/4 ", K.Render(source));
        Assert.Equal("1/2 2/2 ", K.Jinja(source));
    }

    [Fact]
    public void Is_defined_is_false_for_none_in_the_kida_dialect()
    {
        var ctx = K.Ctx(("n", null));
        Assert.Equal("False", K.Render("{{ n is defined }}", ctx));
        Assert.Equal("True", K.Jinja("{{ n is defined }}", ctx));
    }

    [Fact]
    public void Default_replaces_none_in_the_kida_dialect()
    {
        var ctx = K.Ctx(("n", null));
        Assert.Equal("d", K.Render("{{ n | default('d') }}", ctx));
        Assert.Equal("None", K.Jinja("{{ n | default('d') }}", ctx));
    }

    [Fact]
    public void Truncate_has_no_leeway_in_the_kida_dialect()
    {
        const string source = "{{ 'hello world!' | truncate(9) }}";
        Assert.Equal("hello...", K.Render(source));
        Assert.Equal("hello world!", K.Jinja(source));
    }

    [Fact]
    public void Format_uses_braces_in_both_dialects() =>
        Assert.Equal("1 of 2", K.Render("{{ '{} of {}' | format(1, 2) }}"));

    [Fact]
    public void Macro_is_still_accepted_in_the_kida_dialect() =>
        Assert.Equal("[1]", K.Render("{% macro m(x) %}[{{ x }}]{% endmacro %}{{ m(1) }}"));

    [Fact]
    public void Python_builtins_are_globals_in_the_kida_dialect() =>
        Assert.Equal("3|[1, 2]", K.Render("{{ len([1, 2, 3]) }}|{{ sorted([2, 1]) }}"));

    [Fact]
    public void Defs_of_an_included_template_become_visible_to_the_includer() =>
        Assert.Equal("<b>x</b>", K.Render("{% include 'defs.html' %}{{ b('x') }}", templates: new() { ["defs.html"] = "{% def b(t) %}<b>{{ t }}</b>{% end %}" }));

    [Fact]
    public void Lets_of_an_included_template_do_not_leak_into_the_includer() => // §10.4
        Assert.Equal("outer", K.Render("{% let v = 'outer' %}{% include 'inc.html' %}{{ v }}", templates: new() { ["inc.html"] = "{% let v = 'inner' %}" }));
}
