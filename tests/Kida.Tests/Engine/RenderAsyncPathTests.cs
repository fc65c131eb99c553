namespace Kida.Tests.Engine;

/// <summary>
/// RenderAsync's two paths: pages known to be small render on the caller's thread and go out in one write; the first
/// render, long pages and templates that use <c>{% flush %}</c> stream from a worker. Both give the same text.
/// </summary>
public sealed class RenderAsyncPathTests
{
    private sealed class CountingWriter : StringWriter
    {
        public int Writes;
        public int Flushes;
        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteAsync(buffer, cancellationToken);
        }
        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return base.FlushAsync(cancellationToken);
        }
    }

    private static TemplateEnvironment Env(string source) =>
        new(new TemplateEnvironmentOptions { Loader = new DictLoader(new Dictionary<string, string> { ["t"] = source }) });

    [Fact]
    public async Task A_small_page_renders_the_same_on_every_render_with_one_write_and_one_flush_after_the_first()
    {
        var t = Env("{% for x in xs %}<{{ x }}>{% endfor %} {{ who }}").GetTemplate("t");
        var model = new Dictionary<string, object?> { ["xs"] = new[] { 1, 2, 3 } };
        var globals = new Dictionary<string, object?> { ["who"] = "ann" };
        for (var i = 0; i < 3; i++)
        {
            var writer = new CountingWriter();
            await t.RenderAsync(writer, model, globals);
            Assert.Equal("<1><2><3> ann", writer.ToString());
            Assert.Equal(1, writer.Writes);
            Assert.Equal(1, writer.Flushes);
        }
    }

    [Fact]
    public async Task A_template_that_flushes_keeps_streaming_its_chunks()
    {
        var t = Env("head{% flush %}body").GetTemplate("t");
        for (var i = 0; i < 3; i++)
        {
            var writer = new CountingWriter();
            await t.RenderAsync(writer);
            Assert.Equal("headbody", writer.ToString());
            Assert.Equal(2, writer.Writes);
        }
    }

    [Fact]
    public async Task A_page_that_grows_past_the_inline_limit_is_whole_and_then_streams()
    {
        var t = Env("{% for i in range(n) %}{{ 'x' * 100 }}{% endfor %}").GetTemplate("t");
        await t.RenderAsync(new StringWriter(), new Dictionary<string, object?> { ["n"] = 1 });
        await t.RenderAsync(new StringWriter(), new Dictionary<string, object?> { ["n"] = 1 });
        var grown = new CountingWriter();
        await t.RenderAsync(grown, new Dictionary<string, object?> { ["n"] = 1000 });
        Assert.Equal(new string('x', 100_000), grown.ToString());
        var next = new CountingWriter();
        await t.RenderAsync(next, new Dictionary<string, object?> { ["n"] = 1000 });
        Assert.Equal(new string('x', 100_000), next.ToString());
        Assert.True(next.Writes >= 3, $"a 100K page after a 100K page went out in {next.Writes} writes");
    }

    [Fact]
    public async Task Errors_and_cancellation_come_from_the_returned_task_on_the_inline_path()
    {
        var t = Env("{{ 1 // d }}").GetTemplate("t");
        await t.RenderAsync(new StringWriter(), new Dictionary<string, object?> { ["d"] = 1 });
        var failing = t.RenderAsync(new StringWriter(), new Dictionary<string, object?> { ["d"] = 0 });
        var error = await Assert.ThrowsAsync<TemplateRuntimeException>(async () => await failing);
        Assert.Equal(1, error.Line);

        var loop = Env("{% for i in range(10) %}{{ i }}{% endfor %}").GetTemplate("t");
        await loop.RenderAsync(new StringWriter());
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await loop.RenderAsync(new StringWriter(), (object?)null, cancelled.Token));
    }
}
