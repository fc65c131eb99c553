using Kida.Runtime.Output;

namespace Kida.Runtime;

/// <summary>Renders a template's body and its inheritance chain; builds modules for <c>import</c>.</summary>
internal static class TemplateRendering
{
    /// <summary>
    /// Runs a template's top level. If it extends another, the child's blocks are registered first and the parent
    /// renders next with the same variables, up the chain.
    /// </summary>
    public static void RenderRoot(RenderContext ctx, Template template)
    {
        var saved = (ctx.Frame, ctx.Template, ctx.Autoescape, ctx.PendingParent, ctx.Control, ctx.Output, ctx.ExtendsChain);
        try
        {
            ctx.PendingParent = null;
            ctx.ExtendsChain = null;
            RenderChain(ctx, template);
        }
        finally
        {
            (ctx.Frame, ctx.Template, ctx.Autoescape, ctx.PendingParent, ctx.Control, ctx.Output, ctx.ExtendsChain) = saved;
        }
    }

    /// <summary>
    /// Renders <paramref name="template"/> and then each parent its <c>extends</c> names. Leaves the context's
    /// template, frame and output as the last template left them: the top-level render calls this directly on a
    /// fresh context (nothing to restore), nested uses go through <see cref="RenderRoot"/>.
    /// </summary>
    internal static void RenderChain(RenderContext ctx, Template template)
    {
        var output = ctx.Output;
        var current = template;
        while (true)
        {
            current.RegisterBlocks(ctx);
            // Reference stores into the kept context are skipped when unchanged (each costs a GC write barrier):
            // a page without top-level variables has the shared empty frame, and the same template renders again.
            var frame = Frame.For(current.RootSlotCount, null);
            if (!ReferenceEquals(ctx.Frame, frame)) ctx.Frame = frame;
            if (!ReferenceEquals(ctx.Template, current)) ctx.Template = current;
            ctx.Autoescape = current.Autoescape;
            output.KidaQuotes = ctx.KidaDialect;
            current.RenderRootBody(ctx);
            var parent = ctx.PendingParent;
            if (parent is null) break;
            ctx.Output = output;
            ctx.PendingParent = null;
            (ctx.ExtendsChain ??= ctx.NewExtendsChain(template)).Add(parent);
            current = parent;
        }
        if (!ReferenceEquals(ctx.Output, output)) ctx.Output = output;
    }

    /// <summary>Runs a template for <c>import</c>: its output is kept aside and its top-level names exported.</summary>
    public static TemplateModule ImportModule(RenderContext ctx, Template template, bool withContext, (string Name, Syntax.Expressions.NameExpression Read)[]? locals = null)
    {
        RenderContext.EnsureStack();
        if (ctx.IncludeDepth >= ctx.Environment.Options.MaxIncludeDepth)
            throw new TemplateRuntimeException(Diagnostics.ErrorCode.DepthExceeded,
                $"imports nested more than {ctx.Environment.Options.MaxIncludeDepth} deep (does '{template.Name}' import itself?)");
        // Jinja2 gives a `with context` module the importer's variables and locals as well as the render arguments.
        Dictionary<string, object?>? seen = null;
        if (withContext && !ctx.KidaDialect)
        {
            if (ctx.VarsIfAny is { Count: > 0 } outer) seen = new Dictionary<string, object?>(outer, StringComparer.Ordinal);
            foreach (var (n, read) in locals ?? [])
            {
                var v = read.Eval(ctx);
                if (v is not Values.Undefined) (seen ??= new Dictionary<string, object?>(StringComparer.Ordinal))[n] = v;
            }
        }
        var saved = (ctx.Vars, ctx.Root, ctx.Blocks, ctx.BlockChain, ctx.BlockIndex);
        var vars = new Dictionary<string, object?>(StringComparer.Ordinal);
        ctx.Vars = vars;
        if (!withContext) ctx.Root = VariableSource.Empty;
        else if (seen is not null) ctx.Root = new LayeredVariableSource(seen, ctx.Root);
        ctx.Blocks = new Dictionary<string, List<BlockDefinition>>(StringComparer.Ordinal);
        ctx.IncludeDepth++;
        var previous = ctx.BeginCapture();
        string body;
        try
        {
            RenderRoot(ctx, template);
        }
        finally
        {
            body = ctx.EndCapture(previous);
            ctx.IncludeDepth--;
            (ctx.Vars, ctx.Root, ctx.Blocks, ctx.BlockChain, ctx.BlockIndex) = saved;
        }
        return new TemplateModule(template.Name, vars, body);
    }
}
