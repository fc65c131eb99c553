using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;

namespace Kida.Syntax.Statements;

/// <summary>
/// Kida's <c>{% flush %}</c>: a chunk boundary for <c>Template.RenderStream</c> and <c>RenderAsync</c>. Inside captured
/// output (a def call, <c>try</c>, <c>capture</c>…) and in plain renders it does nothing.
/// </summary>
internal sealed class FlushStatement(SourceSpan span) : Statement(span)
{
    public override void Render(RenderContext ctx)
    {
        if (ctx.FlushHandler is null || !ReferenceEquals(ctx.Output, ctx.RootOutput)) return;
        var text = ctx.Output.TakeChunk();
        if (text.Length > 0) ctx.FlushHandler(text);
    }

    internal override void Bind(Binder binder) { }
}
