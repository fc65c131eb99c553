namespace Kida.Tests.Engine;

/// <summary>Globals of one render (Render/RenderAsync with a globals dictionary) and RenderAsync's size-cut chunks.</summary>
public sealed class RenderGlobalsTests
{
    private static TemplateEnvironment Env(Dictionary<string, string> templates, Dictionary<string, object?>? globals = null) =>
        new(new TemplateEnvironmentOptions { Loader = new DictLoader(templates), Globals = globals });

    [Fact]
    public async Task Render_globals_reach_layouts_includes_and_macros_imported_without_context()
    {
        var env = Env(new()
        {
            ["base.html"] = "[{{ who }}|{% block body %}{% endblock %}]",
            ["page.html"] = "{% extends 'base.html' %}{% from 'm.html' import greet %}{% block body %}{{ greet() }}+{% include 'part.html' %}{% endblock %}",
            ["m.html"] = "{% macro greet() %}hi {{ who }}{% endmacro %}",
            ["part.html"] = "<{{ who }}>",
        });
        var globals = new Dictionary<string, object?> { ["who"] = "ann" };
        var writer = new StringWriter();
        await env.GetTemplate("page.html").RenderAsync(writer, (object?)null, globals);
        Assert.Equal("[ann|hi ann+<ann>]", writer.ToString());

        var sync = new StringWriter();
        env.GetTemplate("page.html").Render(sync, null, globals, CancellationToken.None);
        Assert.Equal("[ann|hi ann+<ann>]", sync.ToString());
    }

    [Fact]
    public async Task Model_variables_shadow_render_globals_which_shadow_environment_globals()
    {
        var env = Env(new() { ["t"] = "{{ a }} {{ b }} {{ c }}" }, new() { ["b"] = "env-b", ["c"] = "env-c" });
        var writer = new StringWriter();
        await env.GetTemplate("t").RenderAsync(writer, new Dictionary<string, object?> { ["a"] = "model-a" },
            new Dictionary<string, object?> { ["a"] = "render-a", ["b"] = "render-b" });
        Assert.Equal("model-a render-b env-c", writer.ToString());
    }

    [Fact]
    public async Task Render_globals_do_not_leak_into_the_next_render_on_the_thread()
    {
        var env = Env(new() { ["t"] = "{{ who is defined }}" });
        var t = env.GetTemplate("t");
        var first = new StringWriter();
        t.Render(first, null, new Dictionary<string, object?> { ["who"] = 1 }, CancellationToken.None);
        Assert.Equal("True", first.ToString());
        Assert.Equal("False", t.Render());
        var later = new StringWriter();
        await t.RenderAsync(later);
        Assert.Equal("False", later.ToString());
    }

    /// <summary>Counts the writes and remembers how much had arrived when the render's data source was half read.</summary>
    private sealed class RecordingWriter : StringWriter
    {
        public int Writes;
        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteAsync(buffer, cancellationToken);
        }
    }

    [Fact]
    public async Task RenderAsync_sends_a_long_page_in_chunks_without_flush_and_the_chunks_join_to_the_page()
    {
        var env = Env(new() { ["t"] = "{% for i in range(5000) %}<li>{{ i }} {{ 'x' * 20 }}</li>{% endfor %}" });
        var writer = new RecordingWriter();
        await env.GetTemplate("t").RenderAsync(writer);
        Assert.Equal(env.GetTemplate("t").Render(), writer.ToString());
        Assert.True(writer.Writes >= 5, $"a ~170K-character page went out in {writer.Writes} writes");
    }

    [Fact]
    public async Task RenderAsync_writes_the_first_chunk_before_a_slow_data_source_is_finished()
    {
        var env = Env(new() { ["t"] = "{% for row in rows %}{{ row }}{% endfor %}" });
        var firstWrite = new TaskCompletionSource();
        var writer = new SignallingWriter(firstWrite);
        var rowsDone = false;
        IEnumerable<string> Rows()
        {
            for (var i = 0; i < 40; i++) yield return new string('r', 1000);
            // The rest waits until the first chunk has reached the writer: the render would hang if it did not stream.
            if (!firstWrite.Task.Wait(TimeSpan.FromSeconds(30))) throw new TimeoutException("no chunk was written while rows were pending");
            for (var i = 0; i < 10; i++) yield return "s";
            rowsDone = true;
        }
        await env.GetTemplate("t").RenderAsync(writer, new Dictionary<string, object?> { ["rows"] = Rows() });
        Assert.True(rowsDone);
        Assert.Equal(new string('r', 40_000) + "ssssssssss", writer.ToString());
    }

    private sealed class SignallingWriter(TaskCompletionSource first) : StringWriter
    {
        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        {
            first.TrySetResult();
            return base.WriteAsync(buffer, cancellationToken);
        }
    }

    [Fact]
    public async Task A_stack_after_a_long_prefix_still_gets_every_push()
    {
        var env = Env(new()
        {
            ["t"] = "{{ 'p' * 40000 }}<head>{% stack 'css' %}</head>{{ 'q' * 40000 }}{% push 'css' %}late.css{% endpush %}",
        });
        var writer = new StringWriter();
        await env.GetTemplate("t").RenderAsync(writer);
        Assert.Equal(env.GetTemplate("t").Render(), writer.ToString());
        Assert.Contains("<head>late.css</head>", writer.ToString());
    }
}
