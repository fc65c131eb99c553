using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using Kida.Runtime;
using Kida.Runtime.Output;
using Kida.Runtime.Values;
using Kida.Syntax;
using Kida.Syntax.Expressions;
using Kida.Syntax.Statements;
using L = System.Linq.Expressions;

namespace Kida.Compilation.Tiering;

/// <summary>
/// The compiler of the compiled tier: turns a template's bound tree into <c>System.Linq.Expressions</c> lambdas, one
/// per function (the top level and each block body), and compiles them to delegates.
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
/// Errors: each compiled statement list carries the interpreter's exception filter (<see cref="ErrorLocator"/>) with
/// the span of the statement that was running, so errors get the same template name, line and column.
/// </para>
/// </remarks>
[RequiresDynamicCode("Compiles expression trees to delegates; callers check RuntimeFeature.IsDynamicCodeSupported.")]
internal sealed partial class TemplateJit
{
    private readonly L.ParameterExpression _ctx = L.Expression.Parameter(typeof(RenderContext), "ctx");
    private readonly L.ParameterExpression _slots = L.Expression.Variable(typeof(object?[]), "slots");
    private readonly List<L.ParameterExpression> _locals = [];

    /// <summary>
    /// Compiles the top level of <paramref name="template"/> and the bodies of <paramref name="blocks"/> (its block table)
    /// into one delegate with an entry index (-1: the top level; i: block i), so the JIT compiles one method per
    /// template instead of one per function (each method has a fixed cost). Each entry reads its frame's slots on entry.
    /// </summary>
    public static TierCode Compile(Template template, BlockStatement[] blocks)
    {
        var jit = new TemplateJit();
        var entry = L.Expression.Parameter(typeof(int), "entry");
        var cases = new L.SwitchCase[blocks.Length + 1];
        cases[0] = L.Expression.SwitchCase(jit.Function(template.Root), L.Expression.Constant(-1));
        for (var i = 0; i < blocks.Length; i++)
            cases[i + 1] = L.Expression.SwitchCase(jit.Function(blocks[i].Body), L.Expression.Constant(i));
        var body = L.Expression.Block(typeof(void), [jit._slots, .. jit._locals],
            L.Expression.Switch(typeof(void), entry, L.Expression.Empty(), null, cases));
        var code = L.Expression.Lambda<Action<RenderContext, int>>(body, "kida_template", [jit._ctx, entry]).Compile();
        return new TierCode(code, blocks);
    }

    /// <summary>One function (a template's top level or a block body): the frame's slots are read once on entry.</summary>
    private L.Expression Function(StatementList body) => L.Expression.Block(typeof(void),
        L.Expression.Assign(_slots, L.Expression.Field(L.Expression.Field(_ctx, M.Frame), M.Slots)),
        List(body));

    private L.MemberExpression Ctx(FieldInfo field) => L.Expression.Field(_ctx, field);

    private static L.Expression Node(object node) => L.Expression.Constant(node, node.GetType());

