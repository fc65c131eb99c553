// Issue #18 prototype: the cost of compiling a function of N node calls (with and without the try/filter a
// statement list needs) as a System.Linq.Expressions lambda and as DynamicMethod IL; process CPU per delegate.
using System.Diagnostics;
using System.Reflection;
using System.Reflection.Emit;
using L = System.Linq.Expressions;
using System.Text;

public static class Program
{
    public sealed class Node { public string Text = ""; public void Render(StringBuilder sb) => sb.Append(Text); }
    public static bool Filter(Exception e, int i) => false;

    static Action<StringBuilder> Linq(Node[] nodes, bool withTry)
    {
        var sb = L.Expression.Parameter(typeof(StringBuilder));
        var idx = L.Expression.Variable(typeof(int));
        var body = new List<L.Expression>();
        for (var k = 0; k < nodes.Length; k++)
        {
            body.Add(L.Expression.Assign(idx, L.Expression.Constant(k)));
            body.Add(L.Expression.Call(L.Expression.Constant(nodes[k]), typeof(Node).GetMethod("Render")!, sb));
        }
        L.Expression b = L.Expression.Block(typeof(void), body);
        if (withTry)
        {
            var e = L.Expression.Parameter(typeof(Exception));
            b = L.Expression.TryCatch(b, L.Expression.Catch(e, L.Expression.Rethrow(), L.Expression.Call(typeof(Program).GetMethod("Filter")!, e, idx)));
        }
        return L.Expression.Lambda<Action<StringBuilder>>(L.Expression.Block([idx], b), sb).Compile();
    }

    sealed class Closure(Node[] nodes) { public readonly Node[] Nodes = nodes; }
    static Action<StringBuilder> Il(Node[] nodes, bool withTry)
    {
        var dm = new DynamicMethod("t", null, [typeof(Closure), typeof(StringBuilder)], typeof(Program).Module, true);
        var il = dm.GetILGenerator();
        var idx = il.DeclareLocal(typeof(int));
        if (withTry) il.BeginExceptionBlock();
        for (var k = 0; k < nodes.Length; k++)
        {
            il.Emit(OpCodes.Ldc_I4, k); il.Emit(OpCodes.Stloc, idx);
            il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Ldfld, typeof(Closure).GetField("Nodes")!); il.Emit(OpCodes.Ldc_I4, k); il.Emit(OpCodes.Ldelem_Ref);
            il.Emit(OpCodes.Ldarg_1); il.Emit(OpCodes.Call, typeof(Node).GetMethod("Render")!);
        }
        if (withTry)
        {
            il.BeginExceptFilterBlock();
            il.Emit(OpCodes.Ldloc, idx); il.Emit(OpCodes.Call, typeof(Program).GetMethod("Filter")!);
            il.BeginCatchBlock(null!);
            il.Emit(OpCodes.Rethrow);
            il.EndExceptionBlock();
        }
        il.Emit(OpCodes.Ret);
        return (Action<StringBuilder>)dm.CreateDelegate(typeof(Action<StringBuilder>), new Closure(nodes));
    }

    public static void Main()
    {
        foreach (var size in new[] { 5, 50 })
        foreach (var withTry in new[] { false, true })
        foreach (var kind in new[] { "linq", "il" })
        {
            var nodes = Enumerable.Range(0, size).Select(i => new Node { Text = "x" + i }).ToArray();
            for (var w = 0; w < 20; w++) { var d = kind == "linq" ? Linq(nodes, withTry) : Il(nodes, withTry); d(new StringBuilder()); }
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew(); var jit = TimeSpan.Zero;
            const int n = 200;
            for (var i = 0; i < n; i++)
            {
                var d = kind == "linq" ? Linq(nodes, withTry) : Il(nodes, withTry);
                var s2 = Stopwatch.StartNew(); d(new StringBuilder()); jit += s2.Elapsed;
            }
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            Console.WriteLine($"{kind,-4} nodes={size,3} try={withTry,-5}: build+compile {(sw.Elapsed - jit).TotalMicroseconds / n,8:F1} us, first call (JIT) {jit.TotalMicroseconds / n,7:F1} us, CPU {cpu.TotalMicroseconds / n,8:F1} us per delegate");
        }
    }
}
