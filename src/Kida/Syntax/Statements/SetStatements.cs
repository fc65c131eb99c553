using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Syntax.Expressions;

namespace Kida.Syntax.Statements;

/// <summary><c>{% set target = value %}</c>.</summary>
internal sealed class SetStatement(AssignTarget target, Expression value, SourceSpan span) : Statement(span)
{
    internal Expression Value => value;

    public AssignTarget Target { get; } = target;

    public override void Render(RenderContext ctx) => Target.Assign(ctx, value.Eval(ctx));

    internal override void Bind(Binder binder)
    {
        value.Bind(binder);
        Target.Bind(binder);
    }
}

/// <summary><c>{% set x | filters %}…{% endset %}</c>: captures the rendered body (safe under autoescape).</summary>
internal sealed class SetBlockStatement(AssignTarget target, FilterExpression[] filters, StatementList body, SourceSpan span) : Statement(span)
{
    internal FilterExpression[] Filters => filters;
    internal StatementList Body => body;

    public AssignTarget Target { get; } = target;

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
        Target.Bind(binder);
    }
}

/// <summary><c>{% with a = 1, b = 2 %}…{% endwith %}</c>: the names exist only inside.</summary>
internal sealed class WithStatement(AssignTarget[] targets, Expression[] values, StatementList body, SourceSpan span) : Statement(span)
{
    internal AssignTarget[] Targets => targets;
    internal Expression[] Values => values;
    internal StatementList Body => body;

    internal int ScopeStart;
    internal int ScopeEnd;

    internal override IEnumerable<Statement> ChildStatements => [body];

    public override void Render(RenderContext ctx)
    {
        var evaluated = new object?[values.Length];
        for (var i = 0; i < values.Length; i++) evaluated[i] = values[i].Eval(ctx);
        Array.Fill(ctx.Frame.Slots, Frame.Unset, ScopeStart, ScopeEnd - ScopeStart);
        for (var i = 0; i < targets.Length; i++) targets[i].Assign(ctx, evaluated[i]);
        body.Render(ctx);
    }

    internal override void Bind(Binder binder)
    {
        foreach (var v in values) v.Bind(binder);
        (ScopeStart, ScopeEnd) = binder.BindScopedBody(targets, body);
    }
}
