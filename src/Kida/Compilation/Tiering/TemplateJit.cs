using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Output;
using Kida.Runtime.Values;
using Kida.Syntax;
using Kida.Syntax.Expressions;
using Kida.Syntax.Statements;
using L = System.Linq.Expressions;

namespace Kida.Compilation.Tiering;

/// <summary>
/// The compiler of the compiled tier: turns functions of a template's bound tree (its top level, block bodies) into one
/// <c>System.Linq.Expressions</c> lambda with an entry switch and compiles it to a delegate.
/// </summary>
/// <remarks>
/// <para>
/// Every node it has no rule for is executed by calling the interpreter's own code for that node
/// (<see cref="Statement.Render"/>, <see cref="Syntax.Expression.Eval"/>) from the compiled code, so every template
/// compiles and renders what the interpreter renders. The rules cover what pages are made of: literal text (one
/// write), <c>{{ name }}</c> and <c>{{ obj.attr }}</c>, <c>if</c> with conditions evaluated as <c>bool</c>
/// (<c>and</c>/<c>or</c>/<c>not</c>/tests without the boxed intermediate results), <c>for</c> over lists by index with
/// the <c>loop</c> object made only when the body reads it, local variable reads straight from the frame's slots,
/// and statement lists without a virtual call per statement.
/// </para>
/// <para>
/// Errors: the generated code has no exception handling; each statement stores its index in the compile's statement
/// table before it runs, and <see cref="TierFunction.Run"/> has the exception filter (<see cref="ErrorLocator"/>) with
/// that statement's span, so errors get the same template name, line and column as the interpreter's per-list filters
/// give them.
/// </para>
/// <para>
/// Compile cost: a dynamic method is always JIT-compiled fully optimised, and what it costs is mostly inlining and
/// then IL size. So the interpreter's nodes are passed as <c>object</c> to non-inlined helpers (<see cref="TierCalls"/>:
/// no devirtualised inlining of the interpreter into generated code, no cast per node), loops run through
/// <see cref="TierLoop"/>, and the code has no exception region and checks the loop control only after statements that
/// can set it. See docs/compiled-tier.md for the figures.
/// </para>
/// </remarks>
[RequiresDynamicCode("Compiles expression trees to delegates; callers check RuntimeFeature.IsDynamicCodeSupported.")]
internal sealed partial class TemplateJit
{
    private readonly L.ParameterExpression _ctx = L.Expression.Parameter(typeof(RenderContext), "ctx");
    private readonly L.ParameterExpression _slots = L.Expression.Variable(typeof(object?[]), "slots");
    private readonly List<L.ParameterExpression> _locals = [];

    // The compile's statement table: each statement of every list compiled has its own entry, and stores its index in
    // RenderContext.TierStatement before it runs, so TierFunction.Run locates errors for the whole method.
    private readonly List<SourceSpan> _spans = [];
    private readonly LoopControlAnalysis _control = new();

    /// <summary>
    /// Compiles <paramref name="functions"/> (a template's top level and block bodies) into one delegate with an entry
    /// index (i: <paramref name="functions"/>[i]): a dynamic method has a fixed cost, so the functions one compile adds
    /// share one. <paramref name="spans"/> is the statement table the code's statement index refers to (see
    /// <see cref="TierFunction"/>).
    /// </summary>
    public static Action<RenderContext, int> Compile(IReadOnlyList<StatementList> functions, out SourceSpan[] spans)
    {
        var tree = Build(functions, out spans);
        return tree.Compile();
    }

    /// <summary>The tree <see cref="Compile"/> compiles (for measurements and tests).</summary>
    internal static L.Expression<Action<RenderContext, int>> Build(IReadOnlyList<StatementList> functions, out SourceSpan[] spans)
    {
        var jit = new TemplateJit();
        var entry = L.Expression.Parameter(typeof(int), "entry");
        L.Expression body;
        if (functions.Count == 1) body = jit.List(functions[0]);
        else
        {
            var cases = new L.SwitchCase[functions.Count];
            for (var i = 0; i < cases.Length; i++) cases[i] = L.Expression.SwitchCase(jit.List(functions[i]), L.Expression.Constant(i));
            body = L.Expression.Switch(typeof(void), entry, L.Expression.Empty(), null, cases);
        }
        spans = jit._spans.ToArray();
        // The frame's slots are read once on entry; no exception handling here (TierFunction.Run locates errors).
        var readSlots = L.Expression.Assign(jit._slots, L.Expression.Field(L.Expression.Field(jit._ctx, M.Frame), M.Slots));
        return L.Expression.Lambda<Action<RenderContext, int>>(
            L.Expression.Block(typeof(void), [jit._slots, .. jit._locals], readSlots, body), "kida_template", [jit._ctx, entry]);
    }

