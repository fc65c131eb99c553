using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kida.Runtime;
using Kida.Runtime.Members;
using Kida.Runtime.Output;
using Kida.Runtime.Values;
using Kida.Syntax.Expressions;
using L = System.Linq.Expressions;

namespace Kida.Compilation.Tiering;

// Typed reads: attribute reads whose value the compiler can read with its static type behind a run-time type guard
// (loop.index on a LoopContext, a CLR object's property on the type the interpreter's cache saw), printed, tested and
// branched on without boxing, and every other case going to the interpreter's own read (TierRuntime.ReadAttribute).
internal sealed partial class TemplateJit
{
    /// <summary>What a typed read's fast value is, which decides how it is boxed, printed and tested.</summary>
    private enum TypedKind
    {
        /// <summary>A <c>long</c> (every integer type that fits one): boxed as <see cref="PyOps.Box(long)"/>.</summary>
        Integer,
        /// <summary>A <c>bool</c>.</summary>
        Boolean,
        /// <summary>A <c>double</c>.</summary>
        Float,
        /// <summary>A <c>string</c> (may be null: None).</summary>
        Text,
        /// <summary>A reference that <see cref="ClrInterop.Normalize"/> keeps as it is (may be null: None).</summary>
        Reference,
        /// <summary>Anything else, as <c>object</c>: normalised as the interpreter normalises it (may be null: None).</summary>
        Other,
    }

    /// <summary>
    /// An attribute read with a fast path: <see cref="Target"/> is evaluated once into <see cref="Subject"/>; when
    /// <see cref="Guard"/> holds, <see cref="Fast"/> (typed by <see cref="Kind"/>) is the member, else the interpreter reads it.
    /// </summary>
    private sealed record TypedRead(AttributeExpression Site, L.ParameterExpression Subject, L.Expression Target, L.Expression Guard, L.Expression Fast, TypedKind Kind)
    {
        /// <summary>Whether a None member stays None (<c>?.</c>) instead of the Kida dialect's "".</summary>
        public bool KeepsNone => Site.NullSafe || Site.LoopMember != LoopContext.Member.None;
    }

    /// <summary>
    /// Diagnostics (for tests): each attribute site compiled as a typed read, with what it reads ("Integer on LoopContext",
    /// "Text on Row"). Weak keys: it holds no tree alive.
    /// </summary>
    internal static readonly ConditionalWeakTable<AttributeExpression, string> TypedSites = new();

