using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Syntax.Expressions;

namespace Kida.Syntax.Statements;

/// <summary>
/// Kida's <c>{% capture x [| filters] %}…{% end %}</c>: stores the rendered body in template-scope <c>x</c>, as a safe
/// string under autoescape (not escaped again on output), after applying the filters (§10.2: Kida 0.12 loses both).
/// </summary>
internal sealed class CaptureStatement(NameTarget target, FilterExpression[] filters, StatementList body, SourceSpan span) : Statement(span)
{
    internal FilterExpression[] Filters => filters;
    internal StatementList Body => body;

    public NameTarget Target { get; } = target;

    internal override IEnumerable<Statement> ChildStatements => [body];

    public override void Render(RenderContext ctx)
    {
        var value = ctx.RenderFiltered(body, filters);
        Target.Assign(ctx, value);
    }

    internal override void Bind(Binder binder)
    {
        body.Bind(binder);
        foreach (var f in filters) f.Bind(binder);
        binder.BindLetStore(Target);
    }
}
