using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;
using Kida.Syntax.Expressions;

namespace Kida.Syntax.Statements;

/// <summary><c>{% extends "base.html" %}</c>: the rest of the template only defines blocks and variables.</summary>
internal sealed class ExtendsStatement(Expression parent, SourceSpan span) : Statement(span)
{
    private readonly TemplateNameSite _site = new(parent);

    public Expression Parent { get; } = parent;

    public override void Render(RenderContext ctx)
    {
        if (ctx.PendingParent is not null) throw new TemplateRuntimeException("extended multiple times");
        var parent = _site.Resolve(ctx);
        // Checked here, not by the caller, so the error points at this tag.
        // The chain so far is the templates already extended, or just this one (not made into a list for the check).
        var chain = ctx.ExtendsChain;
        if (chain is null ? ReferenceEquals(parent, ctx.Template) : chain.Contains(parent))
        {
            IEnumerable<Template> names = chain ?? [ctx.Template];
            throw new TemplateRuntimeException(ErrorCode.DepthExceeded,
                $"template '{parent.Name}' extends itself (chain: {string.Join(" -> ", names.Select(t => t.Name).Append(parent.Name))})");
        }
        if ((chain?.Count ?? 1) > ctx.Environment.Options.MaxExtendsDepth)
            throw new TemplateRuntimeException(ErrorCode.DepthExceeded,
                $"extends chain is more than {ctx.Environment.Options.MaxExtendsDepth} templates long");
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
internal sealed class IncludeStatement(Expression name, bool ignoreMissing, bool withContext, SourceSpan span) : Statement(span)
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

        // The included template gets a copy of the includer's variables (with context) and a block table of its own.
        // Both are made only when there is something to copy or a block to register: a partial that only prints
        // variables (the common case) costs no dictionary.
        Dictionary<string, object?>? vars = null;
        if (withContext)
        {
            if (ctx.VarsIfAny is { Count: > 0 } outer) vars = new Dictionary<string, object?>(outer, StringComparer.Ordinal);
            foreach (var (n, read) in _locals)
            {
                var v = read.Eval(ctx);
                if (v is not Undefined) (vars ??= new Dictionary<string, object?>(StringComparer.Ordinal))[n] = v;
            }
        }

        var saved = (ctx.VarsIfAny, ctx.Root, ctx.BlocksIfAny, ctx.BlockChain, ctx.BlockIndex);
        ctx.VarsIfAny = vars;
        if (!withContext) ctx.Root = VariableSource.Empty;
        ctx.BlocksIfAny = null;
        ctx.IncludeDepth++;
        try
        {
            TemplateRendering.RenderRoot(ctx, template);
            vars = ctx.VarsIfAny;   // made during the include if it assigned anything
        }
        finally
        {
            ctx.IncludeDepth--;
            (ctx.VarsIfAny, ctx.Root, ctx.BlocksIfAny, ctx.BlockChain, ctx.BlockIndex) = saved;
        }
        // The Kida dialect: defs an included template defines become visible to the includer (Kida shares one
        // context); its lets do not leak (LANGUAGE.md §10.4).
        if (ctx.KidaDialect && vars is not null)
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
internal sealed class ImportStatement(Expression name, NameTarget alias, bool withContext, SourceSpan span) : Statement(span)
{
    internal NameTarget Alias => alias;

    private readonly TemplateNameSite _site = new(name);

    public Expression NameExpression { get; } = name;

    public string AliasName => alias.Name;

    public override void Render(RenderContext ctx) =>
        alias.Assign(ctx, TemplateRendering.ImportModule(ctx, _site.Resolve(ctx), withContext, _locals));

    private (string Name, NameExpression Read)[] _locals = [];

    internal override void Bind(Binder binder)
    {
        NameExpression.Bind(binder);
        if (withContext) _locals = binder.VisibleLocals().Where(l => l.Name != "loop").ToArray();
        alias.Bind(binder);
    }
}

/// <summary><c>{% from "forms.html" import input, label as lbl %}</c>.</summary>
internal sealed class FromImportStatement(Expression name, (string Name, NameTarget Alias)[] names, bool withContext, SourceSpan span) : Statement(span)
{
    internal (string Name, NameTarget Alias)[] Names => names;

    private readonly TemplateNameSite _site = new(name);

    public Expression NameExpression { get; } = name;

    public IEnumerable<string> AliasNames => names.Select(n => n.Alias.Name);

    public override void Render(RenderContext ctx)
    {
        var template = _site.Resolve(ctx);
        var module = TemplateRendering.ImportModule(ctx, template, withContext, _locals);
        foreach (var (n, alias) in names)
        {
            if (module.TryExport(n, out var value)) alias.Assign(ctx, value);
            else alias.Assign(ctx, ctx.MakeUndefined(n, module, UndefinedKind.AttributeOrKey,
                $"the template {PyFormat.Repr(template.Name ?? "<string>")} (imported on line {Span.Line}) does not export the requested name {PyFormat.Repr(n)}"));
        }
    }

    private (string Name, NameExpression Read)[] _locals = [];

    internal override void Bind(Binder binder)
    {
        NameExpression.Bind(binder);
        if (withContext) _locals = binder.VisibleLocals().Where(l => l.Name != "loop").ToArray();
        foreach (var (_, alias) in names) alias.Bind(binder);
    }
}
