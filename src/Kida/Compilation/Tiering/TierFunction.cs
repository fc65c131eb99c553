using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Syntax.Statements;

namespace Kida.Compilation.Tiering;

/// <summary>
/// One compiled function (a template's top level or a block body): an entry of the delegate one compile produced
/// (<see cref="TemplateJit.Compile"/>), and the errors it raises located as the interpreter locates them.
/// </summary>
/// <remarks>
/// The generated code has no exception handling of its own (exception regions are among the costliest things for the
/// JIT to compile): each statement stores its index in the compile's statement table in
/// <see cref="RenderContext.TierStatement"/> before it runs, and <see cref="Run"/> has the filter the interpreter's
/// innermost <see cref="StatementList"/> would have, with that statement's span. The index is saved and restored
/// around the call, so after a nested compiled function returns the caller's statement is current again; an error
/// from inside the nested one was already located by the nested one's filter (the first location is kept).
/// </remarks>
internal sealed class TierFunction(Action<RenderContext, int> code, int entry, SourceSpan[] spans)
{
    private readonly Action<RenderContext, int> _code = code;
    private readonly int _entry = entry;
    private readonly SourceSpan[] _spans = spans;

    /// <summary>Runs the function on <paramref name="ctx"/>'s current frame.</summary>
    public void Run(RenderContext ctx)
    {
        var saved = ctx.TierStatement;
        try
        {
            _code(ctx, _entry);
        }
        catch (Exception e) when (ErrorLocator.Annotate(e, ctx, Span(ctx)))
        {
            throw ErrorLocator.Wrap(e, ctx, Span(ctx));
        }
        finally
        {
            ctx.TierStatement = saved;
        }
    }

    private SourceSpan Span(RenderContext ctx)
    {
        var i = ctx.TierStatement;
        return (uint)i < (uint)_spans.Length ? _spans[i] : SourceSpan.None;
    }
}
