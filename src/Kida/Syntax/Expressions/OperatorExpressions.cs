using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Syntax.Expressions;

internal enum BinaryOperator { Add, Subtract, Multiply, Divide, FloorDivide, Modulo, Power }

/// <summary>An arithmetic operator with Python semantics.</summary>
internal sealed class BinaryExpression(BinaryOperator op, Expression left, Expression right, SourceSpan span) : Expression(span)
{
    public BinaryOperator Operator { get; } = op;
    public Expression Left { get; } = left;
    public Expression Right { get; } = right;

    internal override IEnumerable<Expression> Children => [Left, Right];

    public override object? Eval(RenderContext ctx)
    {
        var a = Left.Eval(ctx);
        var b = Right.Eval(ctx);
        return Operator switch
        {
            BinaryOperator.Add => PyOps.Add(a, b),
            BinaryOperator.Subtract => PyOps.Sub(a, b),
            BinaryOperator.Multiply => PyOps.Mul(a, b),
            BinaryOperator.Divide => PyOps.Div(a, b),
            BinaryOperator.FloorDivide => PyOps.FloorDiv(a, b),
            BinaryOperator.Modulo => PyOps.Mod(a, b),
            _ => PyOps.Pow(a, b),
        };
    }

    internal override void Bind(Binder binder)
    {
        Left.Bind(binder);
        Right.Bind(binder);
    }
}

/// <summary><c>a ~ b ~ c</c>: string concatenation that keeps HTML safety under autoescape.</summary>
internal sealed class ConcatExpression(Expression[] parts, SourceSpan span) : Expression(span)
{
    public IReadOnlyList<Expression> Parts { get; } = parts;

    internal override IEnumerable<Expression> Children => Parts;

    public override object? Eval(RenderContext ctx)
    {
        var values = new object?[parts.Length];
        var anySafe = false;
        for (var i = 0; i < parts.Length; i++)
        {
            var v = parts[i].Eval(ctx);
            if (v is Undefined u) u.ThrowIfStrict();
            values[i] = v;
            anySafe |= v is Markup;
        }
        if (anySafe && ctx.Autoescape)
        {
            var sb = new System.Text.StringBuilder();
            foreach (var v in values)
                sb.Append(v is Markup m ? m.Value : Runtime.Output.HtmlEscaper.Escape(PyFormat.Str(v), ctx.KidaDialect));
            return new Markup(sb.ToString());
        }
        if (values.Length == 2) return string.Concat(PyFormat.Str(values[0]), PyFormat.Str(values[1]));
        return string.Concat(values.Select(PyFormat.Str));
    }

    internal override void Bind(Binder binder)
    {
        foreach (var p in parts) p.Bind(binder);
    }
}

/// <summary>A comparison chain: <c>a &lt; b &lt;= c</c>, <c>x in y</c>, <c>x not in y</c>.</summary>
internal sealed class CompareExpression(Expression first, string[] operators, Expression[] operands, SourceSpan span) : Expression(span)
{
    internal Expression First => first;
    internal Expression[] Operands => operands;

    internal override IEnumerable<Expression> Children => [first, .. operands];

    // The operators decoded once (a string switch per comparison compared the operator's text every time).
    private readonly Op[] _ops = Array.ConvertAll(operators, Decode);

    private enum Op : byte { Eq, Ne, Lt, Le, Gt, Ge, In, NotIn }

    private static Op Decode(string op) => op switch
    {
        "==" => Op.Eq,
        "!=" => Op.Ne,
        "<" => Op.Lt,
        "<=" => Op.Le,
        ">" => Op.Gt,
        ">=" => Op.Ge,
        "in" => Op.In,
        "notin" => Op.NotIn,
        _ => throw new InvalidOperationException(op),
    };

    public override object? Eval(RenderContext ctx)
    {
        var left = first.Eval(ctx);
        var ops = _ops;
        for (var i = 0; i < ops.Length; i++)
        {
            var right = operands[i].Eval(ctx);
            if (!Compare(ops[i], left, right)) return PyOps.False;
            left = right;
        }
        return PyOps.True;
    }

    /// <summary>Whether this is a single comparison (<c>a op b</c>, not a chain), which <see cref="CompareOne"/> decides.</summary>
    internal bool IsSingle => _ops.Length == 1;

    /// <summary>The single comparison's result for evaluated operands (the compiled tier's condition; <see cref="IsSingle"/>).</summary>
    internal bool CompareOne(object? left, object? right) => Compare(_ops[0], left, right);

    private static bool Compare(Op op, object? a, object? b) => op switch
    {
        Op.Eq => PyOps.Eq(a, b),
        Op.Ne => !PyOps.Eq(a, b),
        Op.Lt => PyOps.Compare(a, b, "<") < 0,
        Op.Le => PyOps.Compare(a, b, "<=") <= 0,
        Op.Gt => PyOps.Compare(a, b, ">") > 0,
        Op.Ge => PyOps.Compare(a, b, ">=") >= 0,
        Op.In => PyOps.Contains(b, a),
        _ => !PyOps.Contains(b, a),
    };

