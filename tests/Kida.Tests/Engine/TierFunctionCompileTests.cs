namespace Kida.Tests.Engine;

/// <summary>
/// Issue #18, the cost of the compile: a compiled method has one exception filter with a statement table (errors keep
/// the interpreter's template, line and column), checks break/continue only after statements that can set them, and a
/// template's block bodies compile only once they have run — those that first run later compile after the threshold's
/// runs and are published on top of the compiled template while renders go on.
/// </summary>
public class TierFunctionCompileTests
{
    public sealed class Exploding
    {
        public string Ok => "ok";

        public string Boom => throw new InvalidOperationException("getter failed");
    }

    private static readonly Dictionary<string, object?> Model = new()
    {
        ["rows"] = new List<object?>
        {
            new Dictionary<string, object?> { ["name"] = "a", ["items"] = new List<object?> { 1L, 2L, 3L } },
            new Dictionary<string, object?> { ["name"] = "b", ["items"] = new List<object?> { 4L, 5L } },
            new Dictionary<string, object?> { ["name"] = "c", ["items"] = new List<object?>() },
        },
        ["thing"] = new Exploding(),
        ["title"] = "T",
    };

    private static TemplateEnvironment Env(Dictionary<string, string> templates, bool tiered, int threshold = 0) =>
        new(new TemplateEnvironmentOptions
        {
            Loader = new DictLoader(templates),
            Autoescape = true,
            TieredCompilation = tiered,
            TieredCompilationThreshold = threshold,
        });

    private static string Describe(Exception? e) => e switch
    {
        null => "no error",
        TemplateException t => $"{t.GetType().Name} {t.TemplateName}:{t.Line}:{t.Column} {t.Message}",
        _ => $"{e.GetType().Name} {e.Message}",
    };

    /// <summary>Renders <paramref name="page"/> on the interpreter and fully compiled: the same text or the same error, located alike.</summary>
    private static string SameOnBothTiers(Dictionary<string, string> templates, string page = "page.html")
    {
        var interpreted = Env(templates, tiered: false).GetTemplate(page);
        var compiledEnv = Env(templates, tiered: true);
        var compiled = compiledEnv.GetTemplate(page);
        Assert.Equal(TemplateTier.Compiled, compiled.Tier);
        string? a = null, b = null;
        var ea = Record.Exception(() => a = interpreted.Render(Model));
        var eb = Record.Exception(() => b = compiled.Render(Model));
        Assert.Equal(Describe(ea), Describe(eb));
        Assert.Equal(a, b);
        Assert.Equal(0, compiledEnv.TierStatistics.Failed);
        return ea is null ? a! : Describe(ea);
    }

    private static Dictionary<string, string> Page(string source) => new() { ["page.html"] = source };

    private static void WaitUntil(Func<bool> condition)
    {
        // The background compile is a thread-pool work item: wait for it to publish (not a timing assertion).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline) Thread.Sleep(5);
        Assert.True(condition());
    }

    [Fact]
    public void An_error_inside_a_block_body_is_located_as_the_interpreter_locates_it()
    {
        var templates = new Dictionary<string, string>
        {
            ["base.html"] = "<h1>{% block title %}{% endblock %}</h1>\n<main>{% block body %}{% endblock %}</main>",
            ["page.html"] = "{% extends 'base.html' %}\n{% block title %}{{ title }}{% endblock %}\n{% block body %}\n  {% for r in rows %}\n    {{ r.name }}{{ r.missing.deeper }}\n  {% endfor %}\n{% endblock %}",
        };
        var error = SameOnBothTiers(templates);
        Assert.StartsWith("UndefinedVariableException page.html:5:", error);
    }

    [Fact]
    public void An_error_in_a_statement_after_a_nested_compiled_function_returned_is_located_at_the_outer_statement()
    {
        // self.title() runs the title block's compiled body (its statements set the statement index), then the outer
        // statement fails: the index must be the outer statement's again.
        var templates = new Dictionary<string, string>
        {
            ["page.html"] = "{% block title %}{% for r in rows %}\n{{ r.name }}{% endfor %}{% endblock %}\n{% for r in rows %}\n<p>\n{{ self.title() ~ (1 // (r['items']|length - 2)) }}</p>{% endfor %}",
        };
        var error = SameOnBothTiers(templates);
        Assert.StartsWith("TemplateRuntimeException page.html:5:", error);
    }

    [Fact]
    public void A_foreign_exception_inside_nested_loops_is_wrapped_at_the_innermost_statement()
    {
        var error = SameOnBothTiers(Page(
            "{% for r in rows %}\n{% for i in r['items'] %}\n{% if i > 4 %}\n{{ r.name }}\n{{ thing.boom }}\n{% endif %}\n{% endfor %}\n{% endfor %}"));
        Assert.StartsWith("TemplateRuntimeException page.html:5:", error);
        Assert.Contains("getter failed", error);
    }

