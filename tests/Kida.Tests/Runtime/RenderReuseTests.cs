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
