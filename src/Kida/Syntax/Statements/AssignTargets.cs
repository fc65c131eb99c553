using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Syntax.Statements;

/// <summary>The left side of <c>set</c>, <c>for</c>, <c>with</c>, <c>import … as</c>.</summary>
internal abstract class AssignTarget(SourceSpan span) : Node(span)
{
    public abstract void Assign(RenderContext ctx, object? value);

    /// <summary>The variable names this target binds.</summary>
    public abstract IEnumerable<string> Names { get; }
}

/// <summary>A plain name: a frame slot, or a template variable when assigned at template top level.</summary>
internal sealed class NameTarget(string name, SourceSpan span) : AssignTarget(span)
{
    public string Name { get; } = name;

    internal int Slot = -1;

    public override IEnumerable<string> Names => [Name];

    public override void Assign(RenderContext ctx, object? value)
    {
        if (Slot >= 0) ctx.Frame.Slots[Slot] = value;
        else ctx.Vars[Name] = value;
    }

    internal override void Bind(Binder binder) => binder.BindStore(this);
}

/// <summary><c>a, b</c>: unpacks a sequence of exactly that length.</summary>
internal sealed class TupleTarget(AssignTarget[] items, SourceSpan span) : AssignTarget(span)
{
    public IReadOnlyList<AssignTarget> Items { get; } = items;

    public override IEnumerable<string> Names => Items.SelectMany(i => i.Names);

    public override void Assign(RenderContext ctx, object? value)
    {
        IReadOnlyList<object?> values = value switch
        {
            PyTuple t => t,
            List<object?> l => l,
            _ when PyOps.IsIterable(value) => PyOps.ToList(value),
            _ => throw new TemplateRuntimeException($"cannot unpack non-iterable {PyFormat.TypeName(value)} object"),
        };
        if (values.Count != items.Length)
        {
            throw new TemplateRuntimeException(values.Count < items.Length
                ? $"not enough values to unpack (expected {items.Length}, got {values.Count})"
                : $"too many values to unpack (expected {items.Length})");
        }
        for (var i = 0; i < items.Length; i++) items[i].Assign(ctx, values[i]);
    }

    internal override void Bind(Binder binder)
    {
        foreach (var i in items) i.Bind(binder);
    }
}

/// <summary><c>ns.attr</c>: assigning an attribute of a <c>namespace()</c> object.</summary>
internal sealed class AttributeTarget(Expression target, string attribute, SourceSpan span) : AssignTarget(span)
{
    internal Expression Target => target;

    public override IEnumerable<string> Names => [];

    public override void Assign(RenderContext ctx, object? value)
    {
        var obj = target.Eval(ctx);
        if (obj is IPyMutableAttributes m) m.SetAttribute(attribute, value);
        else throw new TemplateRuntimeException("cannot assign attribute on non-namespace object");
    }

    internal override void Bind(Binder binder) => target.Bind(binder);
}
