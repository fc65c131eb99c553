using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Syntax.Statements;

/// <summary>
/// <c>{% for target in iterable [if filter] [recursive] %}…[{% else %}…]{% endfor %}</c>. The inline filter
/// runs before counting (Jinja2), so <c>loop.length</c> counts only kept items. Locals set in the body start
/// fresh each iteration.
/// </summary>
internal sealed class ForStatement(AssignTarget target, Expression iterable, Expression? filter, StatementList body,
    StatementList? otherwise, bool recursive, SourceSpan span) : Statement(span)
{
    internal AssignTarget Target => target;
    internal Expression Iterable => iterable;
    internal Expression? Filter => filter;
    internal StatementList Body => body;
    internal StatementList? Otherwise => otherwise;

    internal int LoopSlot = -1;
    internal int ScopeStart;
    internal int ScopeEnd;
    internal int BodyStart;

    /// <summary>The Kida dialect tests the inline <c>if</c> inside the body: skipped items still count in <c>loop</c>.</summary>
    internal bool FilterInBody;

    internal bool Recursive => recursive;

    internal override IEnumerable<Statement> ChildStatements => otherwise is null ? [body] : [body, otherwise];

    public override void Render(RenderContext ctx) => RenderLoop(ctx, iterable.Eval(ctx), 0);

    internal void RenderLoop(RenderContext ctx, object? source, int depth0)
    {
        var frame = ctx.Frame;
        var slots = frame.Slots;
        if (LoopSlot < 0 && filter is null)
        {
            // Fast path: no loop variable needed, stream the items (lists by index: no enumerator to allocate).
            var any = false;
            if (source is List<object?> list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    any = true;
                    if (!RenderItem(ctx, slots, list[i])) break;
                }
            }
            else
            {
                foreach (var item in PyOps.Iterate(source))
                {
                    any = true;
                    if (!RenderItem(ctx, slots, item)) break;
                }
            }
            if (!any) otherwise?.Render(ctx);
            return;
        }

        IReadOnlyList<object?> items = PyOps.ToList(source);
        if (filter is not null && !FilterInBody)
        {
            var kept = new List<object?>(items.Count);
            foreach (var item in items)
            {
                target.Assign(ctx, item);
                if (PyOps.IsTrue(filter.Eval(ctx))) kept.Add(item);
            }
            items = kept;
        }
        if (items.Count == 0)
        {
            otherwise?.Render(ctx);
            return;
        }
        var loop = LoopSlot >= 0 ? new LoopContext(items, depth0, recursive ? (src, d) => Recurse(ctx, src, d) : null) { Behavior = ctx.Behavior } : null;
        for (var i = 0; i < items.Count; i++)
        {
            if (ScopeEnd > BodyStart) Array.Fill(slots, Frame.Unset, BodyStart, ScopeEnd - BodyStart);
            target.Assign(ctx, items[i]);
            if (loop is not null)
            {
                loop.Index0 = i;
                slots[LoopSlot] = loop;
            }
            if (FilterInBody && !PyOps.IsTrue(filter!.Eval(ctx))) continue;
            body.Render(ctx);
            if (ctx.Control != LoopControl.None)
            {
                var brk = ctx.Control == LoopControl.Break;
                ctx.Control = LoopControl.None;
                if (brk) break;
            }
            ctx.Cancellation.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Renders the body for one item; false when the body asked to <c>break</c>.</summary>
    private bool RenderItem(RenderContext ctx, object?[] slots, object? item)
    {
        if (ScopeEnd > BodyStart) Array.Fill(slots, Frame.Unset, BodyStart, ScopeEnd - BodyStart);
        target.Assign(ctx, item);
        body.Render(ctx);
        if (ctx.Control != LoopControl.None)
        {
            var brk = ctx.Control == LoopControl.Break;
            ctx.Control = LoopControl.None;
            if (brk) return false;
        }
        ctx.Cancellation.ThrowIfCancellationRequested();
        return true;
    }

    /// <summary><c>loop(children)</c>: renders the loop again one level deeper, keeping this level's variables intact.</summary>
    private object Recurse(RenderContext ctx, object? source, int depth0)
    {
        // Recursion is counted like macro calls: a stack overflow would kill the process, so it must never happen.
        RenderContext.EnsureStack();
        if (++ctx.CallDepth > ctx.Environment.Options.MaxCallDepth)
        {
            ctx.CallDepth--;
            throw new TemplateRuntimeException(Diagnostics.ErrorCode.DepthExceeded,
                $"recursive loop nested more than {ctx.Environment.Options.MaxCallDepth} levels deep (does the data contain a cycle?)");
        }
        var slots = ctx.Frame.Slots;
        var saved = slots[ScopeStart..ScopeEnd];
        var previous = ctx.BeginCapture();
        string text;
        try { RenderLoop(ctx, source, depth0); }
        finally
        {
            ctx.CallDepth--;
            text = ctx.EndCapture(previous);
            saved.CopyTo(slots, ScopeStart);
        }
        return ctx.MarkSafe(text);
    }

    internal override void Bind(Binder binder)
    {
        iterable.Bind(binder);
        binder.PushScope(isLoop: true);
        ScopeStart = binder.NextSlot;
        foreach (var n in target.Names) binder.Declare(n);
        var loopSlot = binder.Declare("loop");
        BodyStart = binder.NextSlot;
        binder.DeclareAssigned(body);
        target.Bind(binder);
        filter?.Bind(binder);
        body.Bind(binder);
        ScopeEnd = binder.NextSlot;
        LoopSlot = binder.WasRead(loopSlot) || recursive ? loopSlot : -1;
        FilterInBody = filter is not null && binder.KidaDialect;
        binder.PopScope();
        otherwise?.Bind(binder);
    }
}
