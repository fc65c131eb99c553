using System.Runtime.CompilerServices;
using Kida.Runtime;
using Kida.Runtime.Values;
using Kida.Syntax.Statements;

namespace Kida.Compilation.Tiering;

/// <summary>
/// The state of one compiled <c>for</c> loop over a list, in a local of the generated method, and the loop machinery
/// as three calls (start, enter an iteration, end an iteration) instead of inline code: the JIT's cost for generated
/// code grows with its size, and a loop's machinery inline was most of a small loop's IL. Each step does what
/// <see cref="ForStatement.RenderLoop"/> does at the same point.
/// </summary>
internal struct TierLoop
{
    private IReadOnlyList<object?> _items;
    private LoopContext? _loop;
    private int _index;
    private bool _normalize;

    /// <summary>
    /// Starts a loop over <paramref name="source"/>: 1 when there are items to run, 0 when there are none (the
    /// <c>else</c> branch runs), -1 when the compiled loop does not handle the iterable (<see cref="ForStatement.RenderLoop"/>
    /// runs the whole loop). With a <c>loop</c> variable the interpreter materialises any iterable (<c>PyOps.ToList</c>),
    /// and so does this (an array of self-normalising references is used in place: <see cref="TierRuntime.LoopItems"/>); without one, a <c>List&lt;object?&gt;</c> and an array of references run by index (the
    /// interpreter streams other iterables, which stay with it).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Start(ref TierLoop state, RenderContext ctx, object? source, bool withLoop)
    {
        state._index = 0;
        state._normalize = false;
        if (withLoop)
        {
            var items = TierRuntime.LoopItems(source);   // a typed model's array in place, as the interpreter's copy would read
            if (items.Count == 0) return 0;
            state._items = items;
            state._loop = new LoopContext(items, 0, null) { Behavior = ctx.Behavior };
            return 1;
        }
        if (source is List<object?> list) state._items = list;
        else if (TierRuntime.AsPlainArray(source) is { } array)
        {
            state._items = array;
            state._normalize = true;
        }
        else return -1;
        return state._items.Count == 0 ? 0 : 1;
    }

    /// <summary>The loop of <paramref name="loop"/> (a <see cref="ForStatement"/>) over an iterable <see cref="Start"/> left to the interpreter.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void RunInterpreted(object loop, RenderContext ctx, object? source) => Unsafe.As<ForStatement>(loop).RenderLoop(ctx, source, 0);

    /// <summary>
    /// Enters the current iteration: the body's locals unassigned (<paramref name="resetCount"/> slots from
    /// <paramref name="resetStart"/>), the item in the target's slot, the <c>loop</c> object's position set and in its slot.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Enter(ref TierLoop state, object?[] slots, int targetSlot, int loopSlot, int resetStart, int resetCount)
    {
        if (resetCount > 0) Array.Fill(slots, Frame.Unset, resetStart, resetCount);
        var item = state._items[state._index];
        slots[targetSlot] = state._normalize ? ClrInterop.Normalize(item) : item;
        if (state._loop is { } loop)
        {
            loop.Index0 = state._index;
            slots[loopSlot] = loop;
        }
    }

    /// <summary>
    /// Ends an iteration: clears a <c>break</c>/<c>continue</c>, checks cancellation, and says whether another
    /// iteration follows (the count is read again, as the interpreter's loops over lists do).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool Next(ref TierLoop state, RenderContext ctx)
    {
        if (ctx.Control != LoopControl.None)
        {
            var brk = ctx.Control == LoopControl.Break;
            ctx.Control = LoopControl.None;
            if (brk) return false;
        }
        ctx.Cancellation.ThrowIfCancellationRequested();
        return ++state._index < state._items.Count;
    }
}
