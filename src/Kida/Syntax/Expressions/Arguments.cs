using Kida.Compilation;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Syntax.Expressions;

/// <summary>The argument list of a call, filter or test. Constant lists are evaluated once at compile time.</summary>
internal sealed class Arguments
{
    public static readonly Arguments None = new([], []);

    private object?[]? _constantPositional;
    private KeyValuePair<string, object?>[]? _constantNamed;

    public Arguments(Expression[] positional, KeyValuePair<string, Expression>[] named, Expression? spreadPositional = null, Expression? spreadNamed = null)
    {
        Positional = positional;
        Named = named;
        SpreadPositional = spreadPositional;
        SpreadNamed = spreadNamed;
    }

    public Expression[] Positional { get; }
    public KeyValuePair<string, Expression>[] Named { get; }

    /// <summary><c>*args</c>: an iterable whose items follow the positional arguments (Jinja2's <c>dyn_args</c>).</summary>
    public Expression? SpreadPositional { get; }

    /// <summary><c>**kwargs</c>: a mapping whose string keys follow the named arguments (Jinja2's <c>dyn_kwargs</c>).</summary>
    public Expression? SpreadNamed { get; }

    /// <summary>Whether the call has <c>*args</c> or <c>**kwargs</c>: its argument count is known only at run time.</summary>
    public bool HasSpread => SpreadPositional is not null || SpreadNamed is not null;

    public bool IsEmpty => Positional.Length == 0 && Named.Length == 0 && !HasSpread;

    internal IEnumerable<Expression> All
    {
        get
        {
            IEnumerable<Expression> all = Positional.Concat(Named.Select(n => n.Value));
            if (SpreadPositional is not null) all = all.Append(SpreadPositional);
            if (SpreadNamed is not null) all = all.Append(SpreadNamed);
            return all;
        }
    }

    internal void Bind(Binder binder)
    {
        foreach (var p in Positional) p.Bind(binder);
        foreach (var n in Named) n.Value.Bind(binder);
        SpreadPositional?.Bind(binder);
        SpreadNamed?.Bind(binder);
        if (!HasSpread && Positional.All(p => p.IsConstant) && Named.All(n => n.Value.IsConstant))
        {
            // Constant arguments never change: evaluate once; callees must not mutate the arrays.
            _constantPositional = Positional.Select(p => p.Eval(null!)).ToArray();
            _constantNamed = Named.Length == 0 ? null : Named.Select(n => new KeyValuePair<string, object?>(n.Key, n.Value.Eval(null!))).ToArray();
        }
    }

    public CallArguments Evaluate(RenderContext ctx)
    {
        if (_constantPositional is not null) return new CallArguments(_constantPositional, _constantNamed, ctx);
        if (HasSpread) return EvaluateSpread(ctx);
        var pos = Positional.Length == 0 ? [] : new object?[Positional.Length];
        for (var i = 0; i < pos.Length; i++) pos[i] = Positional[i].Eval(ctx);
        KeyValuePair<string, object?>[]? named = null;
        if (Named.Length > 0)
        {
            named = new KeyValuePair<string, object?>[Named.Length];
            for (var i = 0; i < named.Length; i++) named[i] = new(Named[i].Key, Named[i].Value.Eval(ctx));
        }
        return new CallArguments(pos, named, ctx);
    }

    /// <summary>The arguments with <c>*args</c> and <c>**kwargs</c> expanded, checked as Python checks a call's.</summary>
    private CallArguments EvaluateSpread(RenderContext ctx)
    {
        var pos = new List<object?>(Positional.Length + 4);
        foreach (var p in Positional) pos.Add(p.Eval(ctx));
        var named = new List<KeyValuePair<string, object?>>(Named.Length + 4);
        foreach (var n in Named) named.Add(new(n.Key, n.Value.Eval(ctx)));
        if (SpreadPositional is not null)
        {
            var items = SpreadPositional.Eval(ctx);
            if (items is null || !PyOps.IsIterable(items) && items is not Undefined)
                throw new TemplateRuntimeException($"Value after * must be an iterable, not {PyFormat.TypeName(items)}");
            pos.AddRange(PyOps.Iterate(items));
        }
        if (SpreadNamed is not null)
        {
            var mapping = SpreadNamed.Eval(ctx);
            if (mapping is Undefined u) throw u.ToException();
            foreach (var (key, value) in Mapping(mapping))
            {
                if (key is not string name) throw new TemplateRuntimeException("keywords must be strings");
                foreach (var given in named)
                    if (given.Key == name) throw new TemplateRuntimeException($"got multiple values for keyword argument '{name}'");
                named.Add(new(name, value));
            }
        }
        return new CallArguments(pos.ToArray(), named.Count == 0 ? null : named.ToArray(), ctx);
    }

    private static IEnumerable<KeyValuePair<object?, object?>> Mapping(object? value)
    {
        switch (value)
        {
            case PyDict d: return ((IDictionary<object, object?>)d).Select(kv => new KeyValuePair<object?, object?>(kv.Key, kv.Value));
            case IReadOnlyDictionary<string, object?> sd: return sd.Select(kv => new KeyValuePair<object?, object?>(kv.Key, kv.Value));
            case System.Collections.IDictionary gd:
                return gd.Cast<System.Collections.DictionaryEntry>().Select(e => new KeyValuePair<object?, object?>(e.Key, ClrInterop.Normalize(e.Value)));
        }
        if (value is not null && ClrInterop.TryAsReadOnlyStringDictionary(value, out var wrapped))
            return wrapped.Select(kv => new KeyValuePair<object?, object?>(kv.Key, kv.Value));
        throw new TemplateRuntimeException($"argument after ** must be a mapping, not {PyFormat.TypeName(value)}");
    }
}
