using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Globals;
using Kida.Runtime.Values;

namespace Kida.Syntax.Expressions;

/// <summary>Kida's ranges: <c>1..5</c> (inclusive), <c>1...5</c> (exclusive), <c>0..10 by 2</c>; lazy, printing like Python's <c>range</c>.</summary>
internal sealed class RangeExpression(Expression start, Expression stop, Expression? step, bool inclusive, SourceSpan span) : Expression(span)
{
    internal Expression Start => start;
    internal Expression Stop => stop;
    internal Expression? Step => step;

    internal override IEnumerable<Expression> Children => step is null ? [start, stop] : [start, stop, step];

    public override object? Eval(RenderContext ctx)
    {
        var a = ToLong(start.Eval(ctx), "start");
        var b = ToLong(stop.Eval(ctx), "end");
        var s = step is null ? 1 : ToLong(step.Eval(ctx), "step");
        if (s == 0) throw new TemplateRuntimeException("range step must not be zero");
        if (inclusive) b += s > 0 ? 1 : -1;
        return new PyRange(a, b, s);
    }

    private static long ToLong(object? v, string what) => v switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        Undefined u => throw u.ToException(),
        _ => throw new TemplateRuntimeException($"range {what} must be an integer, not {PyFormat.TypeName(v)}"),
    };

    internal override void Bind(Binder binder)
    {
        start.Bind(binder);
        stop.Bind(binder);
        step?.Bind(binder);
    }
}
