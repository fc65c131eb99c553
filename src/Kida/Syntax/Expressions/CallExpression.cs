using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Syntax.Expressions;

/// <summary><c>f(a, k=v)</c>, including method calls on values such as <c>d.items()</c>.</summary>
internal sealed class CallExpression(Expression callee, Arguments arguments, SourceSpan span) : Expression(span)
{
    public Expression Callee { get; } = callee;
    public Arguments Arguments { get; } = arguments;

    internal override IEnumerable<Expression> Children => [Callee, .. Arguments.All];

    public override object? Eval(RenderContext ctx)
    {
        if (Callee is AttributeExpression attr)
        {
            var target = attr.Target.Eval(ctx);
            if (attr.NullSafe && target is null or Undefined) return null;
            // Python methods of builtin values, unless a mapping holds a key of that name.
            if (target is not PyDict d || !d.ContainsKey(attr.Name))
            {
                if (target is not IPyAttributes && PyMethods.Has(target, attr.Name))
                {
                    var a = Arguments.Evaluate(ctx);
                    PyMethods.TryCall(target, attr.Name, a, out var result);
                    return result;
                }
            }
            return Invoke(ctx, attr.Get(ctx, target), Arguments.Evaluate(ctx));
        }
        var f = Callee.Eval(ctx);
        return Invoke(ctx, f, Arguments.Evaluate(ctx));
    }

    /// <summary>Calls anything a template may call: macros, registered functions, bound methods.</summary>
    internal static object? Invoke(RenderContext ctx, object? f, CallArguments args) => f switch
    {
        IPyCallable c => c.Call(args),
        TemplateFunction tf => tf(args),
        Undefined u => throw u.ToException(),
        Delegate d => throw new TemplateSecurityException(d.GetType().FullName ?? "Delegate", "()",
            $"calling .NET delegates found in the context is not allowed ('{d.GetType().Name}'); register a TemplateFunction global instead"),
        _ => throw new TemplateRuntimeException($"'{PyFormat.TypeName(f)}' object is not callable"),
    };

    internal override void Bind(Binder binder)
    {
        Callee.Bind(binder);
        Arguments.Bind(binder);
    }
}

/// <summary><c>value | name(args)</c>; the filter delegate is bound at compile time.</summary>
internal sealed class FilterExpression(Expression? value, string name, Arguments arguments, SourceSpan span) : Expression(span)
{
    private FilterFunction _filter = null!;

    /// <summary>The filtered value; null inside a <c>{% filter %}</c> block, where the body is the value.</summary>
    public Expression? Value { get; } = value;
    public string Name { get; } = name;
    public Arguments Arguments { get; } = arguments;

    /// <summary>Kida's <c>?|</c>: skip the filter (yield None) when the value is None.</summary>
    public bool NullSafe { get; init; }

    internal override IEnumerable<Expression> Children => Value is null ? Arguments.All : [Value, .. Arguments.All];

    public override object? Eval(RenderContext ctx) => Apply(ctx, Value!.Eval(ctx));

    internal object? Apply(RenderContext ctx, object? value)
    {
        if (NullSafe && value is null or Undefined) return null;
        return _filter(value, Arguments.Evaluate(ctx));
    }

    internal override void Bind(Binder binder)
    {
        Value?.Bind(binder);
        Arguments.Bind(binder);
        _filter = binder.ResolveFilter(Name, Span);
    }

    /// <summary>Whether the bound filter is the environment's builtin of this name (valid after binding).</summary>
    internal bool IsBuiltin(Binder binder) => binder.Environment.IsBuiltinFilter(Name, _filter);
}

/// <summary><c>value is [not] name(args)</c>; the test delegate is bound at compile time.</summary>
internal sealed class TestExpression(Expression value, string name, Arguments arguments, bool negated, SourceSpan span) : Expression(span)
{
    internal Arguments Arguments => arguments;

    private TestFunction _test = null!;

    /// <summary>The test bound at compile time.</summary>
    internal TestFunction Function => _test;

    internal bool Negated => negated;

    public Expression Value { get; } = value;
    public string Name { get; } = name;

    internal override IEnumerable<Expression> Children => [Value, .. arguments.All];

    public override object? Eval(RenderContext ctx)
    {
        var v = Value.Eval(ctx);
        var result = _test(v, arguments.Evaluate(ctx));
        return PyOps.Box(result != negated);
    }

    internal override void Bind(Binder binder)
    {
        Value.Bind(binder);
        arguments.Bind(binder);
        _test = binder.ResolveTest(Name, Span);
    }
}

/// <summary><c>super()</c> inside a block: the parent template's content of the same block, as safe text.</summary>
internal sealed class SuperExpression(SourceSpan span) : Expression(span)
{
    public override object? Eval(RenderContext ctx)
    {
        var chain = ctx.BlockChain;
        // Jinja2's messages: outside a block super is an undefined name; in a block it names the block.
        if (chain is null || chain.Count == 0)
            throw new UndefinedVariableException("super", UndefinedKind.Variable, "'super' is undefined");
        if (ctx.BlockIndex + 1 >= chain.Count)
            throw new UndefinedVariableException("super", UndefinedKind.Variable, $"there is no parent block called {Runtime.Values.PyFormat.Repr(chain[ctx.BlockIndex].Block.Name)}.");
        var previous = ctx.BeginCapture();
        string text;
        try
        {
            Statements.BlockStatement.RenderChain(ctx, chain, ctx.BlockIndex + 1);
        }
        finally
        {
            text = ctx.EndCapture(previous);
        }
        return ctx.MarkSafe(text);
    }

    internal override void Bind(Binder binder) { }
}
