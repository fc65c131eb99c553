using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;
using Kida.Syntax.Expressions;

namespace Kida.Syntax.Statements;

/// <summary><c>{% extends "base.html" %}</c>: the rest of the template only defines blocks and variables.</summary>
public sealed class ExtendsStatement(Expression parent, SourceSpan span) : Statement(span)
{
    private readonly TemplateNameSite _site = new(parent);

    public Expression Parent { get; } = parent;

    public override void Render(RenderContext ctx)
    {
        if (ctx.PendingParent is not null) throw new TemplateRuntimeException("extended multiple times");
        var parent = _site.Resolve(ctx);
        // Checked here, not by the caller, so the error points at this tag.
        var chain = ctx.ExtendsChain ?? [ctx.Template];
        {
            if (chain.Contains(parent))
                throw new TemplateRuntimeException(ErrorCode.DepthExceeded,
                    $"template '{parent.Name}' extends itself (chain: {string.Join(" -> ", chain.Select(t => t.Name).Append(parent.Name))})");
            if (chain.Count > ctx.Environment.Options.MaxExtendsDepth)
                throw new TemplateRuntimeException(ErrorCode.DepthExceeded,
                    $"extends chain is more than {ctx.Environment.Options.MaxExtendsDepth} templates long");
        }
        ctx.PendingParent = parent;
        ctx.Output = ctx.Discard;
    }

    internal override void Bind(Binder binder)
    {
        Parent.Bind(binder);
        binder.NoteExtends(this);
    }
}

/// <summary><c>{% include name [ignore missing] [with|without context] %}</c>.</summary>
public sealed class IncludeStatement(Expression name, bool ignoreMissing, bool withContext, SourceSpan span) : Statement(span)
{
    private (string Name, NameExpression Read)[] _locals = [];
    private readonly TemplateNameSite _site = new(name);

    public Expression NameExpression { get; } = name;

    public override void Render(RenderContext ctx)
    {
        if (ctx.PendingParent is not null) return;
        Template template;
        try
        {
            template = _site.Resolve(ctx);
        }
        catch (TemplateNotFoundException) when (ignoreMissing)
        {
            return;
        }
        RenderContext.EnsureStack();
        if (ctx.IncludeDepth >= ctx.Environment.Options.MaxIncludeDepth)
            throw new TemplateRuntimeException(ErrorCode.DepthExceeded,
                $"includes nested more than {ctx.Environment.Options.MaxIncludeDepth} deep (does '{template.Name}' include itself?)");

        Dictionary<string, object?> vars;
        if (withContext)
        {
            vars = new Dictionary<string, object?>(ctx.Vars, StringComparer.Ordinal);
            foreach (var (n, read) in _locals)
            {
                var v = read.Eval(ctx);
                if (v is not Undefined) vars[n] = v;
            }
        }
        else vars = new Dictionary<string, object?>(StringComparer.Ordinal);

        var saved = (ctx.Vars, ctx.Root, ctx.Blocks, ctx.BlockChain, ctx.BlockIndex);
        ctx.Vars = vars;
        if (!withContext) ctx.Root = VariableSource.Empty;
        ctx.Blocks = new Dictionary<string, List<BlockDefinition>>(StringComparer.Ordinal);
        ctx.IncludeDepth++;
        try { TemplateRendering.RenderRoot(ctx, template); }
        finally
        {
            ctx.IncludeDepth--;
            (ctx.Vars, ctx.Root, ctx.Blocks, ctx.BlockChain, ctx.BlockIndex) = saved;
        }
        // The Kida dialect: defs an included template defines become visible to the includer (Kida shares one
        // context); its lets do not leak (LANGUAGE.md §10.4).
        if (ctx.KidaDialect)
            foreach (var kv in vars)
                if (kv.Value is Macro) ctx.Vars[kv.Key] = kv.Value;
    }

    internal override void Bind(Binder binder)
    {
        NameExpression.Bind(binder);
        // Jinja2 passes the includer's locals but not its `loop`; Kida passes `loop` too.
        if (withContext) _locals = binder.VisibleLocals().Where(l => l.Name != "loop" || binder.KidaDialect).ToArray();
        binder.NoteInclude(this);
    }
}

/// <summary><c>{% import "forms.html" as forms %}</c>.</summary>
public sealed class ImportStatement(Expression name, NameTarget alias, bool withContext, SourceSpan span) : Statement(span)
{
    private readonly TemplateNameSite _site = new(name);

    public Expression NameExpression { get; } = name;

    public string AliasName => alias.Name;

    public override void Render(RenderContext ctx) =>
        alias.Assign(ctx, TemplateRendering.ImportModule(ctx, _site.Resolve(ctx), withContext));

    internal override void Bind(Binder binder)
    {
        NameExpression.Bind(binder);
        alias.Bind(binder);
    }
}

/// <summary><c>{% from "forms.html" import input, label as lbl %}</c>.</summary>
public sealed class FromImportStatement(Expression name, (string Name, NameTarget Alias)[] names, bool withContext, SourceSpan span) : Statement(span)
{
    private readonly TemplateNameSite _site = new(name);

    public Expression NameExpression { get; } = name;

    public IEnumerable<string> AliasNames => names.Select(n => n.Alias.Name);

    public override void Render(RenderContext ctx)
    {
        var template = _site.Resolve(ctx);
        var module = TemplateRendering.ImportModule(ctx, template, withContext);
        foreach (var (n, alias) in names)
        {
            if (module.TryExport(n, out var value)) alias.Assign(ctx, value);
            else alias.Assign(ctx, new Undefined(n, module, UndefinedKind.AttributeOrKey, ctx.Strict));
        }
    }

    internal override void Bind(Binder binder)
    {
        NameExpression.Bind(binder);
        foreach (var (_, alias) in names) alias.Bind(binder);
    }
}