    [Fact]
    public void An_error_after_a_nested_body_is_located_at_the_statement_that_raised_it()
    {
        // After the if's body ran, the next statement of the outer list fails: its own span, not the body's.
        var error = SameOnBothTiers(Page(
            "{% for r in rows %}{% if r.name == 'b' %}\n{{ thing.ok }}{% endif %}\n{{ 1 // (r['items']|length - 2) }}{% endfor %}"));
        Assert.StartsWith("TemplateRuntimeException page.html:3:", error);
        // An elif condition after a false branch (located at the if, as the interpreter does), a loop's else branch,
        // and an iterable that fails.
        Assert.StartsWith("TemplateRuntimeException page.html:1:4 ", SameOnBothTiers(Page(
            "{% if rows|length > 5 %}x\n{% elif thing.boom %}y{% endif %}")));
        Assert.StartsWith("UndefinedVariableException page.html:2:", SameOnBothTiers(Page(
            "{% for x in [] %}{{ x }}{% else %}\n{{ nothing.here }}{% endfor %}")));
        Assert.StartsWith("TemplateRuntimeException page.html:2:", SameOnBothTiers(Page(
            "{{ title }}\n{% for x in thing.boom %}{{ x }}{% endfor %}")));
    }

    [Fact]
    public void Break_and_continue_in_nested_ifs_inside_loops_match_the_interpreter()
    {
        var output = SameOnBothTiers(Page(
            "{% for r in rows %}[{% for i in r['items'] %}{% if i > 1 %}{% if i == 2 %}{% continue %}{% endif %}" +
            "{% if i == 5 %}{% break %}{% endif %}{% endif %}{{ i }}{% endfor %}]{% if r.name == 'b' %}{% with %}" +
            "{% break %}{% endwith %}{% endif %}{{ r.name }};{% endfor %}|" +
            "{% for r in rows %}{% for i in r['items'] %}{{ i }}{% else %}{% break %}{% endfor %}{{ r.name }}{% endfor %}"));
        Assert.Equal("[13]a;[4]|123a45b", output);
    }

    [Fact]
    public void A_layouts_blocks_that_every_page_overrides_are_not_compiled()
    {
        var templates = new Dictionary<string, string>
        {
            ["base.html"] = "<title>{% block title %}{{ title }}{% endblock %}</title>{% block head %}<link>{% endblock %}<main>{% block body %}{% endblock %}</main>",
            ["page.html"] = "{% extends 'base.html' %}{% block title %}{{ title }}!{% endblock %}{% block body %}{% for r in rows %}{{ r.name }}{% endfor %}{% endblock %}",
        };
        var env = Env(templates, tiered: true, threshold: 1_000_000);
        var page = env.GetTemplate("page.html");
        var layout = env.GetTemplate("base.html");
        var expected = Env(templates, tiered: false).GetTemplate("page.html").Render(Model);
        Assert.Equal(expected, page.Render(Model));
        Assert.True(layout.CompileTierNow());
        Assert.True(page.CompileTierNow());
        Assert.Equal(TemplateTier.Compiled, layout.Tier);
        Assert.True(layout.IsBlockCompiled("head"));
        Assert.False(layout.IsBlockCompiled("title"));
        Assert.False(layout.IsBlockCompiled("body"));
        Assert.True(page.IsBlockCompiled("title"));
        Assert.True(page.IsBlockCompiled("body"));
        Assert.Equal(expected, page.Render(Model));
        Assert.Equal(2, env.TierStatistics.Compiled);
    }

    [Fact]
    public void A_block_that_first_runs_after_the_template_was_compiled_compiles_after_the_threshold()
    {
        const int threshold = 3;
        var templates = new Dictionary<string, string>
        {
            ["page.html"] = "{% if rows|length > 10 %}{% block rare %}{% for r in rows %}{{ loop.index }}{{ r.name }}{% endfor %}{% endblock %}{% endif %}{{ title }}",
        };
        var env = Env(templates, tiered: true, threshold: threshold);
        var page = env.GetTemplate("page.html");
        for (var i = 0; i < threshold; i++) Assert.Equal("T", page.Render(Model));
        WaitUntil(() => page.Tier == TemplateTier.Compiled);
        Assert.False(page.IsBlockCompiled("rare"));

        var many = new Dictionary<string, object?>(Model)
        {
            ["rows"] = Enumerable.Range(0, 12).Select(i => (object?)new Dictionary<string, object?> { ["name"] = "n" + i }).ToList(),
        };
        var expected = Env(templates, tiered: false).GetTemplate("page.html").Render(many);
        for (var i = 0; i < threshold; i++) Assert.Equal(expected, page.Render(many)); // on the interpreter, counted
        WaitUntil(() => page.IsBlockCompiled("rare"));
        Assert.Equal(expected, page.Render(many));
        Assert.Equal("T", page.Render(Model));
        Assert.Equal(1, env.TierStatistics.Compiled); // one template, compiled in two steps
        Assert.Equal(0, env.TierStatistics.Failed);
        Assert.True(page.TierCompileCost.Bytes > 0);
    }

