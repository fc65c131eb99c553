using System.Text;

namespace Kida.Tests.Runtime;

/// <summary>
/// Synchronous renders reuse one render context and output buffer per thread, builtin tables are shared between
/// environments, and {{ x|upper }} / {{ x|lower }} case-map straight into the output. None of that may change what a
/// render prints: these pin the places where reuse could leak state or a shortcut could differ from the filter.
/// </summary>
public class RenderReuseTests
{
    [Fact]
    public void Variables_blocks_and_data_of_one_render_do_not_reach_the_next()
    {
        var env = new TemplateEnvironment(new DictLoader(new Dictionary<string, string>
        {
            ["base.html"] = "[{% block b %}base{% endblock %}]",
            ["child.html"] = "{% extends 'base.html' %}{% block b %}child {{ name }}{% endblock %}",
            ["sets.html"] = "{% set leaked = 'from sets' %}{% macro m() %}m{% endmacro %}{{ m() }}",
            ["reads.html"] = "{{ leaked is defined }}|{{ m is defined }}|{{ name is defined }}",
        }));
        Assert.Equal("[child Ann]", env.GetTemplate("child.html").Render(new Dictionary<string, object?> { ["name"] = "Ann" }));
        Assert.Equal("m", env.GetTemplate("sets.html").Render());
        Assert.Equal("False|False|False", env.GetTemplate("reads.html").Render());
        Assert.Equal("[base]", env.GetTemplate("base.html").Render());
        Assert.Equal("[child Bo]", env.GetTemplate("child.html").Render(new Dictionary<string, object?> { ["name"] = "Bo" }));
    }

    [Fact]
    public void A_failed_render_leaves_nothing_behind_for_the_next()
    {
        var env = new TemplateEnvironment();
        var failing = env.FromString("{% set x = 'kept?' %}{% for i in items %}{{ i }}{% endfor %}{{ 1 // zero }}");
        Assert.ThrowsAny<TemplateException>(() => failing.Render(new { items = new[] { 1, 2 }, zero = 0 }));
        Assert.Equal("False|", env.FromString("{{ x is defined }}|{{ '' }}").Render());
    }

    [Fact]
    public void A_render_inside_a_render_on_the_same_thread_gets_its_own_context()
    {
        var env = new TemplateEnvironment();
        var inner = env.FromString("<{{ v }}>");
        var outer = new TemplateEnvironment();
        outer.AddFilter("inner", v => inner.Render(new Dictionary<string, object?> { ["v"] = v }));
        var t = outer.FromString("{% set a = 'A' %}{% for x in [1, 2] %}{{ x|inner }}{{ a }}{% endfor %}{{ name }}");
        Assert.Equal("<1>A<2>Aouter", t.Render(new Dictionary<string, object?> { ["name"] = "outer" }));
    }

    [Fact]
    public void Output_limits_and_dialects_do_not_carry_over_between_renders()
    {
        var limited = new TemplateEnvironment(new TemplateEnvironmentOptions { MaxOutputLength = 5 });
        Assert.ThrowsAny<TemplateException>(() => limited.FromString("{{ 'x' * 10 }}").Render());
        var open = new TemplateEnvironment();
        Assert.Equal(new string('x', 1000), open.FromString("{{ 'x' * 1000 }}").Render());
        var kida = new TemplateEnvironment(new TemplateEnvironmentOptions { Dialect = TemplateDialect.Kida, Autoescape = true });
        Assert.Equal("&quot;", kida.FromString("{{ q }}").Render(new { q = "\"" }));
        var jinja = new TemplateEnvironment(new TemplateEnvironmentOptions { Autoescape = true });
        Assert.Equal("&#34;", jinja.FromString("{{ q }}").Render(new { q = "\"" }));
    }

