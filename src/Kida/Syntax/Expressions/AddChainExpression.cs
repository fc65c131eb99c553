using System.Buffers;
using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Syntax.Expressions;

/// <summary>
/// <c>a + b + c …</c> (three or more operands joined by <c>+</c>): Python's left-to-right additions, with a run of
/// plain strings joined into one new string instead of one intermediate string per <c>+</c> (chat templates build
/// prompts this way). Operands are evaluated in order, each just before its addition, so values, errors and their order
/// are exactly those of the nested <see cref="BinaryExpression"/>s it replaces.
/// </summary>
internal sealed class AddChainExpression(Expression[] operands, SourceSpan span) : Expression(span)
{
    public IReadOnlyList<Expression> Operands => operands;

    internal override IEnumerable<Expression> Children => operands;

    public override object? Eval(RenderContext ctx)
    {
        var acc = operands[0].Eval(ctx);
        var i = 1;
        if (acc is string head)
        {
            var next = operands[1].Eval(ctx);
            i = 2;
            if (next is string second)
            {
                var buffer = ArrayPool<char>.Shared.Rent(Math.Max(256, head.Length + second.Length));
                var length = 0;
                Append(ref buffer, ref length, head);
                Append(ref buffer, ref length, second);
                next = null;
                for (; i < operands.Length; i++)
                {
                    next = operands[i].Eval(ctx);
                    if (next is not string s) break;
                    Append(ref buffer, ref length, s);
                    next = null;
                }
                acc = new string(buffer, 0, length);
                ArrayPool<char>.Shared.Return(buffer);
                if (i == operands.Length) return acc;
                // A non-string broke the run: add it to the joined text as Python would, then go on one by one.
                acc = PyOps.Add(acc, next);
                i++;
            }
            else
            {
                acc = PyOps.Add(head, next);
            }
        }
        for (; i < operands.Length; i++) acc = PyOps.Add(acc, operands[i].Eval(ctx));
        return acc;
    }

    /// <summary>
    /// <c>{{ a + b + … }}</c>: when every operand is a plain string, writes the operands one after another (escaped each
    /// when autoescaping, which is the same as escaping their join) instead of joining them into a new string first.
    /// The operands are evaluated left to right before anything is written, exactly as <see cref="Eval"/> evaluates
    /// them; at the first operand that is not a string the strings so far are joined and the chain goes on as
    /// <see cref="Eval"/> does (the same additions, errors and evaluation order), and its value is printed.
    /// </summary>
    internal void Write(RenderContext ctx)
    {
        object? result;
        if (operands.Length > Parts.Capacity)
        {
            result = Eval(ctx);
            ctx.Output.WriteValue(result, ctx.Autoescape);
            return;
        }
        var parts = new Parts();
        for (var i = 0; i < operands.Length; i++)
        {
            var value = operands[i].Eval(ctx);
            if (value is string s) { parts[i] = s; continue; }
            result = Continue(ctx, parts, i, value);
            ctx.Output.WriteValue(result, ctx.Autoescape);
            return;
        }
        var output = ctx.Output;
        var escape = ctx.Autoescape;
        for (var i = 0; i < operands.Length; i++) output.WriteValue(parts[i], escape);
    }

    // The rest of the chain after operand `at` turned out not to be a string: Eval's path from there on.
    private object? Continue(RenderContext ctx, Parts parts, int at, object? value)
    {
        if (at == 0)
        {
            var acc = value;
            for (var i = 1; i < operands.Length; i++) acc = PyOps.Add(acc, operands[i].Eval(ctx));
            return acc;
        }
        object? joined;
        if (at == 1) joined = parts[0];
        else
        {
            var length = 0;
            for (var i = 0; i < at; i++) length += parts[i]!.Length;
            joined = string.Create(length, (parts, at), static (span, state) =>
            {
                var (p, n) = state;
                for (var i = 0; i < n; i++) { p[i]!.CopyTo(span); span = span[p[i]!.Length..]; }
            });
        }
        var result = PyOps.Add(joined, value);
        for (var i = at + 1; i < operands.Length; i++) result = PyOps.Add(result, operands[i].Eval(ctx));
        return result;
    }

    [System.Runtime.CompilerServices.InlineArray(Capacity)]
    private struct Parts
    {
        public const int Capacity = 16;
        private string? _first;
    }

    private static void Append(ref char[] buffer, ref int length, string text)
    {
        if (length + text.Length > buffer.Length)
        {
            var bigger = ArrayPool<char>.Shared.Rent(Math.Max(buffer.Length * 2, length + text.Length));
            buffer.AsSpan(0, length).CopyTo(bigger);
            ArrayPool<char>.Shared.Return(buffer);
            buffer = bigger;
        }
        text.CopyTo(buffer.AsSpan(length));
        length += text.Length;
    }

    internal override void Bind(Binder binder)
    {
        foreach (var operand in operands) operand.Bind(binder);
    }
}
