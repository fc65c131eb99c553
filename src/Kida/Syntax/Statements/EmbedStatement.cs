using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Syntax.Statements;

/// <summary>
/// Kida's <c>{% embed "card.html" [with|without context] %}{% block title %}…{% end %}{% end %}</c>: includes a template
/// with some of its blocks overridden.
/// </summary>
internal sealed class EmbedStatement(Expression name, bool withContext, BlockStatement[] overrides, SourceSpan span) : Statement(span)
{
    internal Expression NameExpression => name;
    internal BlockStatement[] Overrides => overrides;

    private readonly TemplateNameSite _site = new(name);

    internal override IEnumerable<Statement> ChildStatements => overrides;

    public override void Render(RenderContext ctx)
    {
        if (ctx.PendingParent is not null) return;
        var template = _site.Resolve(ctx);
        if (ctx.IncludeDepth >= ctx.Environment.Options.MaxIncludeDepth)
            throw new TemplateRuntimeException(ErrorCode.DepthExceeded,
                $"includes nested more than {ctx.Environment.Options.MaxIncludeDepth} deep (does '{template.Name}' embed itself?)");
        var saved = (ctx.Vars, ctx.Root, ctx.Blocks, ctx.BlockChain, ctx.BlockIndex);
        ctx.Vars = withContext ? new Dictionary<string, object?>(ctx.Vars, StringComparer.Ordinal) : new Dictionary<string, object?>(StringComparer.Ordinal);
        if (!withContext) ctx.Root = VariableSource.Empty;
        var blocks = new Dictionary<string, List<BlockDefinition>>(StringComparer.Ordinal);
        foreach (var b in overrides) blocks[b.Name] = [new BlockDefinition(ctx.Template, b)];
        ctx.Blocks = blocks;
        ctx.IncludeDepth++;
        try { TemplateRendering.RenderRoot(ctx, template); }
        finally
        {
            ctx.IncludeDepth--;
            (ctx.Vars, ctx.Root, ctx.Blocks, ctx.BlockChain, ctx.BlockIndex) = saved;
        }
    }

    internal override void Bind(Binder binder)
    {
        name.Bind(binder);
        foreach (var b in overrides) binder.BindBlock(b, register: false);
    }
}