    [Fact]
    public void A_big_output_after_small_ones_is_whole_and_small_ones_after_it_are_too()
    {
        var t = new TemplateEnvironment().FromString("{% for i in range(n) %}{{ i }},{% endfor %}");
        string Expected(int n) => string.Concat(Enumerable.Range(0, n).Select(i => i + ","));
        foreach (var n in new[] { 1, 3, 50_000, 2, 10_000, 0 })
            Assert.Equal(Expected(n), t.Render(new { n }));
    }

    [Theory]
    [InlineData("{{ s|upper }}", "plain text", "PLAIN TEXT")]
    [InlineData("{{ s|lower }}", "MiXeD 123", "mixed 123")]
    [InlineData("{{ s|upper }}", "straße", "STRASSE")]              // Python maps ß to SS: the general path
    [InlineData("{{ s|upper }}", "<b>&'\"", "&lt;B&gt;&amp;&#39;&#34;")] // needs escaping: the general path
    [InlineData("{{ s|lower }}", "ΑΒΓ", "αβγ")]
    [InlineData("{{ n|upper }}", null, "42")]
    [InlineData("{{ m|upper }}", null, "<I>SAFE</I>")]               // Markup stays markup, unescaped
    [InlineData("{{ u|upper }}", null, "")]
    public void Case_filters_written_straight_to_the_output_print_what_the_filter_returns(string source, string? s, string expected)
    {
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions { Autoescape = true });
        var model = new Dictionary<string, object?> { ["s"] = s, ["n"] = 42, ["m"] = new Markup("<i>safe</i>") };
        Assert.Equal(expected, env.FromString(source).Render(model));
        var writer = new StringWriter();
        env.FromString(source).Render(writer, model);
        Assert.Equal(expected, writer.ToString());
    }

    [Fact]
    public void A_user_upper_filter_replaces_the_builtin_shortcut()
    {
        var env = new TemplateEnvironment();
        env.AddFilter("upper", v => $"custom({v})");
        Assert.Equal("custom(abc)", env.FromString("{{ 'abc'|upper }}").Render());
        // Another environment keeps the builtin: the shared builtin table was copied, not changed.
        Assert.Equal("ABC", new TemplateEnvironment().FromString("{{ 'abc'|upper }}").Render());
        Assert.Equal("ABC", new TemplateEnvironment().Filters["upper"]("abc", default));
    }

    [Fact]
    public void Options_tables_are_private_to_their_environment()
    {
        var withGlobal = new TemplateEnvironment(new TemplateEnvironmentOptions
        {
            Globals = new Dictionary<string, object?> { ["site"] = "mine" },
            Tests = new Dictionary<string, TestFunction> { ["shiny"] = (v, _) => true },
        });
        Assert.Equal("mine|True", withGlobal.FromString("{{ site }}|{{ 1 is shiny }}").Render());
        var plain = new TemplateEnvironment();
        Assert.False(plain.Globals.ContainsKey("site"));
        Assert.False(plain.Tests.ContainsKey("shiny"));
        Assert.True(plain.Globals.ContainsKey("range"));
    }

    [Fact]
    public void The_kept_context_does_not_keep_the_last_model_alive()
    {
        var t = new TemplateEnvironment().FromString("{% set x = big|length %}{{ x }}{% block b %}{{ big[0] }}{% endblock %}");
        var model = RenderAndForget(t);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(model.IsAlive, "the thread's kept render context still references the last render's model");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference RenderAndForget(Template t)
    {
        // The first render on a thread makes the context it then keeps; the second reuses it.
        Assert.Equal("1z", t.Render(new Dictionary<string, object?> { ["big"] = new List<object?> { "z" } }));
        var model = new Dictionary<string, object?> { ["big"] = new List<object?> { "a", "b" } };
        Assert.Equal("2a", t.Render(model));
        return new WeakReference(model);
    }

    [Fact]
    public void Many_threads_reusing_their_contexts_never_see_each_others_data()
    {
        var env = new TemplateEnvironment(new DictLoader(new Dictionary<string, string>
        {
            ["base.html"] = "{% block b %}{% endblock %}",
            ["page.html"] = "{% extends 'base.html' %}{% block b %}{% set mine = id %}{% for i in range(3) %}{{ mine }}{{ id|upper }}{% endfor %}{% endblock %}",
        }));
        var page = env.GetTemplate("page.html");
        var failures = 0;
        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var id = "t" + i;
            var expected = new StringBuilder().Insert(0, id + id.ToUpperInvariant(), 3).ToString();
            if (page.Render(new Dictionary<string, object?> { ["id"] = id }) != expected) Interlocked.Increment(ref failures);
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void The_extends_chain_kept_for_the_next_render_starts_empty_every_time()
    {
        // A render with a layout keeps its list of extended templates for the next render on the thread: a cycle or
        // a chain too long must still be judged on this render's templates only.
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions
        {
            Loader = new DictLoader(new Dictionary<string, string>
            {
                ["a.html"] = "{% extends 'b.html' %}{% block x %}a{% endblock %}",
                ["b.html"] = "{% extends 'c.html' %}",
                ["c.html"] = "<{% block x %}c{% endblock %}>",
                ["self.html"] = "{% extends 'self.html' %}",
                ["loop1.html"] = "{% extends 'loop2.html' %}",
                ["loop2.html"] = "{% extends 'loop1.html' %}",
            }),
            MaxExtendsDepth = 2,
        });
        for (var i = 0; i < 3; i++) Assert.Equal("<a>", env.GetTemplate("a.html").Render());
        Assert.Contains("extends itself (chain: self.html -> self.html)", Assert.ThrowsAny<TemplateException>(() => env.GetTemplate("self.html").Render()).Message);
        Assert.Contains("(chain: loop1.html -> loop2.html -> loop1.html)", Assert.ThrowsAny<TemplateException>(() => env.GetTemplate("loop1.html").Render()).Message);
        Assert.Equal("<a>", env.GetTemplate("a.html").Render());
        var tooLong = new TemplateEnvironment(new TemplateEnvironmentOptions { Loader = env.Options.Loader, MaxExtendsDepth = 1 });
        Assert.Contains("extends chain is more than 1 templates long", Assert.ThrowsAny<TemplateException>(() => tooLong.GetTemplate("a.html").Render()).Message);
        Assert.Equal("<c>", tooLong.GetTemplate("c.html").Render());
    }

    [Fact]
    public void Render_globals_and_member_policies_of_one_render_do_not_reach_the_next()
    {
        // The kept context skips stores of unchanged values: what one render set must still be gone in the next.
        var open = new TemplateEnvironment(TemplateEnvironmentOptions.Default with
        {
            MemberAccess = MemberAccessPolicy.Default.AllowMember(typeof(string), "ToUpper"),
        });
        var sandboxed = new TemplateEnvironment();
        var show = open.FromString("{{ user is defined }}:{{ name }}");
        var globals = new Dictionary<string, object?> { ["user"] = "ann" };
        var w = new StringWriter();
        show.Render(w, new Dictionary<string, object?> { ["name"] = "a" }, globals, CancellationToken.None);
        Assert.Equal("True:a", w.ToString());
        Assert.Equal("False:b", show.Render(new Dictionary<string, object?> { ["name"] = "b" }));

        // Each render gets its own environment's member policy, whatever rendered before it on this thread.
        var model = new Dictionary<string, object?> { ["s"] = "x" };
        Assert.Equal("X", open.FromString("{{ s.ToUpper() }}").Render(model));
        Assert.Throws<TemplateSecurityException>(() => sandboxed.FromString("{{ s.ToUpper() }}").Render(model));
        Assert.Equal("X", open.FromString("{{ s.ToUpper() }}").Render(model));
        Assert.Throws<TemplateSecurityException>(() => sandboxed.FromString("{{ s.ToUpper() }}").Render(model));
        Assert.Equal("False:c", show.Render(new Dictionary<string, object?> { ["name"] = "c" }));
    }
}
