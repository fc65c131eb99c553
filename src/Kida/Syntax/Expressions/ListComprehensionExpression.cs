using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;
using Kida.Syntax.Statements;

namespace Kida.Syntax.Expressions;

/// <summary>Kida's <c>[f(x) for x in xs if c]</c>: one <c>for</c>, at most one <c>if</c>; the loop names stay inside.</summary>
internal sealed class ListComprehensionExpression(Expression element, AssignTarget target, Expression iterable, Expression? condition, SourceSpan span) : Expression(span)
{
    internal Expression Element => element;
    internal AssignTarget Target => target;
    internal Expression Iterable => iterable;
    internal Expression? Condition => condition;

    private int _start;
    private int _end;

    internal override IEnumerable<Expression> Children => condition is null ? [element, iterable] : [element, iterable, condition];

    public override object? Eval(RenderContext ctx)
    {
        var source = iterable.Eval(ctx);
        var slots = ctx.Frame.Slots;
        var saved = _end > _start ? slots[_start.._end] : null;
        var result = new List<object?>();
        try
        {
            foreach (var item in PyOps.Iterate(source))
            {
                target.Assign(ctx, item);
                if (condition is not null && !PyOps.IsTrue(condition.Eval(ctx))) continue;
                result.Add(element.Eval(ctx));
            }
        }
        finally
        {
            saved?.CopyTo(slots, _start);
        }
        return result;
    }

    internal override void Bind(Binder binder)
    {
        iterable.Bind(binder);
        binder.PushScope();
        _start = binder.NextSlot;
        foreach (var n in target.Names) binder.Declare(n);
        target.Bind(binder);
        condition?.Bind(binder);
        element.Bind(binder);
        _end = binder.NextSlot;
        binder.PopScope();
    }
}
