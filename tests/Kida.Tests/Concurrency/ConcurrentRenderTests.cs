using System.Collections.Concurrent;

namespace Kida.Tests.Concurrency;

/// <summary>Compiled templates are shared by all threads: renders must not interfere, compiles must happen once.</summary>
public class ConcurrentRenderTests
{
    private static readonly Dictionary<string, string> Site = new()
    {
        ["base.html"] = "<html><title>{% block title %}Site{% endblock %}</title>{% include 'nav.html' %}<main>{% block body %}{% endblock %}</main></html>",
        ["section.html"] = "{% extends 'base.html' %}{% block title %}{{ section }} - {{ super() }}{% endblock %}",
        ["page.html"] =
            "{% extends 'section.html' %}{% from 'macros.html' import card %}" +
            "{% block body %}{% for item in items %}{{ card(item, loop.index) }}{% endfor %}{% set total = items|length %}<p>{{ total }} items for {{ user }}</p>{% endblock %}",
        ["nav.html"] = "<nav>{% for link in links %}<a href='{{ link }}'>{{ link|upper }}</a>{% endfor %}</nav>",
        ["macros.html"] = "{% macro card(item, n) %}<div class='card'>{{ n }}. {{ item.name }} ({{ item.price|round(1) }}){{ caller() if caller }}</div>{% endmacro %}",
    };

    private static IReadOnlyDictionary<string, object?> Context(int i) => new Dictionary<string, object?>
    {
        ["section"] = $"Section {i % 7}",
        ["user"] = $"user<{i}>",
        ["links"] = new List<object?> { "home", "about", $"p{i}" },
        ["items"] = Enumerable.Range(0, i % 5 + 1)
            .Select(k => (object?)new Dictionary<string, object?> { ["name"] = $"item {k} & co", ["price"] = k * 1.25 + i })
            .ToList(),
    };

    [Fact]
    public void Eight_threads_render_inheritance_includes_and_macros_like_serial()
    {
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions { Loader = new DictLoader(Site) });
        var template = env.GetTemplate("page.html");
        const int threads = 8, renders = 1000;
        var expected = Enumerable.Range(0, renders).Select(i => template.Render(Context(i))).ToArray();
        Assert.Contains("user&lt;3&gt;", expected[3]);

        var mismatches = 0;
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < renders; i++)
            {
                var k = (i + t * 131) % renders;
                if (template.Render(Context(k)) != expected[k]) Interlocked.Increment(ref mismatches);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Concurrent_GetTemplate_on_one_name_compiles_once()
    {
        var loads = 0;
        var loader = new CountingLoader(Site, () => Interlocked.Increment(ref loads));
        var env = new TemplateEnvironment(loader);
        const int threads = 16;
        var results = new ConcurrentBag<Template>();
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            results.Add(env.GetTemplate("page.html"));
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Assert.Single(results.Distinct());
        Assert.Equal(1, loads);
        Assert.Equal(1, env.CompileCount);
    }

    [Fact]
    public async Task Different_names_compile_in_parallel()
    {
        // Each load waits until the other name is loading too: only parallel compilation can finish.
        using var both = new Barrier(2);
        var loader = new CountingLoader(Site, () =>
        {
            if (!both.SignalAndWait(TimeSpan.FromSeconds(20))) throw new TimeoutException("compiles were serialised");
        });
        var env = new TemplateEnvironment(loader);
        var a = Task.Run(() => env.GetTemplate("nav.html"));
        var b = Task.Run(() => env.GetTemplate("macros.html"));
        await Task.WhenAll(a, b);
        Assert.Equal(2, env.CompileCount);
    }

    private sealed class CountingLoader(IReadOnlyDictionary<string, string> templates, Action onLoad) : ITemplateLoader
    {
        private readonly DictLoader _inner = new(templates);

        public TemplateSource GetSource(string name)
        {
            onLoad();
            return _inner.GetSource(name);
        }

        public bool TryGetSource(string name, out TemplateSource source) => _inner.TryGetSource(name, out source);

        public IReadOnlyList<string> ListTemplates() => _inner.ListTemplates();
    }
}
