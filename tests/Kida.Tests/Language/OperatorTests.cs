namespace Kida.Tests.Language;

/// <summary>§4.15: |>, ?|, ?|>, ??, ?., ?[, ranges and list comprehensions.</summary>
public class OperatorTests
{
    [Fact]
    public void Coalesce_stays_lazy_when_the_same_name_is_guarded_twice() => // §10.1
        Assert.Equal("a|b", K.Render("{{ x ?? 'a' }}|{{ x ?? 'b' }}"));

    [Fact]
    public void Coalesce_keeps_false_values() => Assert.Equal("0||False", K.Render("{{ a ?? 1 }}|{{ b ?? 1 }}|{{ c ?? 1 }}", K.Ctx(("a", 0L), ("b", ""), ("c", false))));

    [Fact]
    public void Coalesce_does_not_evaluate_the_fallback_when_not_needed() =>
        Assert.Equal("v", K.Render("{{ x ?? boom() }}", K.Ctx(("x", "v"))));

    [Fact]
    public void Optional_filter_skips_none() =>
        Assert.Equal("ABC|x", K.Render("{{ a ?| upper }}|{{ b ?| upper ?? 'x' }}", K.Ctx(("a", "abc"), ("b", null))));

    [Fact]
    public void Safe_pipeline_stops_at_none() =>
        Assert.Equal("hi|none", K.Render("{{ a ?|> trim ?|> lower }}|{{ b ?|> trim ?|> lower ?? 'none' }}", K.Ctx(("a", "  HI "), ("b", null))));

    [Fact]
    public void Optional_chaining_yields_none_for_missing_receivers_and_keys() =>
        Assert.Equal("city|-|-|-", K.Render(
            "{{ o?.customer?.city }}|{{ p?.customer?.city ?? '-' }}|{{ o?.nope?.x ?? '-' }}|{{ ghost?.x ?? '-' }}",
            K.Ctx(("o", K.Ctx(("customer", K.Ctx(("city", "city"))))), ("p", null))));

    [Fact]
    public void Optional_subscript_yields_none_for_none_or_missing_key() =>
        Assert.Equal("1|-|-", K.Render("{{ d?['a'] }}|{{ d?['b'] ?? '-' }}|{{ n?['a'] ?? '-' }}", K.Ctx(("d", K.Ctx(("a", 1L))), ("n", null))));

    [Fact]
    public void Optional_method_call_is_skipped_on_none() =>
        Assert.Equal("-", K.Render("{{ s?.upper() ?? '-' }}", K.Ctx(("s", null))));

    [Theory]
    [InlineData("{{ (1..5) | list }}", "[1, 2, 3, 4, 5]")]
    [InlineData("{{ (1...5) | list }}", "[1, 2, 3, 4]")]
    [InlineData("{{ (0..10 by 5) | list }}", "[0, 5, 10]")]
    [InlineData("{{ 1..5 }}", "range(1, 6)")]
    [InlineData("{% for i in 1..3 %}{{ i }}{% end %}", "123")]
    [InlineData("{{ 3 in 1..n }}", "True")]
    public void Ranges_are_lazy_and_print_like_python(string source, string expected) =>
        Assert.Equal(expected, K.Render(source, K.Ctx(("n", 4L))));

    [Theory]
    [InlineData("{{ [x * 2 for x in [1, 2, 3]] }}", "[2, 4, 6]")]
    [InlineData("{{ [x for x in 1..6 if x is even] }}", "[2, 4, 6]")]
    [InlineData("{{ [k ~ '=' ~ v for k, v in {'a': 1}.items()] }}", "['a=1']")]
    [InlineData("{% set x = 'outer' %}{{ [x for x in [1]] }}{{ x }}", "[1]outer")]
    public void List_comprehensions(string source, string expected) => Assert.Equal(expected, K.Render(source));

    [Fact]
    public void Pipes_and_pipelines_may_not_mix_in_one_chain()
    {
        Assert.Equal("AB", K.Render("{{ 'ab' |> upper |> trim }}"));
        Assert.Throws<TemplateSyntaxException>(() => K.Render("{{ 'ab' | upper |> trim }}"));
    }
}
