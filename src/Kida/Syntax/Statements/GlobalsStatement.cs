using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;

namespace Kida.Syntax.Statements;

/// <summary>
/// Kida's <c>{% globals %}…{% end %}</c> (alias <c>imports</c>): defs, lets and imports that also exist when a single
/// block renders through <c>Template.RenderBlock</c>. Its own text output is dropped.
/// </summary>
internal sealed class GlobalsStatement(StatementList body, SourceSpan span) : Statement(span)
{
    internal StatementList Body => body;

    internal override IEnumerable<Statement> ChildStatements => [body];

    public override void Render(RenderContext ctx)
    {
        var previous = ctx.BeginCapture();
        try { body.Render(ctx); }
        finally { ctx.EndCapture(previous); }
    }

    internal override void Bind(Binder binder)
    {
        body.Bind(binder);
        if (binder.IsAtTemplateTop) binder.GlobalsSetup.Add(this);
    }
}
