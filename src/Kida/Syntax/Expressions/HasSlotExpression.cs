using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Syntax.Expressions;

/// <summary><c>has_slot([name])</c> inside a def: whether the def runs under a <c>{% call %}</c> (that supplied the named slot).</summary>
internal sealed class HasSlotExpression(Arguments arguments, SourceSpan span) : Expression(span)
{
    internal Arguments Arguments => arguments;

    private NameExpression _caller = null!;

    public override object? Eval(RenderContext ctx)
    {
        var caller = _caller.Eval(ctx);
        var args = arguments.Evaluate(ctx);
        var name = args.Count > 0 ? PyFormat.Str(args.Get(0, "name")) : "default";
        return PyOps.Box(caller switch
        {
            CallerSlots slots => slots.Has(name),
            Macro => name == "default",
            _ => false,
        });
    }

    internal override void Bind(Binder binder)
    {
        _caller = new NameExpression("caller", Span);
        binder.BindCallerRead(_caller);
        arguments.Bind(binder);
    }
}
