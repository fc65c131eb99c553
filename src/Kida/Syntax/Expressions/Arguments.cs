using Kida.Compilation;
using Kida.Runtime;

namespace Kida.Syntax.Expressions;

/// <summary>The argument list of a call, filter or test. Constant lists are evaluated once at compile time.</summary>
internal sealed class Arguments
{
    public static readonly Arguments None = new([], []);

    private object?[]? _constantPositional;
    private KeyValuePair<string, object?>[]? _constantNamed;

    public Arguments(Expression[] positional, KeyValuePair<string, Expression>[] named)
    {
        Positional = positional;
        Named = named;
    }

    public Expression[] Positional { get; }
    public KeyValuePair<string, Expression>[] Named { get; }

    public bool IsEmpty => Positional.Length == 0 && Named.Length == 0;

    internal IEnumerable<Expression> All => Positional.Concat(Named.Select(n => n.Value));

    internal void Bind(Binder binder)
    {
        foreach (var p in Positional) p.Bind(binder);
        foreach (var n in Named) n.Value.Bind(binder);
        if (Positional.All(p => p.IsConstant) && Named.All(n => n.Value.IsConstant))
        {
            // Constant arguments never change: evaluate once; callees must not mutate the arrays.
            _constantPositional = Positional.Select(p => p.Eval(null!)).ToArray();
            _constantNamed = Named.Length == 0 ? null : Named.Select(n => new KeyValuePair<string, object?>(n.Key, n.Value.Eval(null!))).ToArray();
        }
    }

    public CallArguments Evaluate(RenderContext ctx)
    {
        if (_constantPositional is not null) return new CallArguments(_constantPositional, _constantNamed, ctx);
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
}
