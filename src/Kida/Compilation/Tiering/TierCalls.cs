using System.Runtime.CompilerServices;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Compilation.Tiering;

/// <summary>
/// The calls generated code makes instead of inline code, none of them inlined into it: a dynamic method is always
/// JIT-compiled fully optimised, and inlining (the interpreter's node code devirtualised, <c>OutputBuffer.Write</c>)
/// was most of what the compiled tier cost to compile. Nodes come in as <c>object</c>, so the generated code has no
/// cast per node either (a type check and a helper call each in the JIT's flow graph).
/// </summary>
internal static class TierCalls
{
    /// <summary>A statement the compiler has no rule for (typed object: no cast in the generated code).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void RenderNode(object statement, RenderContext ctx) => Unsafe.As<Syntax.Statement>(statement).Render(ctx);

    /// <summary>An expression the compiler has no rule for (typed object: no cast in the generated code).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static object? EvalNode(object expression, RenderContext ctx) => Unsafe.As<Syntax.Expression>(expression).Eval(ctx);

    /// <summary>
    /// Literal text. Not inlined: <see cref="Runtime.Output.OutputBuffer.Write(string)"/> inlined into generated code
    /// (it inlines its copy and argument checks) doubled what a template costs to JIT, for a call saved per text run.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void WriteText(RenderContext ctx, string text) => ctx.Output.Write(text);

    /// <summary>
    /// <c>obj[key]</c> without <c>?.</c>, both already evaluated (target first), as <see cref="Syntax.Expressions.ItemExpression"/>
    /// reads it: a string key found in a <see cref="PyDict"/> (chat messages, JSON data) or a plain
    /// <c>Dictionary&lt;string, object?&gt;</c> is returned at once — what <see cref="Runtime.Members.MemberAccess.GetItem(object?, object?, UndefinedBehavior)"/>
    /// returns for it — and everything else is <c>GetItem</c> itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static object? GetItem(object? obj, object? key, RenderContext ctx)
    {
        if (key is string name && obj is not null)
        {
            if (obj.GetType() == typeof(PyDict))
            {
                if (Unsafe.As<PyDict>(obj).TryGetValue(name, out var value)) return value;
            }
            else if (obj.GetType() == typeof(Dictionary<string, object?>)
                && Unsafe.As<Dictionary<string, object?>>(obj).TryGetValue(name, out var plain))
                return ClrInterop.Normalize(plain);
        }
        return Runtime.Members.MemberAccess.GetItem(obj, key, ctx.Behavior);
    }

    /// <summary>A single comparison <c>a op b</c> of evaluated operands as <c>bool</c>, as <see cref="Syntax.Expressions.CompareExpression"/> decides it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool Compare(object compare, object? left, object? right) =>
        Unsafe.As<Syntax.Expressions.CompareExpression>(compare).CompareOne(left, right);
}