    private L.MemberExpression Ctx(FieldInfo field) => L.Expression.Field(_ctx, field);

    /// <summary>A node as a constant typed <c>object</c>: the helpers take it so, and the generated code casts nothing.</summary>
    private static L.Expression Obj(object node) => L.Expression.Constant(node, typeof(object));

    /// <summary>
    /// <c>node.Eval(ctx)</c> through a helper that takes the node as <c>object</c>: the JIT cannot devirtualize and inline
    /// the interpreter's code for it into the generated method (inlining was most of what a dynamic method, always
    /// compiled fully optimised, cost to JIT: 4× the rest for the benchmark shapes), and the node constant needs no
    /// cast (a cast is a type check and a helper call in the JIT's flow graph).
    /// </summary>
    private L.Expression EvalNode(Syntax.Expression node) => L.Expression.Call(M.EvalNode, L.Expression.Constant(node, typeof(object)), _ctx);

    /// <summary>
    /// A statement list, as <see cref="StatementList.Render"/> runs it: in order, leaving when a statement set
    /// <c>break</c>/<c>continue</c> (checked only after statements that can set one), each statement setting the
    /// function's statement index before it runs.
    /// </summary>
    private L.Expression List(StatementList list)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var items = list.Items;
        if (items.Length == 0) return L.Expression.Empty();
        L.LabelTarget? end = null;
        var body = new List<L.Expression>(items.Length * 2);
        for (var k = 0; k < items.Length; k++)
        {
            body.Add(L.Expression.Assign(Ctx(M.TierStatement), L.Expression.Constant(_spans.Count)));
            _spans.Add(items[k].Span);
            body.Add(StatementCode(items[k]));
            // After the last statement the list ends anyway; its parent checks if it can see the control set.
            if (k < items.Length - 1 && _control.MaySetControl(items[k]))
                body.Add(L.Expression.IfThen(
                    L.Expression.NotEqual(Ctx(M.Control), L.Expression.Constant(LoopControl.None)),
                    L.Expression.Goto(end ??= L.Expression.Label("end_of_list"))));
        }
        if (end is not null) body.Add(L.Expression.Label(end));
        return L.Expression.Block(typeof(void), body);
    }

    private L.Expression StatementCode(Statement statement)
    {
        switch (statement)
        {
            case TextStatement text:
                return L.Expression.Call(M.WriteText, _ctx, L.Expression.Constant(text.Text));
            case OutputStatement output:
                return Output(output);
            case IfStatement branch:
                return If(branch);
            case ForStatement loop when loop.Filter is null && !loop.Recursive && loop.Target is NameTarget { Slot: >= 0 }:
                return For(loop);
            default:
                return Fallback(statement);
        }
    }

    /// <summary>The interpreter's own code for a statement this compiler has no rule for (see <see cref="EvalNode"/> for the helper).</summary>
    private L.Expression Fallback(Statement statement) => L.Expression.Call(M.RenderNode, L.Expression.Constant(statement, typeof(object)), _ctx);

    /// <summary><c>{{ expr }}</c>: outside native output, attribute and plain reads print with their target compiled.</summary>
    private L.Expression Output(OutputStatement output)
    {
        L.Expression? fast = null;
        if (output.PrintedAttribute is { } attribute)
            fast = TypedReadOf(attribute) is { } typed
                ? TypedWrite(typed)
                : L.Expression.Call(M.WriteAttribute, Obj(attribute), _ctx, Value(attribute.Target));
        else if (output.PrintsPlainValue)
            fast = Printed(output.Expression);
        if (fast is null) return Fallback(output);
        return L.Expression.IfThenElse(
            L.Expression.Equal(Ctx(M.Native), L.Expression.Constant(null, typeof(NativeOutput))),
            fast,
            Fallback(output));
    }

    private L.Expression If(IfStatement statement)
    {
        L.Expression result = statement.Otherwise is null ? L.Expression.Empty() : List(statement.Otherwise);
        for (var i = statement.Conditions.Length - 1; i >= 0; i--)
            result = L.Expression.IfThenElse(Condition(statement.Conditions[i]), List(statement.Bodies[i]), result);
        return result;
    }

    /// <summary>
    /// <c>for</c> by index, as <c>ForStatement.RenderLoop</c> runs it, the loop's state in a <see cref="TierLoop"/> local
    /// and its machinery three calls (see there for which iterables it runs; any other goes to <c>RenderLoop</c> with the
    /// value already evaluated). The body is compiled in line.
    /// </summary>
    private L.Expression For(ForStatement loop)
    {
        var target = (NameTarget)loop.Target;
        var state = L.Expression.Variable(typeof(TierLoop), "loop_state");
        var started = L.Expression.Variable(typeof(int), "loop_started");
        var source = L.Expression.Variable(typeof(object), "loop_source");
        _locals.Add(state);
        _locals.Add(started);
        _locals.Add(source);
        var reset = loop.ScopeEnd > loop.BodyStart ? loop.ScopeEnd - loop.BodyStart : 0;
        var breakLabel = L.Expression.Label("break");
        var run = L.Expression.Loop(
            L.Expression.Block(typeof(void),
                L.Expression.Call(M.LoopEnter, state, _slots, L.Expression.Constant(target.Slot), L.Expression.Constant(loop.LoopSlot),
                    L.Expression.Constant(loop.BodyStart), L.Expression.Constant(reset)),
                List(loop.Body),
                L.Expression.IfThen(L.Expression.Not(L.Expression.Call(M.LoopNext, state, _ctx)), L.Expression.Break(breakLabel))),
            breakLabel);
        var otherwise = loop.Otherwise is null ? L.Expression.Empty() : List(loop.Otherwise);
        return L.Expression.Block(typeof(void),
            L.Expression.Assign(source, Value(loop.Iterable)),
            L.Expression.Assign(started, L.Expression.Call(M.LoopStart, state, _ctx, source, L.Expression.Constant(loop.LoopSlot >= 0))),
            L.Expression.IfThenElse(L.Expression.GreaterThan(started, L.Expression.Constant(0)), run,
                L.Expression.IfThenElse(L.Expression.Equal(started, L.Expression.Constant(0)), otherwise,
                    L.Expression.Call(M.LoopInterpreted, L.Expression.Constant(loop, typeof(object)), _ctx, source))));
    }

    /// <summary>A condition as <c>bool</c>: what <c>PyOps.IsTrue(expr.Eval(ctx))</c> gives, in the same order of evaluation.</summary>
    private L.Expression Condition(Syntax.Expression expression)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expression)
        {
            case NotExpression not:
                return L.Expression.Not(Condition(not.Operand));
            // IsTrue(a and b) == IsTrue(a) && IsTrue(b): when a is false the result is a itself.
            case AndExpression and:
                return L.Expression.AndAlso(Condition(and.Left), Condition(and.Right));
            case OrExpression or:
                return L.Expression.OrElse(Condition(or.Left), Condition(or.Right));
            // a == b, a in b …: the operands in order, the decision as bool (no boxed result, no virtual Eval).
            case CompareExpression { IsSingle: true } compare:
                return L.Expression.Call(M.Compare, L.Expression.Constant(compare, typeof(object)), Value(compare.First), Value(compare.Operands[0]));
            case TestExpression test when InlineTest(test) is { } inline:
                return inline;
            case AttributeExpression attribute when TypedReadOf(attribute) is { } typed:
                return TypedCondition(typed);
            case TestExpression test:
            {
                var value = Value(test.Value);
                var args = L.Expression.Call(L.Expression.Constant(test.Arguments), M.EvaluateArguments, _ctx);
                L.Expression result = L.Expression.Invoke(L.Expression.Constant(test.Function), value, args);
                return test.Negated ? L.Expression.Not(result) : result;
            }
            default:
                return L.Expression.Call(M.IsTrue, Value(expression));
        }
    }

    /// <summary>An expression's value (typed <c>object</c>), as its <c>Eval</c> gives it.</summary>
    private L.Expression Value(Syntax.Expression expression)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expression)
        {
            case Syntax.Expressions.ConstantExpression constant:
                return L.Expression.Constant(constant.Value, typeof(object));
            case NameExpression { Slot: >= 0, Depth: 0 } name:
            {
                // A local: the slot, or the interpreter's own read (fallback binding, globals) while it is unassigned.
                var v = L.Expression.Variable(typeof(object), "local");
                return L.Expression.Block(typeof(object), [v],
                    L.Expression.Assign(v, L.Expression.ArrayIndex(_slots, L.Expression.Constant(name.Slot))),
                    L.Expression.Condition(L.Expression.ReferenceEqual(v, L.Expression.Constant(Frame.Unset)),
                        EvalNode(name),
                        v));
            }
            case NameExpression { Slot: < 0 } name:
                // Not a local: the render's variables, arguments and globals, read as NameExpression.Eval reads them,
                // without the node or its virtual call.
                return L.Expression.Call(_ctx, M.Lookup, L.Expression.Constant(name.Name));
            case AttributeExpression attribute:
                return TypedReadOf(attribute) is { } typed
                    ? TypedValue(typed)
                    : L.Expression.Call(M.ReadAttribute, Obj(attribute), _ctx, Value(attribute.Target));
            case ItemExpression { NullSafe: false } item:
                return L.Expression.Call(M.GetItem, Value(item.Target), Value(item.Key), _ctx);
            default:
                return EvalNode(expression);
        }
    }

    /// <summary>The members compiled code calls, found once.</summary>
    private static class M
    {
        private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        private const BindingFlags Static = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

        public static readonly FieldInfo Frame = typeof(RenderContext).GetField(nameof(RenderContext.Frame), Instance)!;
        public static readonly FieldInfo Slots = typeof(Frame).GetField(nameof(Runtime.Frame.Slots), Instance)!;
        public static readonly FieldInfo Output = typeof(RenderContext).GetField(nameof(RenderContext.Output), Instance)!;
        public static readonly MethodInfo EvalNode = typeof(TierCalls).GetMethod(nameof(TierCalls.EvalNode), Static)!;
        public static readonly MethodInfo GetItem = typeof(TierCalls).GetMethod(nameof(TierCalls.GetItem), Static)!;
        public static readonly MethodInfo Compare = typeof(TierCalls).GetMethod(nameof(TierCalls.Compare), Static)!;
        public static readonly MethodInfo Lookup = typeof(RenderContext).GetMethod(nameof(RenderContext.Lookup), Instance, [typeof(string)])!;
        public static readonly MethodInfo LoopInterpreted = typeof(TierLoop).GetMethod(nameof(TierLoop.RunInterpreted), Static)!;
        public static readonly MethodInfo RenderNode = typeof(TierCalls).GetMethod(nameof(TierCalls.RenderNode), Static)!;
        public static readonly FieldInfo TierStatement = typeof(RenderContext).GetField(nameof(RenderContext.TierStatement), Instance)!;
        public static readonly FieldInfo Control = typeof(RenderContext).GetField(nameof(RenderContext.Control), Instance)!;
        public static readonly FieldInfo Native = typeof(RenderContext).GetField(nameof(RenderContext.Native), Instance)!;
        public static readonly MethodInfo WriteText = typeof(TierCalls).GetMethod(nameof(TierCalls.WriteText), Static)!;
        public static readonly MethodInfo WriteString = typeof(OutputBuffer).GetMethod(nameof(OutputBuffer.Write), Instance, [typeof(string)])!;
        public static readonly MethodInfo ReadAttribute = typeof(TierRuntime).GetMethod(nameof(TierRuntime.ReadAttribute), Static)!;
        public static readonly MethodInfo WriteAttribute = typeof(TierRuntime).GetMethod(nameof(TierRuntime.WriteAttribute), Static)!;
        public static readonly MethodInfo EvaluateArguments = typeof(Arguments).GetMethod(nameof(Arguments.Evaluate), Instance, [typeof(RenderContext)])!;
        public static readonly MethodInfo IsTrue = typeof(PyOps).GetMethod(nameof(PyOps.IsTrue), Static, [typeof(object)])!;
        public static readonly MethodInfo LoopStart = typeof(TierLoop).GetMethod(nameof(TierLoop.Start), Static)!;
        public static readonly MethodInfo LoopEnter = typeof(TierLoop).GetMethod(nameof(TierLoop.Enter), Static)!;
        public static readonly MethodInfo LoopNext = typeof(TierLoop).GetMethod(nameof(TierLoop.Next), Static)!;
        public static readonly MethodInfo Normalize = typeof(ClrInterop).GetMethod(nameof(ClrInterop.Normalize), Static, [typeof(object)])!;
        public static readonly MethodInfo AsPlainArray = typeof(TierRuntime).GetMethod(nameof(TierRuntime.AsPlainArray), Static)!;
    }
}
