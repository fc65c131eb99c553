using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;

namespace Kida.Syntax.Statements;

/// <summary><c>{% macro name(a, b=1) %}…{% endmacro %}</c> (also <c>{% def %}</c>): binds a callable <see cref="Macro"/>.</summary>
public sealed class MacroStatement(NameTarget target, MacroSignature signature, SourceSpan span) : Statement(span)
{
    public string Name => Signature.Name;

    public MacroSignature Signature { get; } = signature;

    internal override IEnumerable<Statement> ChildStatements => [Signature.Body];

    public override void Render(RenderContext ctx) => target.Assign(ctx, new Macro(Signature, ctx, ctx.Frame));

    internal override void Bind(Binder binder)
    {
        target.Bind(binder);
        binder.BindMacro(Signature);
    }
}

/// <summary><c>{% call(args) macro(…) %}body{% endcall %}</c>: calls the macro with the body as <c>caller</c>.</summary>
public sealed class CallBlockStatement(Expressions.CallExpression call, MacroSignature caller, SourceSpan span) : Statement(span)
{
    internal override IEnumerable<Statement> ChildStatements => [caller.Body];

    public override void Render(RenderContext ctx)
    {
        var callerMacro = new Macro(caller, ctx, ctx.Frame);
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
    }
}
