using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;
using Kida.Syntax.Expressions;

namespace Kida.Syntax.Statements;

/// <summary>
/// Inside a def, <c>{% slot [name] [let:k=v, …] %}</c> (or <c>{% yield [name] %}</c>): renders what the nearest
/// def's caller supplied for that slot, passing the <c>let:</c> values up to a scoped slot. When the caller did not
/// supply it, the fallback body renders (with the <c>let:</c> names bound), or nothing.
/// </summary>
internal sealed class SlotStatement(string name, (NameTarget Name, Expression Value)[] lets, StatementList? fallback, SourceSpan span) : Statement(span)
{
    internal (NameTarget Name, Expression Value)[] Lets => lets;
    internal StatementList? Fallback => fallback;

    private NameExpression _caller = null!;
    private int _start;
    private int _end;

    public string Name { get; } = name;

    internal override IEnumerable<Statement> ChildStatements => fallback is null ? [] : [fallback];

    public override void Render(RenderContext ctx)
    {
        var values = new KeyValuePair<string, object?>[lets.Length];
        for (var i = 0; i < lets.Length; i++) values[i] = new(lets[i].Name.Name, lets[i].Value.Eval(ctx));
        var caller = _caller.Eval(ctx);
        object? result = caller switch
        {
            CallerSlots slots => slots.RenderSlot(Name, values, ctx),
            Macro m when Name == "default" => m.Call(new CallArguments([], values, ctx)),
            _ => null,
        };
        if (result is not null)
        {
            ctx.Output.WriteValue(result, ctx.Autoescape);
            return;
        }
        if (fallback is null) return;
        if (_end > _start) Array.Fill(ctx.Frame.Slots, Frame.Unset, _start, _end - _start);
        for (var i = 0; i < lets.Length; i++) lets[i].Name.Assign(ctx, values[i].Value);
        fallback.Render(ctx);
    }

    internal override void Bind(Binder binder)
    {
        _caller = new NameExpression("caller", Span);
        binder.BindCallerRead(_caller);
        foreach (var (_, value) in lets) value.Bind(binder);
        if (fallback is null) return;
        binder.PushScope();
        _start = binder.NextSlot;
        foreach (var (target, _) in lets) binder.Declare(target.Name);
        binder.DeclareAssigned(fallback);
        foreach (var (target, _) in lets) target.Bind(binder);
        fallback.Bind(binder);
        _end = binder.NextSlot;
        binder.PopScope();
    }
}
