using System.Runtime.CompilerServices;
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

    // The kept context and buffer stay in their fields; a flag marks them taken. (Flags instead of moving the
    // references in and out keep GC write barriers off the per-render path.)
    private RenderContext? _context;
    private bool _contextTaken;
    private OutputBuffer? _buffer;
    private bool _bufferTaken;

    /// <summary>The member-access policy of the render running on this thread (null outside renders).</summary>
    internal MemberAccessPolicy? Policy { get; private set; }

    /// <summary>Sets the policy for a render starting on this thread; returns the one to restore when it ends.</summary>
    internal MemberAccessPolicy? SwapPolicy(MemberAccessPolicy? policy)
    {
        var previous = Policy;
        // Stored only when it changes: the same policy render after render is the common case, and each reference
        // store into this long-lived object costs a GC write barrier.
        if (!ReferenceEquals(previous, policy)) Policy = policy;
        return previous;
    }

    internal static RenderThreadState Current
    {
        // Inlined into every render entry; the first render on a thread takes the out-of-line path.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _current ?? CreateCurrent();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RenderThreadState CreateCurrent() => _current = new RenderThreadState();

    /// <summary>The policy of the render on this thread, without creating state for threads that never rendered.</summary>
    internal static MemberAccessPolicy? CurrentPolicy => _current?.Policy;

    internal OutputBuffer TakeBuffer(int capacity)
    {
        if (_bufferTaken || _buffer is null)
        {
            var fresh = new OutputBuffer(capacity);
            if (!_bufferTaken)
            {
                _buffer = fresh;
                _bufferTaken = true;
            }
            return fresh;
        }
        _bufferTaken = true;
        _buffer.Reuse(capacity);
        return _buffer;
    }

    internal void GiveBack(OutputBuffer buffer)
    {
        if (!ReferenceEquals(buffer, _buffer))
        {
            buffer.Release();
            return;
        }
        _bufferTaken = false;
        if (buffer.WorthKeeping) buffer.Clear();
        else
        {
            buffer.Release();
            _buffer = null;
        }
    }

    internal RenderContext TakeContext(TemplateEnvironment environment, object? model, OutputBuffer output, CancellationToken cancellation)
    {
        if (_contextTaken || _context is null)
        {
            var fresh = new RenderContext(environment, VariableSource.From(model), output, cancellation);
            if (!_contextTaken)
            {
                _context = fresh;
                _contextTaken = true;
            }
            return fresh;
        }
        _contextTaken = true;
        _context.Reuse(environment, model, output, cancellation);
        return _context;
    }

    internal void GiveBack(RenderContext ctx)
    {
        if (!ReferenceEquals(ctx, _context))
        {
            ctx.ReleaseBuffers();   // a nested render's own context: its capture buffers go back to the pool
            return;
        }
        ctx.Clear();
        _contextTaken = false;
    }
}
