namespace Kida.Tests.Language;

/// <summary>Compile-time warnings (<c>Template.Warnings</c>): K-WARN-001 (§4.15) and K-WARN-002 (§3.4).</summary>
public class WarningTests
{
    private static IReadOnlyList<TemplateWarning> Warnings(string source, TemplateDialect dialect = TemplateDialect.Kida) =>
        K.Env(dialect).FromString(source, "page.html").Warnings;

    [Fact]
    public void A_filter_right_after_coalesce_is_reported_with_its_line()
    {
        var w = Assert.Single(Warnings("line one\n{{ items ?? [] | length }}"));
        Assert.Equal("K-WARN-001", w.Code);
        Assert.Equal("page.html", w.TemplateName);
        Assert.Equal(2, w.Line);
        Assert.Contains("length", w.Message);
        Assert.Equal("write (... ?? []) | length to filter either value", w.Suggestion);
    }

    [Fact]
    public void A_parenthesised_coalesce_or_filter_is_not_reported()
    {
        Assert.Empty(Warnings("{{ (items ?? []) | length }}"));
        Assert.Empty(Warnings("{{ items ?? ([] | length) }}"));
        Assert.Empty(Warnings("{{ items ?? 'none' }}{{ items | length }}"));
    }

    [Fact]
    public void A_filter_after_coalesce_is_reported_in_the_jinja2_dialect_too() =>
        Assert.Equal("K-WARN-001", Assert.Single(Warnings("{{ x ?? 'a' | upper }}", TemplateDialect.Jinja2)).Code);

    [Fact]
    public void The_warning_does_not_change_what_the_template_renders() =>
        Assert.Equal("[1, 2]|0", K.Render("{{ items ?? [] | length }}|{{ none ?? [] | length }}", K.Ctx(("items", K.List(1, 2)))));

    [Fact]
    public void A_set_inside_if_read_after_the_block_is_reported_in_the_kida_dialect()
    {
        const string source = "{% if a %}\n{% set x = 1 %}\n{% end %}\n{{ x }}{{ x }}";
        var w = Assert.Single(Warnings(source));
        Assert.Equal("K-WARN-002", w.Code);
        Assert.Equal(4, w.Line);
        Assert.Contains("'x'", w.Message);
        Assert.Equal("use {% let x = ... %} to assign template scope, or set 'x' before the block", w.Suggestion);
        Assert.Empty(Warnings(source.Replace("{% end %}", "{% endif %}"), TemplateDialect.Jinja2));
    }

    [Fact]
    public void A_set_read_inside_its_own_block_or_reassigned_after_it_is_not_reported()
    {
        Assert.Empty(Warnings("{% if a %}{% set x = 1 %}{{ x }}{% end %}"));
        Assert.Empty(Warnings("{% if a %}{% set x = 1 %}{% end %}{% set x = 2 %}{{ x }}"));
        Assert.Empty(Warnings("{% if a %}{% set x = 1 %}{% end %}{% let x = 2 %}{{ x }}"));
        Assert.Empty(Warnings("{% if a %}{% set x = 1 %}{% else %}{{ x }}{% end %}"));
        Assert.Empty(Warnings("{% if a %}{% set x = 1 %}{% end %}{% if b %}{% set x = 2 %}{{ x }}{% end %}"));
        Assert.Empty(Warnings("{% if a %}{% let x = 1 %}{% end %}{{ x }}"));
    }

    [Fact]
    public void A_set_in_an_if_inside_a_loop_read_later_in_the_loop_is_reported() =>
        Assert.Equal("K-WARN-002", Assert.Single(Warnings(
            "{% for i in xs %}{% set x = 0 %}{% if i %}{% set x = i %}{% end %}{{ x }}{% end %}")).Code);
}
