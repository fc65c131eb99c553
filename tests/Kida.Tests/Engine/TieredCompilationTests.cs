namespace Kida.Tests.Engine;

/// <summary>Issue #18: templates start interpreted, move to the compiled tier when hot, and render the same on both.</summary>
public class TieredCompilationTests
{
    private static readonly Dictionary<string, object?> Model = new()
    {
        ["title"] = "<Directory>",
        ["rows"] = new List<object?>
        {
            new Dictionary<string, object?> { ["name"] = "Ann", ["score"] = 3L },
            new Dictionary<string, object?> { ["name"] = "Bob & Co", ["score"] = 7L },
            new Dictionary<string, object?> { ["name"] = "Cy", ["score"] = 12L },
        },
    };

    private const string Page =
        "<h1>{{ title }}</h1>{% for row in rows %}<tr class=\"{% if loop.index is odd %}odd{% else %}even{% endif %}\">" +
        "<td>{{ row.name }}</td><td>{{ row.score }}</td>{% if row.score > 5 and not loop.last %}!{% endif %}</tr>" +
        "{% else %}none{% endfor %}{% for r in rows %}{% if r.score > 5 %}{% break %}{% endif %}{{ r.name }};{% endfor %}";

    private static TemplateEnvironment Env(int threshold, bool tiered = true) =>
        new(new TemplateEnvironmentOptions { Autoescape = true, TieredCompilation = tiered, TieredCompilationThreshold = threshold });

    private static void WaitForTier(Template template, TemplateTier tier)
    {
        // The background compile is a thread-pool work item: wait for it to publish (not a timing assertion).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (template.Tier != tier && DateTime.UtcNow < deadline) Thread.Sleep(5);
        Assert.Equal(tier, template.Tier);
    }