    /// <summary>
    /// A statement list, as <see cref="StatementList.Render"/> runs it: in order, leaving when a statement set
    /// <c>break</c>/<c>continue</c>, errors located at the statement that raised them.
    /// </summary>
    private L.Expression List(StatementList list)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var items = list.Items;
        if (items.Length == 0) return L.Expression.Empty();
        var index = L.Expression.Variable(typeof(int), "statement");
        _locals.Add(index);
        var end = L.Expression.Label("end_of_list");
        var body = new List<L.Expression>(items.Length * 3);
        for (var k = 0; k < items.Length; k++)
        {
            body.Add(L.Expression.Assign(index, L.Expression.Constant(k)));
            body.Add(StatementCode(items[k]));
            if (items[k] is not (TextStatement or OutputStatement))
                body.Add(L.Expression.IfThen(
                    L.Expression.NotEqual(Ctx(M.Control), L.Expression.Constant(LoopControl.None)),
                    L.Expression.Goto(end)));
        }
        var spans = items.Select(s => s.Span).ToArray();
        var error = L.Expression.Parameter(typeof(Exception), "error");
        var span = L.Expression.ArrayIndex(L.Expression.Constant(spans), index);
        var guarded = L.Expression.TryCatch(
            L.Expression.Block(typeof(void), body),
            L.Expression.Catch(error,
                L.Expression.Throw(L.Expression.Call(M.Wrap, error, _ctx, span)),
                L.Expression.Call(M.Annotate, error, _ctx, span)));
        return L.Expression.Block(typeof(void), guarded, L.Expression.Label(end));
    }

    private L.Expression StatementCode(Statement statement)
    {
        switch (statement)
        {
            case TextStatement text:
                return L.Expression.Call(Ctx(M.Output), M.WriteString, L.Expression.Constant(text.Text));
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

    /// <summary>The interpreter's own code for a statement this compiler has no rule for.</summary>
    private L.Expression Fallback(Statement statement) => L.Expression.Call(Node(statement), M.Render, _ctx);

    /// <summary><c>{{ expr }}</c>: outside native output, attribute and plain reads print with their target compiled.</summary>
    private L.Expression Output(OutputStatement output)
    {
        L.Expression? fast = null;
        if (output.PrintedAttribute is { } attribute)
            fast = TypedReadOf(attribute) is { } typed
                ? TypedWrite(typed)
                : L.Expression.Call(M.WriteAttribute, Node(attribute), _ctx, Value(attribute.Target));
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
    /// <c>for</c> by index, as <c>ForStatement.RenderLoop</c> runs it. With a <c>loop</c> variable the interpreter
    /// materialises any iterable (<c>PyOps.ToList</c>), and so does this code. Without one, a <c>List&lt;object?&gt;</c> runs
    /// by index, and so does an array of references (the interpreter enumerates it item by item through
    /// <c>ClrInterop.Normalize</c>, which this code calls per item too); any other iterable goes to <c>RenderLoop</c> with
    /// the value already evaluated.
    /// </summary>
    private L.Expression For(ForStatement loop)
    {
        var target = (NameTarget)loop.Target;
        var source = L.Expression.Variable(typeof(object), "source");
        var i = L.Expression.Variable(typeof(int), "i");
        _locals.Add(source);
        _locals.Add(i);
        var withLoop = loop.LoopSlot >= 0;
        var items = L.Expression.Variable(typeof(IReadOnlyList<object?>), "items");
        var list = L.Expression.Variable(typeof(List<object?>), "list");
        var array = L.Expression.Variable(typeof(object[]), "array");
        L.Expression count, item;
        if (withLoop)
        {
            _locals.Add(items);
            count = L.Expression.Property(items, M.ReadOnlyCount);
            item = L.Expression.Property(items, M.ReadOnlyItem, i);
        }
        else
        {
            _locals.Add(list);
            _locals.Add(array);
            var isList = L.Expression.NotEqual(list, L.Expression.Constant(null, typeof(List<object?>)));
            count = L.Expression.Condition(isList, L.Expression.Property(list, M.ListCount), L.Expression.ArrayLength(array));
            item = L.Expression.Condition(isList, L.Expression.Call(list, M.ListItem, i),
                L.Expression.Call(M.Normalize, L.Expression.ArrayIndex(array, i)));
        }
        var loopObject = withLoop ? L.Expression.Variable(typeof(LoopContext), "loop") : null;
        if (loopObject is not null) _locals.Add(loopObject);

        var iteration = new List<L.Expression>();
        if (loop.ScopeEnd > loop.BodyStart)
            iteration.Add(L.Expression.Call(M.ResetSlots, _slots, L.Expression.Constant(loop.BodyStart), L.Expression.Constant(loop.ScopeEnd - loop.BodyStart)));
        iteration.Add(L.Expression.Assign(L.Expression.ArrayAccess(_slots, L.Expression.Constant(target.Slot)), item));
        if (loopObject is not null)
        {
            iteration.Add(L.Expression.Call(M.SetIndex, loopObject, i));
            iteration.Add(L.Expression.Assign(L.Expression.ArrayAccess(_slots, L.Expression.Constant(loop.LoopSlot)), loopObject));
        }
        iteration.Add(List(loop.Body));

        var breakLabel = L.Expression.Label("break");
        var run = L.Expression.Block(typeof(void),
            L.Expression.Assign(i, L.Expression.Constant(0)),
            L.Expression.Loop(
                L.Expression.Block(typeof(void),
                    L.Expression.IfThen(L.Expression.GreaterThanOrEqual(i, count), L.Expression.Break(breakLabel)),
                    L.Expression.Block(typeof(void), iteration),
                    L.Expression.IfThen(L.Expression.Not(L.Expression.Call(M.EndIteration, _ctx)), L.Expression.Break(breakLabel)),
                    L.Expression.PreIncrementAssign(i)),
                breakLabel));

        var otherwise = loop.Otherwise is null ? L.Expression.Empty() : List(loop.Otherwise);
        // "No item" is Count == 0 before the first iteration: the interpreter's fast path sets "any" on entering the
        // body, which happens exactly when the count is positive at the start.
        var overItems = L.Expression.IfThenElse(L.Expression.Equal(count, L.Expression.Constant(0)), otherwise,
            loopObject is null ? run : L.Expression.Block(typeof(void),
                L.Expression.Assign(loopObject, L.Expression.Call(M.NewLoop, items, _ctx)),
                run));
        if (withLoop)
        {
            return L.Expression.Block(typeof(void),
                L.Expression.Assign(items, L.Expression.Call(TM.LoopItems, Value(loop.Iterable))),
                overItems);
        }
        return L.Expression.Block(typeof(void),
            L.Expression.Assign(source, Value(loop.Iterable)),
            L.Expression.Assign(list, L.Expression.TypeAs(source, typeof(List<object?>))),
            L.Expression.Assign(array, L.Expression.Call(M.AsPlainArray, source)),
            L.Expression.IfThenElse(
                L.Expression.OrElse(
                    L.Expression.NotEqual(list, L.Expression.Constant(null, typeof(List<object?>))),
                    L.Expression.NotEqual(array, L.Expression.Constant(null, typeof(object[])))),
                overItems,
                L.Expression.Call(Node(loop), M.RenderLoop, _ctx, source, L.Expression.Constant(0))));
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
                        L.Expression.Call(Node(name), M.Eval, _ctx),
                        v));
            }
            case AttributeExpression attribute:
                return TypedReadOf(attribute) is { } typed
                    ? TypedValue(typed)
                    : L.Expression.Call(M.ReadAttribute, Node(attribute), _ctx, Value(attribute.Target));
            default:
                return L.Expression.Call(Node(expression), M.Eval, _ctx);
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
        public static readonly FieldInfo Control = typeof(RenderContext).GetField(nameof(RenderContext.Control), Instance)!;
        public static readonly FieldInfo Native = typeof(RenderContext).GetField(nameof(RenderContext.Native), Instance)!;
        public static readonly PropertyInfo AutoescapeProperty = typeof(RenderContext).GetProperty(nameof(RenderContext.Autoescape), Instance)!;
        public static readonly MethodInfo WriteString = typeof(OutputBuffer).GetMethod(nameof(OutputBuffer.Write), Instance, [typeof(string)])!;
        public static readonly MethodInfo WriteValue = typeof(OutputBuffer).GetMethod(nameof(OutputBuffer.WriteValue), Instance, [typeof(object), typeof(bool)])!;
        public static readonly MethodInfo Render = typeof(Statement).GetMethod(nameof(Statement.Render), Instance, [typeof(RenderContext)])!;
        public static readonly MethodInfo Eval = typeof(Syntax.Expression).GetMethod(nameof(Syntax.Expression.Eval), Instance, [typeof(RenderContext)])!;
        public static readonly MethodInfo ReadAttribute = typeof(TierRuntime).GetMethod(nameof(TierRuntime.ReadAttribute), Static)!;
        public static readonly MethodInfo WriteAttribute = typeof(TierRuntime).GetMethod(nameof(TierRuntime.WriteAttribute), Static)!;
        public static readonly MethodInfo RenderLoop = typeof(ForStatement).GetMethod(nameof(ForStatement.RenderLoop), Instance, [typeof(RenderContext), typeof(object), typeof(int)])!;
        public static readonly MethodInfo EvaluateArguments = typeof(Arguments).GetMethod(nameof(Arguments.Evaluate), Instance, [typeof(RenderContext)])!;
        public static readonly MethodInfo IsTrue = typeof(PyOps).GetMethod(nameof(PyOps.IsTrue), Static, [typeof(object)])!;
        public static readonly MethodInfo Annotate = typeof(ErrorLocator).GetMethod(nameof(ErrorLocator.Annotate), Static)!;
        public static readonly MethodInfo Wrap = typeof(ErrorLocator).GetMethod(nameof(ErrorLocator.Wrap), Static)!;
        public static readonly MethodInfo NewLoop = typeof(TierRuntime).GetMethod(nameof(TierRuntime.NewLoop), Static)!;
        public static readonly MethodInfo ResetSlots = typeof(TierRuntime).GetMethod(nameof(TierRuntime.ResetSlots), Static)!;
        public static readonly MethodInfo EndIteration = typeof(TierRuntime).GetMethod(nameof(TierRuntime.EndIteration), Static)!;
        public static readonly MethodInfo SetIndex = typeof(TierRuntime).GetMethod(nameof(TierRuntime.SetIndex), Static)!;
        public static readonly MethodInfo ToList = typeof(PyOps).GetMethod(nameof(PyOps.ToList), Static, [typeof(object)])!;
        public static readonly MethodInfo Normalize = typeof(ClrInterop).GetMethod(nameof(ClrInterop.Normalize), Static, [typeof(object)])!;
        public static readonly MethodInfo AsPlainArray = typeof(TierRuntime).GetMethod(nameof(TierRuntime.AsPlainArray), Static)!;
        public static readonly PropertyInfo ReadOnlyCount = typeof(IReadOnlyCollection<object?>).GetProperty(nameof(IReadOnlyCollection<object?>.Count))!;
        public static readonly PropertyInfo ReadOnlyItem = typeof(IReadOnlyList<object?>).GetProperty("Item")!;
        public static readonly PropertyInfo ListCount = typeof(List<object?>).GetProperty(nameof(List<object?>.Count))!;
        public static readonly MethodInfo ListItem = typeof(List<object?>).GetProperty("Item")!.GetMethod!;
    }
}