    internal override void Bind(Binder binder)
    {
        first.Bind(binder);
        foreach (var o in operands) o.Bind(binder);
    }
}

/// <summary><c>a and b</c>: Python returns the deciding operand, not a bool.</summary>
internal sealed class AndExpression(Expression left, Expression right, SourceSpan span) : Expression(span)
{
    internal Expression Left => left;
    internal Expression Right => right;

    internal override IEnumerable<Expression> Children => [left, right];

    public override object? Eval(RenderContext ctx)
    {
        var a = left.Eval(ctx);
        return PyOps.IsTrue(a) ? right.Eval(ctx) : a;
    }

    internal override void Bind(Binder binder)
    {
        left.Bind(binder);
        right.Bind(binder);
    }
}

/// <summary><c>a or b</c>.</summary>
internal sealed class OrExpression(Expression left, Expression right, SourceSpan span) : Expression(span)
{
    internal Expression Left => left;
    internal Expression Right => right;

    internal override IEnumerable<Expression> Children => [left, right];

    public override object? Eval(RenderContext ctx)
    {
        var a = left.Eval(ctx);
        return PyOps.IsTrue(a) ? a : right.Eval(ctx);
    }

    internal override void Bind(Binder binder)
    {
        left.Bind(binder);
        right.Bind(binder);
    }
}

/// <summary><c>not a</c>.</summary>
internal sealed class NotExpression(Expression operand, SourceSpan span) : Expression(span)
{
    internal Expression Operand => operand;

    internal override IEnumerable<Expression> Children => [operand];

    public override object? Eval(RenderContext ctx) => PyOps.Box(!PyOps.IsTrue(operand.Eval(ctx)));

    internal override void Bind(Binder binder) => operand.Bind(binder);
}

/// <summary>Unary <c>-a</c> or <c>+a</c>.</summary>
internal sealed class UnaryExpression(bool negate, Expression operand, SourceSpan span) : Expression(span)
{
    internal Expression Operand => operand;

    internal override IEnumerable<Expression> Children => [operand];

    public override object? Eval(RenderContext ctx)
    {
        var v = operand.Eval(ctx);
        return negate ? PyOps.Neg(v) : PyOps.Pos(v);
    }

    internal override void Bind(Binder binder) => operand.Bind(binder);
}

/// <summary><c>a if cond else b</c>; without <c>else</c> the false branch is undefined (prints "").</summary>
internal sealed class ConditionalExpression(Expression test, Expression then, Expression? otherwise, SourceSpan span) : Expression(span)
{
    internal Expression Test => test;
    internal Expression Then => then;
    internal Expression? Otherwise => otherwise;

    internal override IEnumerable<Expression> Children => otherwise is null ? [test, then] : [test, then, otherwise];

    public override object? Eval(RenderContext ctx) =>
        PyOps.IsTrue(test.Eval(ctx)) ? then.Eval(ctx) : otherwise is null ? Missing(ctx) : otherwise.Eval(ctx);

    // Jinja2 makes the missing else branch a plain (never strict, never debug) undefined with a hint.
    private Undefined Missing(RenderContext ctx) => ctx.KidaDialect
        ? ctx.MakeUndefined(null, null, UndefinedKind.Variable)
        : new Undefined(null, null, UndefinedKind.Variable, UndefinedBehavior.Default,
            $"the inline if-expression on line {Span.Line} evaluated to false and no else section was defined.");

    internal override void Bind(Binder binder)
    {
        binder.ConditionalDepth++;
        test.Bind(binder);
        then.Bind(binder);
        otherwise?.Bind(binder);
        binder.ConditionalDepth--;
    }
}

/// <summary>Kida's <c>a ?? b</c>: <c>b</c>, evaluated lazily, when <c>a</c> is undefined or None.</summary>
internal sealed class CoalesceExpression(Expression left, Expression right, SourceSpan span) : Expression(span)
{
    internal Expression Left => left;
    internal Expression Right => right;

    internal override IEnumerable<Expression> Children => [left, right];

    public override object? Eval(RenderContext ctx)
    {
        object? a;
        try
        {
            a = left.Eval(ctx);
        }
        catch (UndefinedVariableException)
        {
            // A missing attribute of a missing value is still "no value" for ??.
            return right.Eval(ctx);
        }
        return a is null or Undefined ? right.Eval(ctx) : a;
    }

    internal override void Bind(Binder binder)
    {
        left.Bind(binder);
        right.Bind(binder);
        binder.CheckCoalesceRight(Span, right);
    }
}
