using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Syntax.Statements;

/// <summary><c>{% if %}…{% elif %}…{% else %}…{% endif %}</c>. Not a scope: a <c>set</c> inside stays visible after.</summary>
internal sealed class IfStatement(Expression[] conditions, StatementList[] bodies, StatementList? otherwise, SourceSpan span) : Statement(span)
{
    internal Expression[] Conditions => conditions;
    internal StatementList[] Bodies => bodies;
    internal StatementList? Otherwise => otherwise;

    internal override IEnumerable<Statement> ChildStatements => otherwise is null ? bodies : [.. bodies, otherwise];

    public override void Render(RenderContext ctx)
    {
        for (var i = 0; i < conditions.Length; i++)
        {
            if (PyOps.IsTrue(conditions[i].Eval(ctx)))
            {
                bodies[i].Render(ctx);
                return;
            }
        }
        otherwise?.Render(ctx);
    }

    internal override void Bind(Binder binder)
    {
        binder.ConditionalDepth++;
        var branches = binder.BeginBranches();
        for (var i = 0; i < conditions.Length; i++)
        {
            conditions[i].Bind(binder);
            bodies[i].Bind(binder);
        }
        otherwise?.Bind(binder);
        binder.EndBranches(branches);
        binder.ConditionalDepth--;
    }
}
