namespace Kida.Tests.Concurrency;

/// <summary>Kida constructs share compiled templates across threads too: slots, regions, provide, stacks and the fragment cache.</summary>
public class KidaConcurrentRenderTests
{
    private static readonly Dictionary<string, string> Site = new()
    {
        ["components.html"] =
            "{% def table(rows) %}{% provide align = 'right' %}<table>{% for r in rows %}<tr>{% slot row let:item=r, let:i=loop.index %}{{ r }}{% end %}</tr>{% end %}" +
            "{% slot footer %}</table>{% end %}{% end %}" +
            "{% def cell(v) %}<td class=\"{{ consume('align') }}\">{{ v }}</td>{% push 'css' %}[cell]{% end %}{% end %}",
        ["page.html"] =
            "{% from 'components.html' import table, cell %}<head>{% stack 'css' %}</head>" +
            "{% region summary(user, count=rows | length) %}<p>{{ user }}: {{ count }}</p>{% end %}" +
            "{{ summary(user=user) }}" +
            "{% call table(rows) %}{% slot row let:item, let:i %}{{ cell(i ~ ':' ~ item) }}{% end %}{% slot footer %}<tfoot/>{% end %}{% end %}" +
            "{% cache 'legal' %}<footer>(c) {{ year }}</footer>{% end %}",
    };

    private static Dictionary<string, object?> Context(int i) => new()
    {
        ["user"] = $"user<{i}>",
        ["year"] = 2026L,
        ["rows"] = Enumerable.Range(0, i % 4 + 1).Select(k => (object?)$"r{k}&{i}").ToList(),
    };

    [Fact]
    public void Eight_threads_render_slots_regions_and_cache_like_serial()
    {
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions
        {
            Loader = new DictLoader(Site),
            Autoescape = true,
            Dialect = TemplateDialect.Kida,
        });
        var template = env.GetTemplate("page.html");
        const int threads = 8, renders = 400;
        var expected = Enumerable.Range(0, renders).Select(i => template.Render(Context(i))).ToArray();
        var expectedBlocks = Enumerable.Range(0, renders).Select(i => template.RenderBlock("summary", Context(i))).ToArray();
        Assert.Contains("<td class=\"right\">1:r0&amp;3</td>", expected[3]);
        Assert.Contains("[cell][cell]", expected[1]);
        Assert.Equal("<p>user&lt;2&gt;: 3</p>", expectedBlocks[2]);

        var mismatches = 0;
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = t; i < renders; i += threads)
            {
                if (template.Render(Context(i)) != expected[i]) Interlocked.Increment(ref mismatches);
                if (template.RenderBlock("summary", Context(i)) != expectedBlocks[i]) Interlocked.Increment(ref mismatches);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Assert.Equal(0, mismatches);
    }
}
