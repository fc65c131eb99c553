using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;

namespace Kida.Syntax.Statements;

/// <summary>
/// A body whose <c>set</c> assignments stay inside it. The Kida dialect wraps the branches of <c>if</c>,
/// <c>unless</c> and <c>match</c> in it (Kida scopes <c>set</c> to the block; Jinja2 lets it leak out).
/// </summary>
internal sealed class ScopedBodyStatement(StatementList body, SourceSpan span) : Statement(span)
{
    private int _start;
    private int _end;

    public StatementList Body { get; } = body;

    internal override IEnumerable<Statement> ChildStatements => [Body];

    public override void Render(RenderContext ctx)
    {
        if (_end > _start) Array.Fill(ctx.Frame.Slots, Frame.Unset, _start, _end - _start);
        Body.Render(ctx);
    }

    internal override void Bind(Binder binder)
    {
        binder.PushScope();
        _start = binder.NextSlot;
        binder.DeclareAssigned(Body);
        Body.Bind(binder);
        _end = binder.NextSlot;
        binder.NoteBranchScopeEnd(Span);
        binder.PopScope();
    }
}
