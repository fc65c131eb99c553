using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;

namespace Kida.Syntax.Statements;

/// <summary><c>{% macro name(a, b=1) %}…{% endmacro %}</c> (also <c>{% def %}</c>): binds a callable <see cref="Macro"/>.</summary>
internal sealed class MacroStatement(NameTarget target, MacroSignature signature, SourceSpan span) : Statement(span)
{
    internal NameTarget Target => target;

    public string Name => Signature.Name;

    public MacroSignature Signature { get; } = signature;

    internal override IEnumerable<Statement> ChildStatements => [Signature.Body];

    public override void Render(RenderContext ctx) => target.Assign(ctx, new Macro(Signature, ctx, ctx.Frame));

    internal override void Bind(Binder binder)
    {
        target.Bind(binder);
        binder.BindMacro(Signature);
        if (Signature.IsRegion && binder.IsAtTemplateTop) binder.Regions.Add(this);
    }
}

/// <summary><c>{% call(args) macro(…) %}body{% endcall %}</c>: calls the macro with the body as <c>caller</c>.</summary>
internal sealed class CallBlockStatement(Expressions.CallExpression call, MacroSignature caller, SourceSpan span) : Statement(span)
{
    internal Expressions.CallExpression Call => call;
    internal MacroSignature Caller => caller;

    /// <summary>Kida's named slots supplied by <c>{% slot name %}…{% end %}</c> in the call body.</summary>
    public IReadOnlyList<MacroSignature> NamedSlots { get; init; } = [];

    internal override IEnumerable<Statement> ChildStatements => [caller.Body, .. NamedSlots.Select(s => s.Body)];

    public override void Render(RenderContext ctx)
    {
        object callerMacro = new Macro(caller, ctx, ctx.Frame);
        if (NamedSlots.Count > 0 || ctx.KidaDialect)
        {
            var slots = new Dictionary<string, Macro>(StringComparer.Ordinal);
            foreach (var s in NamedSlots) slots[s.Name] = new Macro(s, ctx, ctx.Frame);
            callerMacro = new CallerSlots((Macro)callerMacro, slots);
        }
        var callee = call.Callee.Eval(ctx);
        var args = call.Arguments.Evaluate(ctx);
        var named = new KeyValuePair<string, object?>[args.Named.Count + 1];
        for (var i = 0; i < args.Named.Count; i++) named[i] = args.Named[i];
        named[^1] = new("caller", callerMacro);
        var result = Expressions.CallExpression.Invoke(ctx, callee, new CallArguments(args.Positional as object?[] ?? [.. args.Positional], named, ctx));
        ctx.Output.WriteValue(result, ctx.Autoescape);
    }

    internal override void Bind(Binder binder)
    {
        call.Bind(binder);
        binder.BindMacro(caller);
        foreach (var s in NamedSlots) binder.BindMacro(s);
    }
}
