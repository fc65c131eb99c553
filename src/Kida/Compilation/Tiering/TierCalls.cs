using System.Runtime.CompilerServices;
using Kida.Runtime;

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
}