    [Fact]
    public void A_template_starts_interpreted_and_is_compiled_in_the_background_after_the_threshold()
    {
        var env = Env(threshold: 5);
        var template = env.FromString(Page);
        var expected = Env(0, tiered: false).FromString(Page).Render(Model);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(expected, template.Render(Model));
            Assert.Equal(TemplateTier.Interpreted, template.Tier);
        }
        Assert.Equal(0, env.TierStatistics.Compiled);
        Assert.Equal(expected, template.Render(Model)); // the fifth render schedules the compile and does not wait for it
        WaitForTier(template, TemplateTier.Compiled);
        Assert.Equal(expected, template.Render(Model));
        var stats = env.TierStatistics;
        Assert.Equal(1, stats.Compiled);
        Assert.Equal(0, stats.Failed);
        Assert.True(stats.CompileTime > TimeSpan.Zero);
        Assert.True(stats.AllocatedBytes > 0);
    }

    [Fact]
    public void Threshold_zero_compiles_as_the_template_is_created()
    {
        var env = Env(threshold: 0);
        var template = env.FromString(Page);
        Assert.Equal(TemplateTier.Compiled, template.Tier);
        Assert.Equal(1, env.TierStatistics.Compiled);
        Assert.Equal(Env(0, tiered: false).FromString(Page).Render(Model), template.Render(Model));
        Assert.Contains("<h1>&lt;Directory&gt;</h1>", template.Render(Model));
        Assert.Contains("Bob &amp; Co", template.Render(Model));
    }

    [Fact]
    public void The_off_switch_keeps_every_template_interpreted()
    {
        var env = Env(threshold: 1, tiered: false);
        var template = env.FromString(Page);
        for (var i = 0; i < 50; i++) template.Render(Model);
        Assert.Equal(TemplateTier.Interpreted, template.Tier);
        Assert.Equal(default, env.TierStatistics);
    }

    [Fact]
    public void Layouts_blocks_and_includes_each_move_to_the_compiled_tier()
    {
        var templates = new Dictionary<string, string>
        {
            ["base.html"] = "<title>{% block title %}T{% endblock %}</title><main>{% block body %}{% endblock %}</main>{% include 'foot.html' %}",
            ["foot.html"] = "<footer>{{ title }}</footer>",
            ["page.html"] = "{% extends 'base.html' %}{% block title %}{{ title }} | {{ super() }}{% endblock %}{% block body %}{% for r in rows %}{{ loop.index }}:{{ r.name }} {% endfor %}{% endblock %}",
        };
        var interpreted = new TemplateEnvironment(new TemplateEnvironmentOptions { Loader = new DictLoader(templates), TieredCompilation = false });
        var compiled = new TemplateEnvironment(new TemplateEnvironmentOptions { Loader = new DictLoader(templates), TieredCompilationThreshold = 0 });
        var expected = interpreted.GetTemplate("page.html").Render(Model);
        Assert.Equal("<title>&lt;Directory&gt; | T</title><main>1:Ann 2:Bob &amp; Co 3:Cy </main><footer>&lt;Directory&gt;</footer>", expected);
        Assert.Equal(expected, compiled.GetTemplate("page.html").Render(Model));
        foreach (var name in templates.Keys) Assert.Equal(TemplateTier.Compiled, compiled.GetTemplate(name).Tier);
        Assert.Equal(3, compiled.TierStatistics.Compiled);
    }

    [Fact]
    public void A_compiled_template_is_rendered_from_many_threads_with_the_same_output()
    {
        var template = Env(threshold: 0).FromString(Page);
        var expected = Env(0, tiered: false).FromString(Page).Render(Model);
        var outputs = new string[64];
        Parallel.For(0, outputs.Length, i => outputs[i] = template.Render(Model));
        Assert.All(outputs, o => Assert.Equal(expected, o));
    }

    [Fact]
    public void Renders_in_flight_when_the_compiled_tier_is_published_finish_with_the_same_output()
    {
        var env = Env(threshold: 2);
        var template = env.FromString(Page);
        var expected = Env(0, tiered: false).FromString(Page).Render(Model);
        var outputs = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 400, _ => outputs.Add(template.Render(Model)));
        WaitForTier(template, TemplateTier.Compiled);
        Assert.All(outputs, o => Assert.Equal(expected, o));
    }

    [Fact]
    public void Loops_over_other_iterables_and_loop_controls_match_the_interpreter()
    {
        const string source =
            "{% for k in d %}{{ k }}{% endfor %}|{% for c in 'abc' %}{{ loop.revindex }}{{ c }}{% endfor %}|" +
            "{% for x in t %}{% if x == 2 %}{% continue %}{% endif %}{{ x }}{% set y = x * 10 %}{{ y }}{% endfor %}|" +
            "{% for x in [] %}never{% else %}empty{% endfor %}|{% for x in none_here %}{{ x }}{% else %}undefined{% endfor %}|" +
            "{% for a in [[1, 2], [3]] %}{% for b in a %}{{ loop.index }}{{ b }}{% endfor %};{% endfor %}|" +
            "{% set outer = 'o' %}{% for x in [1] %}{{ outer }}{% set outer = 'i' %}{{ outer }}{% endfor %}{{ outer }}";
        var model = new Dictionary<string, object?>
        {
            ["d"] = new Dictionary<string, object?> { ["p"] = 1, ["q"] = 2 },
            ["t"] = new object?[] { 1L, 2L, 3L },
        };
        var expected = Env(0, tiered: false).FromString(source).Render(model);
        var template = Env(0).FromString(source);
        Assert.Equal(TemplateTier.Compiled, template.Tier);
        Assert.Equal(expected, template.Render(model));
    }

    [Fact]
    public void Errors_raised_in_compiled_code_carry_the_interpreters_location()
    {
        const string source = "line one\n{% for r in rows %}\n  {% if r.score > 5 %}{{ r.name.missing.deeper }}{% endif %}\n{% endfor %}";
        var interpreted = Record.Exception(() => Env(0, tiered: false).FromString(source, "page.html").Render(Model));
        var template = Env(0).FromString(source, "page.html");
        Assert.Equal(TemplateTier.Compiled, template.Tier);
        var compiled = Record.Exception(() => template.Render(Model));
        var error = Assert.IsType<UndefinedVariableException>(compiled);
        Assert.Equal(interpreted!.Message, error.Message);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Cancellation_stops_a_compiled_loop()
    {
        var template = Env(0).FromString("{% for i in items %}{{ i }}{% endfor %}");
        var items = Enumerable.Range(0, 10).Select(i => (object?)(long)i).ToList();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => template.Render(new Dictionary<string, object?> { ["items"] = items }, cts.Token));
    }

    [Fact]
    public void A_failed_compile_is_counted_and_leaves_the_template_interpreted()
    {
        const string source = "{# tier-fault-test #}{% for r in rows %}{{ r.name }}{% endfor %}";
        Template.TierCompileFault = t => t.Source == source ? new InvalidOperationException("injected compile failure") : null;
        try
        {
            var env = Env(threshold: 3);
            var template = env.FromString(source);
            for (var i = 0; i < 10; i++) Assert.Equal("AnnBob &amp; CoCy", template.Render(Model));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (env.TierStatistics.Failed == 0 && DateTime.UtcNow < deadline) Thread.Sleep(5);
            Assert.Equal(1, env.TierStatistics.Failed);
            Assert.Equal(0, env.TierStatistics.Compiled);
            Assert.Equal(TemplateTier.Interpreted, template.Tier);
            Assert.Equal("injected compile failure", template.TierFailure?.Message);
            Assert.Equal("AnnBob &amp; CoCy", template.Render(Model));

            var atOnce = Env(threshold: 0).FromString(source);
            Assert.Equal(TemplateTier.Interpreted, atOnce.Tier);
            Assert.Equal("AnnBob &amp; CoCy", atOnce.Render(Model));
        }
        finally
        {
            Template.TierCompileFault = null;
        }
    }

    public sealed record Row(long Id, string Name, double Score, bool Active);

    [Fact]
    public void Typed_records_in_arrays_render_the_same_on_both_tiers()
    {
        const string source =
            "{% for r in rows %}{{ loop.index }}{{ r.id }}{{ r.name }}{{ r.score }}{% if r.active %}+{% endif %}{% endfor %}|" +
            "{% for r in rows %}{{ r.name|upper }}{{ r.missing }}{% endfor %}|{% for n in numbers %}{{ n }}{% endfor %}";
        var model = new Dictionary<string, object?>
        {
            ["rows"] = new[] { new Row(1, "Ann <a>", 2.5, true), new Row(2, "Bob", 1e21, false) },
            ["numbers"] = new[] { 1, 2, 3 },
        };
        var expected = Env(0, tiered: false).FromString(source).Render(model);
        Assert.Equal("11Ann &lt;a&gt;2.5+22Bob1e+21|ANN &lt;A&gt;BOB|123", expected);
        var template = Env(0).FromString(source);
        Assert.Equal(TemplateTier.Compiled, template.Tier);
        Assert.Equal(expected, template.Render(model));
    }
}
