namespace Kida.Tests.Language;

/// <summary>§4.14: capture, spaceless, push/stack, flush, template declarations.</summary>
public class OutputTagTests
{
    [Fact]
    public void Capture_stores_the_body_in_template_scope() =>
        Assert.Equal("HELLO ANN|HELLO ANN", K.Render("{% if true %}{% capture g | upper %}hello {{ n }}{% end %}{% end %}{{ g }}|{{ g }}", K.Ctx(("n", "Ann"))));

    [Fact]
    public void Captured_html_is_not_escaped_twice() =>
        Assert.Equal("<b>&lt;x&gt;</b>", K.Render("{% capture c %}<b>{{ v }}</b>{% end %}{{ c }}", K.Ctx(("v", "<x>")), autoescape: true));

    [Fact]
    public void Spaceless_removes_whitespace_between_tags_and_trims() =>
        Assert.Equal("<ul><li>a b</li><li>c</li></ul>", K.Render("{% spaceless %}\n <ul>\n  <li>a b</li>\n  <li>c</li>\n </ul>\n{% end %}"));

    [Fact]
    public void Stack_collects_every_push_of_the_render_including_later_ones() =>
        Assert.Equal("<head>[a.js][b.js]</head><body></body>", K.Render(
            "<head>{% stack 'scripts' %}</head>{% push 'scripts' %}[a.js]{% end %}<body>{% def w() %}{% push 'scripts' %}[b.js]{% end %}{% end %}{{ w() }}</body>"));

    [Fact]
    public void Pushes_from_included_templates_reach_the_stack() =>
        Assert.Equal("[x]|", K.Render("{% stack 'css' %}|{% include 'p.html' %}", templates: new() { ["p.html"] = "{% push 'css' %}[x]{% end %}" }));

    [Fact]
    public void Flush_cuts_RenderStream_into_chunks_that_join_to_the_full_render()
    {
        var t = K.Env().FromString("<h1>{{ t }}</h1>{% flush %}{% for i in [1, 2] %}<p>{{ i }}</p>{% flush %}{% end %}end");
        var chunks = t.RenderStream(K.Ctx(("t", "T"))).ToList();
        Assert.Equal(["<h1>T</h1>", "<p>1</p>", "<p>2</p>", "end"], chunks);
        Assert.Equal(t.Render(K.Ctx(("t", "T"))), string.Concat(chunks));
    }

    [Fact]
    public void Flush_inside_a_def_call_does_not_cut_a_chunk()
    {
        var t = K.Env().FromString("{% def f() %}a{% flush %}b{% end %}{{ f() }}|{% flush %}c");
        Assert.Equal(["ab|", "c"], t.RenderStream().ToList());
    }

    [Fact]
    public async Task RenderAsync_writes_each_flushed_chunk_as_it_completes()
    {
        var t = K.Env().FromString("one{% flush %}two{% flush %}three");
        var writer = new RecordingWriter();
        await t.RenderAsync(writer, null, TestContext.Current.CancellationToken);
        Assert.Equal(["one", "two", "three"], writer.Writes);
    }

    [Fact]
    public async Task RenderAsync_pauses_the_render_while_the_writer_is_behind()
    {
        // Each chunk calls tick(); with the writer blocked, the render may run only a few chunks ahead.
        var ticks = 0;
        var env = K.Env();
        env.AddGlobal("tick", (TemplateFunction)(_ => Interlocked.Increment(ref ticks)));
        var source = string.Concat(Enumerable.Range(0, 50).Select(_ => "{{ tick() }}{% flush %}"));
        var t = env.FromString(source);
        var writer = new GatedWriter();
        var rendering = t.RenderAsync(writer, null, TestContext.Current.CancellationToken).AsTask();
        await writer.FirstWrite.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);   // time for a runaway render to get far ahead
        Assert.InRange(Volatile.Read(ref ticks), 1, Template.AsyncChunksAhead + 3);
        writer.Gate.SetResult();
        await rendering;
        Assert.Equal(50, ticks);
        Assert.Equal(string.Concat(Enumerable.Range(1, 50)), string.Concat(writer.Writes));
    }

    [Fact]
    public async Task RenderAsync_stops_the_render_when_the_writer_fails()
    {
        var ticks = 0;
        var env = K.Env();
        env.AddGlobal("tick", (TemplateFunction)(_ => Interlocked.Increment(ref ticks)));
        var t = env.FromString(string.Concat(Enumerable.Range(0, 1000).Select(_ => "{{ tick() }}{% flush %}")));
        await Assert.ThrowsAsync<IOException>(async () => await t.RenderAsync(new FailingWriter(), null, TestContext.Current.CancellationToken));
        Assert.InRange(Volatile.Read(ref ticks), 1, Template.AsyncChunksAhead + 3);
    }

    private sealed class GatedWriter : StringWriter
    {
        public List<string> Writes { get; } = [];
        public TaskCompletionSource FirstWrite { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(buffer.ToString());
            FirstWrite.TrySetResult();
            await Gate.Task.ConfigureAwait(false);
        }
    }

    private sealed class FailingWriter : StringWriter
    {
        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
            Task.FromException(new IOException("disk full"));
    }

    [Fact]
    public void A_template_declaration_renders_nothing() =>
        Assert.Equal("x", K.Render("{% template page: Page, n: int %}x"));

    private sealed class RecordingWriter : StringWriter
    {
        public List<string> Writes { get; } = [];

        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(buffer.ToString());
            return Task.CompletedTask;
        }
    }
}
