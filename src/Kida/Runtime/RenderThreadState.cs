using Kida.Runtime.Output;

namespace Kida.Runtime;

/// <summary>
/// What a thread keeps between synchronous renders: one cleared <see cref="RenderContext"/>, one output buffer, and
/// the sandbox policy of the render running now. A render takes the spare context and buffer and gives them back
/// when it ends, so a warm render allocates little besides its output string; a nested render (a filter that
/// renders another template) finds the slot empty and allocates its own. Nothing here is shared between threads.
/// </summary>
internal sealed class RenderThreadState
{
    [ThreadStatic] private static RenderThreadState? _current;

    private RenderContext? _spareContext;
    private OutputBuffer? _spareBuffer;

    /// <summary>The member-access policy of the render running on this thread (null outside renders).</summary>
    internal MemberAccessPolicy? Policy;

    internal static RenderThreadState Current => _current ??= new RenderThreadState();

    /// <summary>The policy of the render on this thread, without creating state for threads that never rendered.</summary>
    internal static MemberAccessPolicy? CurrentPolicy => _current?.Policy;

    internal OutputBuffer TakeBuffer(int capacity)
    {
        var buffer = _spareBuffer;
        if (buffer is null) return new OutputBuffer(capacity);
        _spareBuffer = null;
        buffer.Reuse(capacity);
        return buffer;
    }

    internal void GiveBack(OutputBuffer buffer)
    {
        if (_spareBuffer is null && buffer.WorthKeeping)
        {
            buffer.Clear();
            _spareBuffer = buffer;
        }
        else buffer.Release();
    }

    internal RenderContext TakeContext(TemplateEnvironment environment, object? model, OutputBuffer output, CancellationToken cancellation)
    {
        var ctx = _spareContext;
        if (ctx is null) return new RenderContext(environment, VariableSource.From(model), output, cancellation);
        _spareContext = null;
        ctx.Reuse(environment, model, output, cancellation);
        return ctx;
    }

    internal void GiveBack(RenderContext ctx)
    {
        ctx.Clear();
        _spareContext ??= ctx;
    }
}
