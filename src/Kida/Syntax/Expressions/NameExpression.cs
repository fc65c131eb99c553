using System.Runtime.CompilerServices;
using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;

namespace Kida.Syntax.Expressions;

/// <summary>
/// A variable read. Bound to a frame slot (<see cref="Depth"/> frames up) when the name is a local, otherwise
/// looked up at render time in template variables, render arguments and globals.
/// </summary>
internal sealed class NameExpression(string name, SourceSpan span) : Expression(span)
{
    public string Name { get; } = name;

    internal int Slot = -1;
    internal int Depth;

    /// <summary>How to read the name when the slot has not been assigned yet in this scope.</summary>
    internal NameExpression? Fallback;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override object? Eval(RenderContext ctx)
    {
        if (Slot < 0) return ctx.Lookup(Name);
        var frame = ctx.Frame;
        for (var d = Depth; d > 0; d--) frame = frame.Parent!;
        var v = frame.Slots[Slot];
        if (!ReferenceEquals(v, Frame.Unset)) return v;
        return Fallback is null ? ctx.Lookup(Name) : Fallback.Eval(ctx);
    }


    internal override void Bind(Binder binder) => binder.BindRead(this);
}
