using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Syntax.Statements;

/// <summary>
/// Kida's conditional <c>{% with expr [as name] %}…[{% else %}…]{% end %}</c>: binds the value (to <c>it</c> by default)
/// and renders the body only when every value is true; otherwise the else branch.
/// </summary>
internal sealed class ConditionalWithStatement(Expression[] values, AssignTarget[] targets, StatementList body, StatementList? otherwise, SourceSpan span) : Statement(span)
{
    internal Expression[] Values => values;
    internal AssignTarget[] Targets => targets;
    internal StatementList Body => body;
    internal StatementList? Otherwise => otherwise;

    private int _start;
    private int _end;

    internal override IEnumerable<Statement> ChildStatements => otherwise is null ? [body] : [body, otherwise];

    public override void Render(RenderContext ctx)
    {
        var evaluated = new object?[values.Length];
        var all = true;
        for (var i = 0; i < values.Length; i++)
        {
            evaluated[i] = values[i].Eval(ctx);
            all &= PyOps.IsTrue(evaluated[i]);
        }
        if (!all)
        {
            otherwise?.Render(ctx);
            return;
        }
        if (_end > _start) Array.Fill(ctx.Frame.Slots, Frame.Unset, _start, _end - _start);
        for (var i = 0; i < targets.Length; i++) targets[i].Assign(ctx, evaluated[i]);
        body.Render(ctx);
    }

    internal override void Bind(Binder binder)
    {
        foreach (var v in values) v.Bind(binder);
        (_start, _end) = binder.BindScopedBody(targets, body);
        otherwise?.Bind(binder);
    }
}