    [Fact]
    public void A_layouts_block_that_a_later_page_leaves_alone_is_compiled_once_it_has_run_enough()
    {
        const int threshold = 4;
        var templates = new Dictionary<string, string>
        {
            ["base.html"] = "<title>{% block title %}{{ title }} (default){% endblock %}</title><main>{% block body %}{% endblock %}</main>",
            ["page.html"] = "{% extends 'base.html' %}{% block title %}{{ title }}!{% endblock %}{% block body %}{% for r in rows %}{{ r.name }}{% endfor %}{% endblock %}",
            ["plain.html"] = "{% extends 'base.html' %}{% block body %}plain {{ rows|length }}{% endblock %}",
        };
        var env = Env(templates, tiered: true, threshold: threshold);
        var page = env.GetTemplate("page.html");
        var layout = env.GetTemplate("base.html");
        for (var i = 0; i < threshold; i++) page.Render(Model);
        WaitUntil(() => layout.Tier == TemplateTier.Compiled && page.Tier == TemplateTier.Compiled);
        Assert.False(layout.IsBlockCompiled("title"));

        var plain = env.GetTemplate("plain.html");
        var reference = Env(templates, tiered: false);
        var expected = reference.GetTemplate("plain.html").Render(Model);
        Assert.Equal("<title>T (default)</title><main>plain 3</main>", expected);
        for (var i = 0; i < threshold; i++) Assert.Equal(expected, plain.Render(Model));
        WaitUntil(() => layout.IsBlockCompiled("title"));
        Assert.Equal(expected, plain.Render(Model));
        Assert.Equal(reference.GetTemplate("page.html").Render(Model), page.Render(Model));
        Assert.False(layout.IsBlockCompiled("body")); // overridden by both pages, never run
    }

    [Fact]
    public void Renders_running_while_late_blocks_are_published_all_give_the_same_output()
    {
        var templates = new Dictionary<string, string>
        {
            ["base.html"] = "{% block a %}A{{ title }}{% endblock %}|{% block b %}B{% for r in rows %}{{ r.name }}{% endfor %}{% endblock %}|{% block c %}C{% endblock %}",
            ["one.html"] = "{% extends 'base.html' %}{% block a %}1{% endblock %}{% block b %}1{% endblock %}",
            ["two.html"] = "{% extends 'base.html' %}{% block c %}2{{ super() }}{% endblock %}",
            ["three.html"] = "{% extends 'base.html' %}{% block a %}3{{ super() }}{% endblock %}{% block b %}{{ super() }}3{% endblock %}{% block c %}3{% endblock %}",
        };
        var names = new[] { "one.html", "two.html", "three.html" };
        var reference = Env(templates, tiered: false);
        var expected = names.ToDictionary(n => n, n => reference.GetTemplate(n).Render(Model));
        var env = Env(templates, tiered: true, threshold: 2);
        var outputs = new System.Collections.Concurrent.ConcurrentBag<(string Name, string Output)>();
        // "one" first, alone: the layout compiles with block c only; the others' blocks a and b then compile late, while
        // renders of all three run on other threads.
        for (var i = 0; i < 4; i++) outputs.Add(("one.html", env.GetTemplate("one.html").Render(Model)));
        var layout = env.GetTemplate("base.html");
        WaitUntil(() => layout.Tier == TemplateTier.Compiled);
        Assert.True(layout.IsBlockCompiled("c"));
        Assert.False(layout.IsBlockCompiled("a"));
        Assert.False(layout.IsBlockCompiled("b"));
        Parallel.For(0, 600, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var name = names[i % names.Length];
            outputs.Add((name, env.GetTemplate(name).Render(Model)));
        });
        WaitUntil(() => layout.IsBlockCompiled("a") && layout.IsBlockCompiled("b") && layout.IsBlockCompiled("c"));
        foreach (var name in names) outputs.Add((name, env.GetTemplate(name).Render(Model)));
        Assert.All(outputs, o => Assert.Equal(expected[o.Name], o.Output));
        Assert.Equal(0, env.TierStatistics.Failed);
    }
}
