using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Syntax.Expressions;

/// <summary><c>[a, b]</c>: a new list each time (lists are mutable).</summary>
internal sealed class ListExpression(Expression[] items, SourceSpan span) : Expression(span)
{
    public IReadOnlyList<Expression> Items { get; } = items;

    internal override IEnumerable<Expression> Children => Items;

    public override object? Eval(RenderContext ctx)
    {
        var list = new List<object?>(items.Length);
        foreach (var item in items) list.Add(item.Eval(ctx));
        return list;
    }

    internal override void Bind(Binder binder)
    {
        foreach (var i in items) i.Bind(binder);
    }
}

/// <summary><c>(a, b)</c>.</summary>
internal sealed class TupleExpression(Expression[] items, SourceSpan span) : Expression(span)
{
    public IReadOnlyList<Expression> Items { get; } = items;

    internal override IEnumerable<Expression> Children => Items;

    public override bool IsConstant => items.All(i => i.IsConstant);

    public override object? Eval(RenderContext ctx)
    {
        var values = new object?[items.Length];
        for (var i = 0; i < items.Length; i++) values[i] = items[i].Eval(ctx);
        return new PyTuple(values);
    }

    internal override void Bind(Binder binder)
    {
        foreach (var i in items) i.Bind(binder);
    }
}

/// <summary><c>{k: v, …}</c>: an insertion-ordered dict.</summary>
internal sealed class DictExpression(Expression[] keys, Expression[] values, SourceSpan span) : Expression(span)
{
    internal Expression[] Keys => keys;
    internal Expression[] Values => values;

    internal override IEnumerable<Expression> Children => keys.Concat(values);

    public override object? Eval(RenderContext ctx)
    {
        var d = new PyDict(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            var k = keys[i].Eval(ctx);
            if (k is null) d[NoneKey.Instance] = values[i].Eval(ctx);
            else d[k] = values[i].Eval(ctx);
        }
        return d;
    }

    internal override void Bind(Binder binder)
    {
        foreach (var k in keys) k.Bind(binder);
        foreach (var v in values) v.Bind(binder);
    }
}

/// <summary>Stands for a <c>None</c> dictionary key (dictionary keys cannot be null in .NET).</summary>
internal sealed class NoneKey : IPyObject
{
    public static readonly NoneKey Instance = new();
    public string PyTypeName => "NoneType";
    public string PyStr() => "None";
}
