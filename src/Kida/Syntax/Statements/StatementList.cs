using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;

namespace Kida.Syntax.Statements;

/// <summary>A sequence of statements. Errors raised inside get the location of the statement that failed.</summary>
internal sealed class StatementList(Statement[] items, SourceSpan span) : Statement(span)
{
    public static readonly StatementList Empty = new([], SourceSpan.None);

    public Statement[] Items { get; } = items;

    internal override IEnumerable<Statement> ChildStatements => Items;

    public override void Render(RenderContext ctx)
    {
        var items = Items;
        var i = 0;
        try
        {
            for (; i < items.Length; i++)
            {
                items[i].Render(ctx);
                if (ctx.Control != LoopControl.None) return;
            }
        }
        catch (Exception e) when (ErrorLocator.Annotate(e, ctx, items[i].Span))
        {
            throw ErrorLocator.Wrap(e, ctx, items[i].Span);
        }
    }

    internal override void Bind(Binder binder)
    {
        foreach (var s in Items) s.Bind(binder);
    }
}

/// <summary>Attaches template name, line and column to errors as they leave a statement.</summary>
internal static class ErrorLocator
{
    /// <summary>
    /// Runs as an exception filter, before the stack unwinds, so the context still describes the innermost
    /// template. Returns true only for foreign exceptions, which are wrapped into a template error.
    /// </summary>
    public static bool Annotate(Exception e, RenderContext ctx, SourceSpan span)
    {
        if (e is TemplateException te)
        {
            te.Locate(ctx.Template?.Name, span, ctx.Template?.Source);
            return false;
        }
        return e is not OperationCanceledException and not OutOfMemoryException;
    }

    public static TemplateException Wrap(Exception e, RenderContext ctx, SourceSpan span)
    {
        var message = e is InsufficientExecutionStackException
            ? "template nesting is too deep to render"
            : $"{e.GetType().Name}: {e.Message}";
        var wrapped = new TemplateRuntimeException(message, e);
        wrapped.Locate(ctx.Template?.Name, span, ctx.Template?.Source);
        return wrapped;
    }
}
