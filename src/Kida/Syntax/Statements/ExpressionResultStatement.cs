using Kida.Compilation;
using Kida.Runtime;

namespace Kida.Syntax.Statements;

/// <summary>The body of a compiled standalone expression: evaluates it and hands the value to the native collector.</summary>
internal sealed class ExpressionResultStatement(Expression expression) : Statement(expression.Span)
{
    public Expression Expression { get; } = expression;

    public override void Render(RenderContext ctx) => ctx.Native!.Add(Expression.Eval(ctx));

    internal override void Bind(Binder binder) => Expression.Bind(binder);
}
