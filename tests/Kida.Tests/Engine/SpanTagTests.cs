namespace Kida.Tests.Engine;

/// <summary>
/// Span tags (TemplateEnvironmentOptions.SpanTags): a tag whose body renders unchanged while the render records the
/// output range it produced — the general mechanism chat templates' {% generation %} is built on.
/// </summary>
public sealed class SpanTagTests
{
    private static TemplateEnvironment Env(params string[] tags) => new(new TemplateEnvironmentOptions { SpanTags = tags });

    private static Dictionary<string, object?> Vars(params (string, object?)[] items) => items.ToDictionary(i => i.Item1, i => i.Item2);

    [Fact]
    public void The_body_renders_unchanged_and_its_range_is_recorded()
    {
        var template = Env("mark").FromString("a{% mark %}{{ x }}{% endmark %}c");
        var spans = new List<OutputSpan>();
        var text = template.Render(Vars(("x", "BB")), spans);
        Assert.Equal("aBBc", text);
        Assert.Equal([new OutputSpan("mark", 1, 2)], spans);
        Assert.Equal(3, spans[0].End);
        Assert.Equal("aBBc", template.Render(Vars(("x", "BB"))));   // a plain render is the same text
    }

    [Fact]
    public void Spans_in_loops_nest_and_inner_ones_come_first()
    {
        var template = Env("outer", "inner").FromString(
            "{% for i in xs %}[{% outer %}<{% inner %}{{ i }}{% endinner %}>{% endouter %}]{% endfor %}");
        var spans = new List<OutputSpan>();
        var text = template.Render(Vars(("xs", new List<object?> { 1L, 22L })), spans);
        Assert.Equal("[<1>][<22>]", text);
        Assert.Equal(
            [new OutputSpan("inner", 2, 1), new OutputSpan("outer", 1, 3), new OutputSpan("inner", 7, 2), new OutputSpan("outer", 6, 4)],
            spans);
    }

    [Fact]
    public void An_empty_body_gives_an_empty_span_and_the_end_tag_may_be_end()
    {
        var spans = new List<OutputSpan>();
        Assert.Equal("ab", Env("g").FromString("a{% g %}{% endg %}{% g %}b{% end %}").Render(null, spans));
        Assert.Equal([new OutputSpan("g", 1, 0), new OutputSpan("g", 1, 1)], spans);
    }

    [Fact]
    public void Assignments_inside_stay_inside_as_in_a_call_block_body()
    {
        // Jinja2 extensions implement such tags as a CallBlock, whose caller body is a scope of its own.
        var text = Env("g").FromString("{% set x = 'out' %}{% g %}{% set x = 'in' %}{{ x }}{% endg %}{{ x }}").Render(null, new List<OutputSpan>());
        Assert.Equal("inout", text);
    }

    [Fact]
    public void Offsets_count_flushed_text_when_streaming_to_a_writer()
    {
        // More than the 16K-character chunk before the span, so the buffer has flushed when the span starts.
        var template = Env("g").FromString("{{ big }}{% g %}{{ x }}{% endg %}");
        var big = new string('a', 40_000);
        var spans = new List<OutputSpan>();
        var writer = new StringWriter();
        template.Render(writer, Vars(("big", big), ("x", "😀z")), spans);
        Assert.Equal(big + "😀z", writer.ToString());
        Assert.Equal([new OutputSpan("g", 40_000, 3)], spans);   // UTF-16 code units: the emoji is two
    }

    [Fact]
    public void A_span_inside_a_macro_or_captured_block_is_not_recorded_but_still_renders()
    {
        var template = Env("g").FromString(
            "{% macro m() %}{% g %}M{% endg %}{% endmacro %}{{ m() }}{% set c %}{% g %}C{% endg %}{% endset %}{{ c }}{% filter upper %}{% g %}f{% endg %}{% endfilter %}");
        var spans = new List<OutputSpan>();
        Assert.Equal("MCF", template.Render(null, spans));
        Assert.Empty(spans);
    }

    [Fact]
    public void A_span_inside_an_include_is_recorded_at_its_place_in_the_output()
    {
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions
        {
            SpanTags = ["g"],
            Loader = new DictLoader(new Dictionary<string, string> { ["part"] = "p{% g %}{{ x }}{% endg %}" }),
        });
        var spans = new List<OutputSpan>();
        Assert.Equal("ab-pX", env.FromString("ab-{% include 'part' %}").Render(Vars(("x", "X")), spans));
        Assert.Equal([new OutputSpan("g", 4, 1)], spans);
    }

    [Fact]
    public void Without_the_option_the_tag_is_unknown()
    {
        var e = Assert.Throws<TemplateSyntaxException>(() => new TemplateEnvironment().FromString("{% generation %}x{% endgeneration %}"));
        Assert.Contains("generation", e.Message);
    }

    [Fact]
    public void An_unclosed_span_tag_names_its_closer()
    {
        var e = Assert.Throws<TemplateSyntaxException>(() => Env("generation").FromString("{% generation %}x"));
        Assert.Contains("endgeneration", e.Message);
    }

    [Theory]
    [InlineData("if")]
    [InlineData("endfoo")]
    [InlineData("2x")]
    [InlineData("a-b")]
    [InlineData("")]
    public void Names_that_are_not_identifiers_or_are_engine_tags_are_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => new TemplateEnvironmentOptions { SpanTags = [name] });
    }

    [Fact]
    public void A_failed_render_keeps_the_spans_finished_before_the_failure()
    {
        var template = Env("g").FromString("{% g %}ok{% endg %}{{ 1 / 0 }}");
        var spans = new List<OutputSpan>();
        Assert.ThrowsAny<TemplateException>(() => template.Render(null, spans));
        Assert.Equal([new OutputSpan("g", 0, 2)], spans);
    }
}
