using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Syntax.Statements;

/// <summary>Kida's <c>{% while cond %}…{% end %}</c>, with <c>break</c> and <c>continue</c>; no iteration cap.</summary>
internal sealed class WhileStatement(Expression condition, StatementList body, SourceSpan span) : Statement(span)
{
    internal Expression Condition => condition;
    internal StatementList Body => body;

    internal override IEnumerable<Statement> ChildStatements => [body];

    public override void Render(RenderContext ctx)
    {
        while (PyOps.IsTrue(condition.Eval(ctx)))
        {
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

    internal override void Bind(Binder binder)
    {
        condition.Bind(binder);
        body.Bind(binder);
    }
}
