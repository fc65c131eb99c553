using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Members;
using Kida.Runtime.Values;

namespace Kida.Syntax.Expressions;

/// <summary><c>obj.name</c> (or <c>obj?.name</c> when <see cref="NullSafe"/>).</summary>
internal sealed class AttributeExpression(Expression target, string name, bool nullSafe, SourceSpan span) : Expression(span)
{
    // Writer: set when the member is an integer, bool or float, which {{ obj.name }} then prints without boxing.
    private sealed record GetterCache(Type Type, Func<object, object?> Getter, Action<object, Runtime.Output.OutputBuffer>? Writer);

    private GetterCache? _cache;

    // loop.index and friends, read without a name lookup.
    private readonly LoopContext.Member _loopMember = LoopContext.MemberOf(name);

    public Expression Target { get; } = target;
    public string Name { get; } = name;
    public bool NullSafe { get; } = nullSafe;

    /// <summary>The loop attribute this site names (<see cref="LoopContext.Member.None"/> for any other name).</summary>
    internal LoopContext.Member LoopMember => _loopMember;

    /// <summary>
    /// The CLR type this site last read through a compiled getter (null before any): the compiled tier compiles a
    /// direct read of that type's member behind a type guard.
    /// </summary>
    internal Type? CachedType => _cache?.Type;

    internal override IEnumerable<Expression> Children => [Target];

    public override object? Eval(RenderContext ctx) => Read(ctx, Target.Eval(ctx));

    /// <summary>
    /// <c>{{ obj.name }}</c>: prints the attribute. A CLR object's integer, <c>bool</c> or <c>double</c> member read
    /// through this site's cached getter is written straight into the output, not boxed first (a typed model's
    /// numbers would otherwise cost an allocation per printed value above the small-integer cache).
    /// </summary>
    internal void Write(RenderContext ctx) => WriteFrom(ctx, Target.Eval(ctx));

    /// <summary><see cref="Write"/> with the target already evaluated (the compiled tier evaluates it inline).</summary>
    internal void WriteFrom(RenderContext ctx, object? obj)
    {
        // Only objects of the cached type reach the writer: the same objects Get would read with the cached getter.
        if (_cache is { Writer: { } writer } cache && obj is not null && obj.GetType() == cache.Type)
        {
            writer(obj, ctx.Output);
            return;
        }
        ctx.Output.WriteValue(Read(ctx, obj), ctx.Autoescape);
    }

    /// <summary>The attribute of an evaluated target, as <see cref="Eval"/> reads it.</summary>
    internal object? Read(RenderContext ctx, object? obj)
    {
        if (NullSafe)
        {
            if (obj is null or Undefined) return null;
            var v = Get(ctx, obj);
            return v is Undefined && IsMapping(obj) ? null : v;
        }
        var value = Get(ctx, obj);
        // The Kida dialect reads a None attribute through '.' as "" (only '?.' keeps None).
        return value is null && ctx.KidaDialect ? "" : value;
    }

    private static bool IsMapping(object obj) => obj is PyDict || ClrInterop.TryAsReadOnlyStringDictionary(obj, out _);

    internal object? Get(RenderContext ctx, object? obj)
    {
        // The common data shapes first: plain dictionaries (an exact type test, cheaper than a cast check), Python
        // dicts and string-keyed dictionaries (key wins, as in Kida).
        if (obj is not null && obj.GetType() == typeof(Dictionary<string, object?>))
        {
            if (System.Runtime.CompilerServices.Unsafe.As<Dictionary<string, object?>>(obj).TryGetValue(Name, out var plain))
                return ClrInterop.Normalize(plain);
        }
        else if (obj is LoopContext loop && _loopMember != LoopContext.Member.None) return loop.Get(_loopMember);
        else switch (obj)
        {
            case PyDict pd:
                if (pd.TryGetValue(Name, out var pv)) return pv;
                break;
            case Dictionary<string, object?> d:
                if (d.TryGetValue(Name, out var dv)) return ClrInterop.Normalize(dv);
                break;
        }
        // Per-site cache for CLR objects: one reference read, published atomically.
        var cache = _cache;
        if (cache is not null && obj is not null && obj.GetType() == cache.Type)
            return ClrInterop.Normalize(cache.Getter(obj));
        if (obj is not null and not PyDict and not string and not List<object?> and not IPyAttributes and not Markup and not Undefined
            && !ClrInterop.TryAsReadOnlyStringDictionary(obj, out _) && obj is not System.Collections.IDictionary)
        {
            var getter = MemberAccess.GetGetter(obj.GetType(), Name);
            if (getter is not null)
            {
                _cache = new GetterCache(obj.GetType(), getter, MemberAccess.GetScalarWriter(obj.GetType(), Name));
                return ClrInterop.Normalize(getter(obj));
            }
        }
        return MemberAccess.GetAttr(obj, Name, ctx.Behavior);
    }

    internal override void Bind(Binder binder) => Target.Bind(binder);
}

/// <summary><c>obj[key]</c> (or <c>obj?[key]</c>).</summary>
internal sealed class ItemExpression(Expression target, Expression key, bool nullSafe, SourceSpan span) : Expression(span)
{
    public Expression Target { get; } = target;
    public Expression Key { get; } = key;
    public bool NullSafe { get; } = nullSafe;

    internal override IEnumerable<Expression> Children => [Target, Key];

    public override object? Eval(RenderContext ctx)
    {
        var obj = Target.Eval(ctx);
        if (NullSafe && obj is null or Undefined) return null;
        var key = Key.Eval(ctx);
        var v = MemberAccess.GetItem(obj, key, ctx.Behavior);
        if (NullSafe && v is Undefined) return null;
        return v;
    }

    internal override void Bind(Binder binder)
    {
        Target.Bind(binder);
        Key.Bind(binder);
    }
}

/// <summary><c>obj[start:stop:step]</c>.</summary>
internal sealed class SliceExpression(Expression target, Expression? start, Expression? stop, Expression? step, SourceSpan span) : Expression(span)
{
    internal Expression? Start => start;
    internal Expression? Stop => stop;
    internal Expression? Step => step;

    public Expression Target { get; } = target;

    internal override IEnumerable<Expression> Children =>
        new[] { Target, start, stop, step }.Where(e => e is not null)!;

    public override object? Eval(RenderContext ctx) =>
        MemberAccess.Slice(Target.Eval(ctx), start?.Eval(ctx), stop?.Eval(ctx), step?.Eval(ctx));

    internal override void Bind(Binder binder)
    {
        Target.Bind(binder);
        start?.Bind(binder);
        stop?.Bind(binder);
        step?.Bind(binder);
    }
}
