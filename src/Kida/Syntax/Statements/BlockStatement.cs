using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;

namespace Kida.Syntax.Statements;

/// <summary>
/// <c>{% block name %}…{% endblock %}</c>. Renders the most derived override in the inheritance chain;
/// <c>super()</c> inside it renders the next one up.
/// </summary>
internal sealed class BlockStatement(string name, StatementList body, bool scoped, bool required, SourceSpan span) : Statement(span)
{
    public string Name { get; } = name;
    public StatementList Body { get; } = body;
    public bool Scoped { get; } = scoped;
    public bool Required { get; } = required;

    /// <summary>Kida's <c>{% fragment %}</c>: a block that full renders skip; only <c>Template.RenderBlock</c> renders it.</summary>
    public bool IsFragment { get; init; }

    /// <summary>Kida's block guard (<c>{% block name if cond %}</c>): when false the block renders nothing in place.</summary>
    public Expression? Guard { get; init; }

    /// <summary>Kida's literal block metadata (<c>{% block chart enhanced="sse" %}</c>).</summary>
    public IReadOnlyDictionary<string, object?> Metadata { get; init; } = new Dictionary<string, object?>();

    internal int SlotCount;

    /// <summary>This block's position in its template's block table, where the compiled tier keeps its compiled body; -1 when not registered.</summary>
    internal int TierIndex = -1;

    // For "scoped" blocks: the locals at the block's position (e.g. the loop variable), passed to every override.
    private (string Name, Syntax.Expressions.NameExpression Read)[] _scopedLocals = [];

    internal override IEnumerable<Statement> ChildStatements => [Body];

    public override void Render(RenderContext ctx)
    {
        if (ctx.PendingParent is not null) return; // a child template's blocks only render through its parent
        if (IsFragment) return;
        if (Guard is not null && !Runtime.Values.PyOps.IsTrue(Guard.Eval(ctx))) return;
        var chain = ctx.TryGetBlockChain(Name, out var found) ? found : [new BlockDefinition(ctx.Template, this)];
        if (_scopedLocals.Length == 0)
        {
            RenderChain(ctx, chain, 0);
            return;
        }
        var saved = ctx.Vars;
        var vars = new Dictionary<string, object?>(saved, StringComparer.Ordinal);
        foreach (var (n, read) in _scopedLocals)
        {
            var v = read.Eval(ctx);
            if (v is not Runtime.Values.Undefined) vars[n] = v;
        }
        ctx.Vars = vars;
        try { RenderChain(ctx, chain, 0); }
        finally { ctx.Vars = saved; }
    }

    internal static void RenderChain(RenderContext ctx, List<BlockDefinition> chain, int index)
    {
        var def = chain[index];
        if (def.Block.Required && index == chain.Count - 1 && def.Block.IsEmpty)
            throw new TemplateRuntimeException($"required block '{def.Block.Name}' was not overridden");
        var saved = (ctx.Frame, ctx.Template, ctx.Autoescape, ctx.BlockChain, ctx.BlockIndex);
        ctx.Frame = Frame.For(def.Block.SlotCount, null);
        ctx.Template = def.Owner;
        ctx.Autoescape = def.Owner.Autoescape;
        ctx.BlockChain = chain;
        ctx.BlockIndex = index;
        try { def.Owner.RenderBlockBody(def.Block, ctx); }
        finally { (ctx.Frame, ctx.Template, ctx.Autoescape, ctx.BlockChain, ctx.BlockIndex) = saved; }
    }

    private bool IsEmpty => Body.Items.All(s => s is TextStatement t && string.IsNullOrWhiteSpace(t.Text));

    internal override void Bind(Binder binder)
    {
        if (Scoped) _scopedLocals = binder.VisibleLocals();
        Guard?.Bind(binder);
        binder.BindBlock(this);
    }
}