    /// <summary>
    /// The typed read of <paramref name="expression"/>, or null when it has none: <c>x.index</c> and the other position
    /// attributes of <c>loop</c> (guarded by <c>x is LoopContext</c>), and an attribute of a CLR object whose site the
    /// interpreter has read through its getter cache (guarded by the exact type the cache saw; the member is the one
    /// <see cref="MemberAccess.ResolveMember"/> resolves for it, the same one the cached getter reads, so what the sandbox
    /// refuses never gets here).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2060",
        Justification = "Unsafe.As<T> and TierRuntime.IsExactly<T> have no requirements on T; T is the run-time type of an object the render already holds.")]
    private TypedRead? TypedReadOf(Syntax.Expression expression)
    {
        if (expression is not AttributeExpression site) return null;
        if (site.LoopMember != LoopContext.Member.None)
        {
            var subject = L.Expression.Variable(typeof(object), "loop_subject");
            var loop = L.Expression.Convert(subject, typeof(LoopContext));
            var index0 = L.Expression.Field(loop, TM.LoopIndex0);
            var length = L.Expression.Property(loop, TM.LoopLength);
            L.Expression one = L.Expression.Constant(1);
            (L.Expression fast, TypedKind kind) = site.LoopMember switch
            {
                LoopContext.Member.Index => (L.Expression.Add(index0, one), TypedKind.Integer),
                LoopContext.Member.Index0 => (index0, TypedKind.Integer),
                LoopContext.Member.RevIndex => (L.Expression.Subtract(length, index0), TypedKind.Integer),
                LoopContext.Member.RevIndex0 => (L.Expression.Subtract(L.Expression.Subtract(length, index0), one), TypedKind.Integer),
                LoopContext.Member.First => (L.Expression.Equal(index0, L.Expression.Constant(0)), TypedKind.Boolean),
                LoopContext.Member.Last => (L.Expression.Equal(index0, L.Expression.Subtract(length, one)), TypedKind.Boolean),
                _ => ((L.Expression)length, TypedKind.Integer),
            };
            if (kind == TypedKind.Integer) fast = L.Expression.Convert(fast, typeof(long));
            // LoopContext is sealed: "is" is the exact type test.
            TypedSites.AddOrUpdate(site, $"{kind} on {nameof(LoopContext)}");
            return new TypedRead(site, subject, Value(site.Target), L.Expression.TypeIs(subject, typeof(LoopContext)), fast, kind);
        }
        if (site.CachedType is not { } type || MemberAccess.ResolveMember(type, site.Name) is not { } member) return null;
        {
            var subject = L.Expression.Variable(typeof(object), "clr_subject");
            L.Expression instance = type.IsValueType
                ? L.Expression.Unbox(subject, type)
                : L.Expression.Call(TM.UnsafeAs.MakeGenericMethod(type), subject);
            L.Expression value = L.Expression.MakeMemberAccess(instance, member);
            var t = value.Type;
            TypedKind kind;
            if (IsLongSized(t)) { kind = TypedKind.Integer; value = L.Expression.Convert(value, typeof(long)); }
            else if (t == typeof(bool)) kind = TypedKind.Boolean;
            else if (t == typeof(double)) kind = TypedKind.Float;
            else if (t == typeof(string)) kind = TypedKind.Text;
            else if (NormalizesToItself(t)) kind = TypedKind.Reference;
            else { kind = TypedKind.Other; value = L.Expression.Convert(value, typeof(object)); }
            // The interpreter's cache compares exact types; for a sealed type (or a boxed struct) "is" is that test.
            L.Expression guard = type.IsSealed || type.IsValueType
                ? L.Expression.TypeIs(subject, type)
                : L.Expression.Call(TM.IsExactly.MakeGenericMethod(type), subject);
            TypedSites.AddOrUpdate(site, $"{kind} on {type.Name}");
            return new TypedRead(site, subject, Value(site.Target), guard, value, kind);
        }
    }

    /// <summary>Integer types whose every value is a <c>long</c>, as the member getters box them (not <c>ulong</c>).</summary>
    private static bool IsLongSized(Type t) =>
        t == typeof(long) || t == typeof(int) || t == typeof(short) || t == typeof(sbyte)
        || t == typeof(uint) || t == typeof(ushort) || t == typeof(byte);

    private static bool NormalizesToItself(Type t) => TierRuntime.NormalizesToItself(t);

    /// <summary>Runs <paramref name="body"/> with the read's subject evaluated once.</summary>
    private static L.Expression WithSubject(TypedRead read, L.Expression body) =>
        L.Expression.Block(body.Type, [read.Subject], L.Expression.Assign(read.Subject, read.Target), body);

    /// <summary>The typed value as the interpreter's <c>Read</c> returns it.</summary>
    private L.Expression Boxed(TypedRead read)
    {
        switch (read.Kind)
        {
            case TypedKind.Integer: return L.Expression.Call(TM.BoxLong, read.Fast);
            case TypedKind.Boolean: return L.Expression.Call(TM.BoxBool, read.Fast);
            case TypedKind.Float: return L.Expression.Convert(read.Fast, typeof(object));
        }
        L.Expression value = read.Kind == TypedKind.Other ? L.Expression.Call(M.Normalize, read.Fast) : L.Expression.Convert(read.Fast, typeof(object));
        return read.KeepsNone ? value : L.Expression.Call(TM.KidaNone, value, _ctx);
    }

    /// <summary>The interpreter's read of the site, for subjects the guard does not take.</summary>
    private L.Expression SlowRead(TypedRead read) => L.Expression.Call(M.ReadAttribute, Obj(read.Site), _ctx, read.Subject);

    /// <summary><c>obj.attr</c> as a value: the typed read boxed, or the interpreter's read.</summary>
    private L.Expression TypedValue(TypedRead read) =>
        WithSubject(read, L.Expression.Condition(read.Guard, Boxed(read), SlowRead(read), typeof(object)));

    /// <summary><c>{{ obj.attr }}</c> outside native output: the typed value written as <c>WriteValue</c> writes it.</summary>
    private L.Expression TypedWrite(TypedRead read)
    {
        var output = Ctx(M.Output);
        L.Expression write = read.Kind switch
        {
            TypedKind.Integer => L.Expression.Call(output, TM.WriteLong, read.Fast),
            TypedKind.Boolean => L.Expression.Call(output, M.WriteString,
                L.Expression.Condition(read.Fast, L.Expression.Constant("True"), L.Expression.Constant("False"))),
            TypedKind.Float => L.Expression.Call(output, TM.WriteFloat, read.Fast),
            TypedKind.Text => L.Expression.Call(TM.WriteText, _ctx, read.Fast, L.Expression.Constant(read.KeepsNone)),
            _ => L.Expression.Call(TM.WritePrinted, _ctx, Boxed(read)),
        };
        return WithSubject(read, L.Expression.IfThenElse(read.Guard, write,
            L.Expression.Call(M.WriteAttribute, Obj(read.Site), _ctx, read.Subject)));
    }

    /// <summary><c>{{ expr }}</c> of a plain value outside native output: as <c>WriteValue(expr.Eval(ctx), ctx.Autoescape)</c>.</summary>
    private L.Expression Printed(Syntax.Expression expression) => L.Expression.Call(TM.WritePrinted, _ctx, Value(expression));

    /// <summary>A typed read as a condition: what <c>PyOps.IsTrue</c> says of its value.</summary>
    private L.Expression TypedCondition(TypedRead read)
    {
        L.Expression fast = read.Kind switch
        {
            TypedKind.Boolean => read.Fast,
            TypedKind.Integer => L.Expression.NotEqual(read.Fast, L.Expression.Constant(0L)),
            TypedKind.Float => L.Expression.NotEqual(read.Fast, L.Expression.Constant(0.0)),
            // None (or the Kida dialect's "" for it) and "" are false.
            TypedKind.Text => L.Expression.Call(TM.IsNonEmpty, read.Fast),
            _ => L.Expression.Call(M.IsTrue, Boxed(read)),
        };
        return WithSubject(read, L.Expression.Condition(read.Guard, fast, L.Expression.Call(M.IsTrue, SlowRead(read)), typeof(bool)));
    }

    /// <summary>
    /// <c>value is [not] test</c> for the builtin tests with no arguments that compiled code can run inline
    /// (<see cref="InlineTests"/>): on an integer typed read, <c>odd</c>/<c>even</c> test the bit of the typed value; on
    /// any other value the test is its builtin body on the object, without the delegate call. Null when the test is not
    /// one of them (a user's test, or one with arguments): the caller then calls the bound delegate.
    /// </summary>
    private L.Expression? InlineTest(TestExpression test)
    {
        if (!test.Arguments.IsEmpty) return null;
        var kind = InlineTests.Of(test.Function);
        if (kind == InlineTests.Kind.None) return null;
        L.Expression result;
        if (kind is InlineTests.Kind.Odd or InlineTests.Kind.Even)
        {
            var odd = kind == InlineTests.Kind.Odd;
            var read = TypedReadOf(test.Value);
            if (read is { Kind: TypedKind.Integer })
            {
                var bit = L.Expression.And(read.Fast, L.Expression.Constant(1L));
                L.Expression fast = odd ? L.Expression.NotEqual(bit, L.Expression.Constant(0L)) : L.Expression.Equal(bit, L.Expression.Constant(0L));
                var slow = L.Expression.Call(odd ? TM.Odd : TM.Even, SlowRead(read), Obj(test), _ctx);
                result = WithSubject(read, L.Expression.Condition(read.Guard, fast, slow, typeof(bool)));
            }
            else result = L.Expression.Call(odd ? TM.Odd : TM.Even, read is null ? Value(test.Value) : TypedValue(read), Obj(test), _ctx);
        }
        else
        {
            var v = L.Expression.Variable(typeof(object), "tested");
            L.Expression isUndefined = L.Expression.TypeIs(v, typeof(Undefined));
            L.Expression isNone = L.Expression.ReferenceEqual(v, L.Expression.Constant(null));
            L.Expression check = kind switch
            {
                InlineTests.Kind.Defined => L.Expression.Not(isUndefined),
                InlineTests.Kind.Undefined => isUndefined,
                InlineTests.Kind.KidaDefined => L.Expression.Not(L.Expression.OrElse(isUndefined, isNone)),
                InlineTests.Kind.KidaUndefined => L.Expression.OrElse(isUndefined, isNone),
                _ => isNone,
            };
            result = L.Expression.Block(typeof(bool), [v], L.Expression.Assign(v, Value(test.Value)), check);
        }
        return test.Negated ? L.Expression.Not(result) : result;
    }

    /// <summary>The members the typed reads call.</summary>
    private static class TM
    {
        private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        private const BindingFlags Static = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

        public static readonly FieldInfo LoopIndex0 = typeof(LoopContext).GetField(nameof(LoopContext.Index0), Instance)!;
        public static readonly PropertyInfo LoopLength = typeof(LoopContext).GetProperty(nameof(LoopContext.Length), Instance)!;
        public static readonly MethodInfo UnsafeAs = typeof(Unsafe).GetMethods(BindingFlags.Static | BindingFlags.Public)
            .Single(m => m.Name == nameof(Unsafe.As) && m.GetGenericArguments().Length == 1 && m.GetParameters() is [{ ParameterType: var p }] && p == typeof(object));
        public static readonly MethodInfo IsExactly = typeof(TierRuntime).GetMethod(nameof(TierRuntime.IsExactly), Static)!;
        public static readonly MethodInfo BoxLong = typeof(PyOps).GetMethod(nameof(PyOps.Box), Static, [typeof(long)])!;
        public static readonly MethodInfo BoxBool = typeof(PyOps).GetMethod(nameof(PyOps.Box), Static, [typeof(bool)])!;
        public static readonly MethodInfo KidaNone = typeof(TierRuntime).GetMethod(nameof(TierRuntime.KidaNone), Static)!;
        public static readonly MethodInfo WriteLong = typeof(OutputBuffer).GetMethod(nameof(OutputBuffer.Write), Instance, [typeof(long)])!;
        public static readonly MethodInfo WriteFloat = typeof(OutputBuffer).GetMethod(nameof(OutputBuffer.WriteFloat), Instance, [typeof(double)])!;
        public static readonly MethodInfo WriteText = typeof(TierRuntime).GetMethod(nameof(TierRuntime.WriteText), Static)!;
        public static readonly MethodInfo WritePrinted = typeof(TierRuntime).GetMethod(nameof(TierRuntime.WritePrinted), Static)!;
        public static readonly MethodInfo IsNonEmpty = typeof(TierRuntime).GetMethod(nameof(TierRuntime.IsNonEmpty), Static)!;
        public static readonly MethodInfo Odd = typeof(TierRuntime).GetMethod(nameof(TierRuntime.Odd), Static)!;
        public static readonly MethodInfo Even = typeof(TierRuntime).GetMethod(nameof(TierRuntime.Even), Static)!;
        public static readonly MethodInfo LoopItems = typeof(TierRuntime).GetMethod(nameof(TierRuntime.LoopItems), Static)!;
    }
}
