using Kida.Runtime;

namespace Kida.Tests.Language;

/// <summary><c>Template.RenderStream</c> is lazy: each <c>{% flush %}</c> chunk is handed over as soon as it is cut.</summary>
public class StreamingTests
{
    private static Template Compile(string source, string name, TemplateFunction function) =>
        K.Env(configure: o => o with { Globals = new Dictionary<string, object?> { [name] = function } }).FromString(source);

    [Fact]
    public void The_first_chunk_arrives_before_the_second_is_rendered()
    {
        using var gate = new ManualResetEventSlim(false);
        var passedGate = false;
        var t = Compile("a{% flush %}{{ wait() }}b", "wait", _ =>
        {
            // A safety net only: the test opens the gate long before this runs out.
            gate.Wait(TimeSpan.FromMinutes(2));
            passedGate = true;
            return "";
        });
        using var chunks = t.RenderStream().GetEnumerator();
        Assert.True(chunks.MoveNext());
        Assert.Equal("a", chunks.Current);
        Assert.False(passedGate);
        gate.Set();
        Assert.True(chunks.MoveNext());
        Assert.Equal("b", chunks.Current);
        Assert.True(passedGate);
        Assert.False(chunks.MoveNext());
    }

    [Fact]
    public void Stopping_early_cancels_the_rest_of_the_render()
    {
        var calls = 0;
        var t = Compile("{% for i in range(1000) %}{{ tick() }}{% flush %}{% end %}", "tick", _ => Interlocked.Increment(ref calls));
        Assert.Equal(["1", "2"], t.RenderStream().Take(2).ToList());
        // The render runs at most one chunk ahead of the consumer (plus the chunk being written) before it blocks.
        Assert.InRange(calls, 2, 5);
    }

    [Fact]
    public void A_render_error_surfaces_from_the_enumeration_after_the_chunks_before_it()
    {
        var t = K.Env().FromString("ok{% flush %}{{ 1 // z }}");
        using var chunks = t.RenderStream(K.Ctx(("z", 0))).GetEnumerator();
        Assert.True(chunks.MoveNext());
        Assert.Equal("ok", chunks.Current);
        Assert.ThrowsAny<TemplateException>(() => chunks.MoveNext());
    }

    [Fact]
    public void A_stack_in_a_stream_holds_the_pushes_made_before_its_chunk_was_cut()
    {
        var t = K.Env().FromString("[{% stack 's' %}]{% push 's' %}a{% end %}{% flush %}{% push 's' %}b{% end %}[{% stack 's' %}]");
        Assert.Equal(["[a]", "[ab]"], t.RenderStream().ToList());
        Assert.Equal("[ab][ab]", t.Render());
    }
}
