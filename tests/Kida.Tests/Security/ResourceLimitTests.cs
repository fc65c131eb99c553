using Kida.Diagnostics;

namespace Kida.Tests.Security;

/// <summary>Issue #8: hostile templates end with a clear TemplateException, never a crash or an endless render.</summary>
public class ResourceLimitTests
{
    private static string Rep(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    private static TemplateEnvironment Env(TemplateEnvironmentOptions? options = null, Dictionary<string, string>? templates = null) =>
        new((options ?? TemplateEnvironmentOptions.Default) with { Loader = templates is null ? null : new DictLoader(templates) });

    /// <summary>Runs on a thread with a small stack (IIS uses 256 KB): depth limits must hold without relying on a big one.</summary>
    private static Exception? OnSmallStack(Action action, int stackKb = 512)
    {
        Exception? caught = null;
        var t = new Thread(() =>
        {
            try { action(); }
            catch (Exception e) { caught = e; }
        }, stackKb * 1024);
        t.Start();
        t.Join();
        return caught;
    }

    [Fact]
    public void Infinite_macro_recursion_stops_at_MaxCallDepth()
    {
        var e = Assert.Throws<TemplateRuntimeException>(() =>
            Env().FromString("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}").Render());

        Assert.Equal(ErrorCode.DepthExceeded, e.Code);
        Assert.Contains("200", e.Message);
    }

    [Fact]
    public void Recursive_loop_over_cyclic_data_stops_at_MaxCallDepth_instead_of_overflowing_the_stack()
    {
        var node = new Dictionary<string, object?> { ["name"] = "n" };
        node["children"] = new List<object?> { node };

        var e = Assert.Throws<TemplateRuntimeException>(() => Env().FromString(
            "{% for n in [root] recursive %}{{ n.name }}{{ loop(n.children) }}{% endfor %}").Render(new { root = node }));

        Assert.Equal(ErrorCode.DepthExceeded, e.Code);
        Assert.Contains("recursive loop", e.Message);
    }

    [Fact]
    public void Recursive_loop_within_the_limit_still_renders()
    {
        Assert.Equal("123", Env(TemplateEnvironmentOptions.Default with { MaxCallDepth = 5 }).FromString(
            "{% for n in [[1, [2, [3, []]]]] recursive %}{{ n[0] }}{{ loop([n[1]]) if n[1] }}{% endfor %}").Render());
    }

    [Fact]
    public void Include_cycles_stop_at_MaxIncludeDepth()
    {
        var env = Env(templates: new() { ["a.html"] = "a{% include 'b.html' %}", ["b.html"] = "b{% include 'a.html' %}" });

        var e = Assert.Throws<TemplateRuntimeException>(() => env.GetTemplate("a.html").Render());

        Assert.Equal(ErrorCode.DepthExceeded, e.Code);
    }

    [Fact]
    public void Import_and_extends_cycles_stop_with_a_template_error()
    {
        var env = Env(templates: new()
        {
            ["i.html"] = "{% import 'j.html' as j %}",
            ["j.html"] = "{% import 'i.html' as i %}",
            ["x.html"] = "{% extends 'y.html' %}",
            ["y.html"] = "{% extends 'x.html' %}",
        });

        Assert.ThrowsAny<TemplateException>(() => env.GetTemplate("i.html").Render());
        Assert.ThrowsAny<TemplateException>(() => env.GetTemplate("x.html").Render());
    }

    [Fact]
    public void A_huge_MaxCallDepth_is_still_safe_on_a_small_stack_because_the_stack_itself_is_checked()
    {
        var env = Env(TemplateEnvironmentOptions.Default with { MaxCallDepth = 1_000_000, MaxIncludeDepth = 1_000_000 },
            new() { ["self.html"] = "{% if 1 %}{% for i in [1] %}{{ i }}{% include 'self.html' %}{% endfor %}{% endif %}" });
        var body = Rep("{% if 1 %}", 20) + "{{ m(n + 1) }}" + Rep("{% endif %}", 20);

        var macro = OnSmallStack(() => env.FromString("{% macro m(n) %}" + body + "{% endmacro %}{{ m(0) }}").Render());
        var include = OnSmallStack(() => env.GetTemplate("self.html").Render());
        var loop = OnSmallStack(() => env.FromString("{% for n in [1] recursive %}{{ loop([n]) }}{% endfor %}").Render());

        Assert.All(new[] { macro, include, loop }, e =>
        {
            var te = Assert.IsAssignableFrom<TemplateRuntimeException>(e);
            Assert.Contains("too deep", te.Message);
        });
    }

    [Theory]
    [InlineData("paren")]
    [InlineData("list")]
    [InlineData("dict")]
    [InlineData("filters")]
    [InlineData("plusminus")]
    [InlineData("attrs")]
    [InlineData("items")]
    [InlineData("calls")]
    [InlineData("not")]
    [InlineData("neg")]
    [InlineData("and")]
    [InlineData("pow")]
    [InlineData("cond")]
    [InlineData("if")]
    [InlineData("for")]
    [InlineData("macro")]
    public void Deep_nesting_in_the_source_is_a_syntax_error_not_a_stack_overflow(string shape)
    {
        const int n = 50_000;
        var source = shape switch
        {
            "paren" => "{{ " + Rep("(", n) + "1" + Rep(")", n) + " }}",
            "list" => "{{ " + Rep("[", n) + "1" + Rep("]", n) + " }}",
            "dict" => "{{ " + Rep("{'a': ", n) + "1" + Rep("}", n) + " }}",
            "filters" => "{{ 'a'" + Rep("|lower", n) + " }}",
            // `1 + 1 + …` alone is one flat chain (AddChainExpression, see the test below); alternating with `-` nests.
            "plusminus" => "{{ 1" + Rep(" + 1 - 1", n / 2) + " }}",
            "attrs" => "{{ x" + Rep(".a", n) + " }}",
            "items" => "{{ x" + Rep("[0]", n) + " }}",
            "calls" => "{{ f" + Rep("()", n) + " }}",
            "not" => "{{ " + Rep("not ", n) + "1 }}",
            "neg" => "{{ " + Rep("-", n) + "1 }}",
            "and" => "{{ 1" + Rep(" and 1", n) + " }}",
            "pow" => "{{ 2" + Rep(" ** 1", n) + " }}",
            "cond" => "{{ 1" + Rep(" if 1 else 1", n) + " }}",
            "if" => Rep("{% if 1 %}", n) + Rep("{% endif %}", n),
            "for" => Rep("{% for i in [1] %}", 5000) + Rep("{% endfor %}", 5000),
            "macro" => Rep("{% macro m() %}", 5000) + Rep("{% endmacro %}", 5000),
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };

        // Parse on a small stack, render on another small stack: neither may crash.
        Template? template = null;
        var error = OnSmallStack(() => template = Env().FromString(source));
        if (error is null) error = OnSmallStack(() => template!.Render());

        var te = Assert.IsAssignableFrom<TemplateSyntaxException>(error);
        Assert.Contains("nested too deeply", te.Message);
    }

    [Fact]
    public void A_long_run_of_plus_is_one_flat_chain_that_renders_on_a_small_stack()
    {
        var source = "{{ 1" + Rep(" + 1", 50_000) + " }}|{{ ('a'" + Rep(" + 'a'", 50_000) + ") | length }}";
        string? output = null;
        var error = OnSmallStack(() => output = Env().FromString(source).Render());
        Assert.Null(error);
        Assert.Equal("50001|50001", output);
    }

    [Fact]
    public void A_long_filter_block_chain_is_applied_in_a_loop_and_needs_no_depth_limit()
    {
        string? output = null;
        var error = OnSmallStack(() => output = Env().FromString("{% filter " + Rep("upper|", 50_000) + "lower %}X{% endfilter %}").Render());

        Assert.Null(error);
        Assert.Equal("x", output);
    }

    [Fact]
    public void Nesting_below_the_limits_still_works()
    {
        var source = "{{ " + Rep("(", 100) + "1" + Rep(")", 100) + " }}{{ 'a'" + Rep("|upper", 200) + " }}" +
            Rep("{% if 1 %}", 50) + "x" + Rep("{% endif %}", 50);

        Assert.Equal("1Ax", Env().FromString(source).Render());
    }

    [Fact]
    public void Self_containing_lists_print_like_python_instead_of_expanding_exponentially()
    {
        var output = Env().FromString(
            "{% set a = [] %}{% set _ = a.append(a) %}{% set _ = a.append(a) %}{% set d = {} %}{% set _ = a.append(d) %}{{ a }}").Render();

        Assert.Equal("[[...], [...], {}]", output);
    }

    [Fact]
    public void Deeply_nested_data_printed_with_repr_is_cut_off_not_a_crash()
    {
        object? deep = 1L;
        for (var i = 0; i < 100_000; i++) deep = new List<object?> { deep };

        var error = OnSmallStack(() => Env().FromString("{{ deep }}{{ deep|string|length }}{{ deep|pprint|length }}").Render(new { deep }));

        Assert.Null(error);
    }

    [Fact]
    public void Range_is_capped_at_100000_items_by_default()
    {
        Assert.Equal("100000", Env().FromString("{{ range(100000)|length }}").Render());
        var e = Assert.Throws<TemplateRuntimeException>(() => Env().FromString("{{ range(100001)|length }}").Render());
        Assert.Contains("100000", e.Message);
        Assert.Throws<TemplateRuntimeException>(() => Env().FromString("{{ range(0, 10**12, 2) }}").Render());
    }

    [Fact]
    public void MaxRangeSize_changes_the_range_cap()
    {
        var env = Env(TemplateEnvironmentOptions.Default with { MaxRangeSize = 10 });

        Assert.Equal("10", env.FromString("{{ range(10)|length }}").Render());
        var e = Assert.Throws<TemplateRuntimeException>(() => env.FromString("{% for i in range(11) %}{% endfor %}").Render());
        Assert.Contains("(10)", e.Message);
        Assert.Equal("1000000", Env(TemplateEnvironmentOptions.Default with { MaxRangeSize = 1_000_000 }).FromString("{{ range(1000000)|length }}").Render());
    }

    [Theory]
    [InlineData("{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}")]
    [InlineData("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}")]
    [InlineData("{% macro m() %}{% for i in range(100000) %}xxxxxxxxxx{% endfor %}{% endmacro %}{% set s = m() %}done")]
    [InlineData("{% set s %}{% for i in range(100000) %}xxxxxxxxxx{% endfor %}{% endset %}done")]
    [InlineData("{% filter upper %}{% for i in range(100000) %}xxxxxxxxxx{% endfor %}{% endfilter %}")]
    [InlineData("{{ 'x' * 200000 }}")]
    public void MaxOutputLength_stops_renders_and_captures_that_grow_too_long(string source)
    {
        var env = Env(TemplateEnvironmentOptions.Default with { MaxOutputLength = 100_000 });

        var e = Assert.Throws<TemplateRuntimeException>(() => env.FromString(source).Render());

        Assert.Contains("MaxOutputLength (100000", e.Message);
    }

    [Fact]
    public void MaxOutputLength_allows_output_up_to_the_limit_and_applies_to_writers_too()
    {
        var env = Env(TemplateEnvironmentOptions.Default with { MaxOutputLength = 50_000 });
        var exact = env.FromString("{% for i in range(5000) %}xxxxxxxxxx{% endfor %}");
        var over = env.FromString("{% for i in range(5001) %}xxxxxxxxxx{% endfor %}");

        Assert.Equal(50_000, exact.Render().Length);
        Assert.Throws<TemplateRuntimeException>(() => over.Render());
        Assert.Throws<TemplateRuntimeException>(() => over.Render(TextWriter.Null));
        // A second render with a warm (bigger) first buffer still counts exactly.
        Assert.Equal(50_000, exact.Render().Length);
        Assert.Throws<TemplateRuntimeException>(() => env.FromString("{{ 'y' * 50001 }}").Render());
    }

    [Theory]
    [InlineData("{{ items|slice(big) }}", "slice() count")]
    [InlineData("{{ s|indent(big) }}", "indent width")]
    [InlineData("{{ s|center(1000000000) }}", "center width")]
    [InlineData("{{ s.center(big) }}", "center width")]
    [InlineData("{{ s.ljust(1000000000) }}", "ljust width")]
    [InlineData("{{ s.rjust(big) }}", "rjust width")]
    [InlineData("{{ s.zfill(big) }}", "zfill width")]
    [InlineData("{{ 'a\tb'.expandtabs(big) }}", "tabsize")]
    [InlineData("{{ '{:>9999999999}'.format(1) }}", "format width")]
    [InlineData("{{ '{:.9999999999f}'.format(1.5) }}", "format precision")]
    [InlineData("{{ '%9999999999d'|format(1) }}", "format width")]
    [InlineData("{{ '%*d'|format(big, 1) }}", "format width")]
    [InlineData("{{ '%.*f'|format(big, 1.5) }}", "format precision")]
    [InlineData("{{ 'ab' * big }}", "repetition")]
    [InlineData("{{ [1, 2] * big }}", "repetition")]
    public void Huge_sizes_in_arguments_are_template_errors_not_hangs_or_out_of_memory(string source, string reason)
    {
        var model = new { big = long.MaxValue, items = new List<object?> { 1, 2, 3 }, s = "abc" };

        var e = Assert.Throws<TemplateRuntimeException>(() => Env().FromString(source).Render(model));

        Assert.Contains(reason, e.Message);
        Assert.Null(e.InnerException);
    }

    [Fact]
    public void Huge_truncate_lengths_leave_the_text_alone_instead_of_wrapping_around()
    {
        Assert.Equal("abc", Env().FromString("{{ 'abc'|truncate(big) }}").Render(new { big = long.MaxValue }));
    }

    [Fact]
    public void MaxOutputLength_counts_every_flushed_chunk_of_a_streamed_render()
    {
        var env = Env(TemplateEnvironmentOptions.Default with { MaxOutputLength = 1_000 });
        var template = env.FromString("{% for i in range(200) %}xxxxxxxxxx{% flush %}{% endfor %}");

        Assert.Throws<TemplateRuntimeException>(() => template.RenderStream().ToList());
        Assert.Equal(1_000, string.Concat(env.FromString("{% for i in range(100) %}xxxxxxxxxx{% flush %}{% endfor %}").RenderStream()).Length);
    }

    [Fact]
    public void Without_MaxOutputLength_output_is_unbounded()
    {
        Assert.Equal(1_000_000, Env().FromString("{% for i in range(100000) %}xxxxxxxxxx{% endfor %}").Render().Length);
    }

    [Fact]
    public void A_cancelled_token_stops_a_long_loop_promptly()
    {
        var template = Env().FromString("{% for i in range(100000) %}{% for j in range(100000) %}{% for k in range(100000) %}{% endfor %}{% endfor %}{% endfor %}");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() => template.Render((object?)null, cts.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Cancellation_reaches_loops_inside_macros_includes_and_writer_renders()
    {
        var env = Env(templates: new()
        {
            ["inc.html"] = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            ["page.html"] = "{% macro m() %}{% include 'inc.html' %}{% endmacro %}{{ m() }}",
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.ThrowsAny<OperationCanceledException>(() => env.GetTemplate("page.html").Render(TextWriter.Null, null, cts.Token));
    }

    [Fact]
    public void An_already_cancelled_token_with_a_short_template_still_renders_without_loops()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Equal("hi", Env().FromString("hi").Render((object?)null, cts.Token));
    }
}
