using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kida.Runtime;
using Kida.Runtime.Output;
using Kida.Runtime.Values;
using Kida.Syntax.Expressions;

namespace Kida.Compilation.Tiering;

/// <summary>
/// Small helpers the compiled tier calls, each doing exactly what the interpreter does at the same point (attribute
/// reads and writes, typed prints and tests, a loop's items), so compiled code stays a sequence of calls to the
/// interpreter's own operations. The loop machinery is <see cref="TierLoop"/>.
/// </summary>
internal static class TierRuntime
{
    /// <summary>
    /// <c>obj.name</c> with the plain-dictionary case first, inline: a hit returns what <see cref="AttributeExpression.Read"/>
    /// returns for it (the normalised value; "" for None in the Kida dialect); everything else is <c>Read</c> itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static object? ReadAttribute(object node, RenderContext ctx, object? obj)
    {
        var site = Unsafe.As<AttributeExpression>(node);   // typed object in generated code: no cast there
        if (obj is not null && obj.GetType() == typeof(Dictionary<string, object?>) && !site.NullSafe
            && Unsafe.As<Dictionary<string, object?>>(obj).TryGetValue(site.Name, out var value))
        {
            value = ClrInterop.Normalize(value);
            return value is null && ctx.KidaDialect ? "" : value;
        }
        return site.Read(ctx, obj);
    }

    /// <summary><c>{{ obj.name }}</c>: the plain-dictionary case inline, as <see cref="ReadAttribute"/>; else <see cref="AttributeExpression.WriteFrom"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void WriteAttribute(object node, RenderContext ctx, object? obj)
    {
        var site = Unsafe.As<AttributeExpression>(node);
        if (obj is not null && obj.GetType() == typeof(Dictionary<string, object?>) && !site.NullSafe
            && Unsafe.As<Dictionary<string, object?>>(obj).TryGetValue(site.Name, out var value))
        {
            // The two values pages print most, already normalised, written without Normalize and WriteValue's switch.
            if (value is string s)
            {
                if (ctx.Autoescape) ctx.Output.WriteEscaped(s);
                else ctx.Output.Write(s);
                return;
            }
            if (value is long l)
            {
                ctx.Output.Write(l);
                return;
            }
            value = ClrInterop.Normalize(value);
            ctx.Output.WriteValue(value is null && ctx.KidaDialect ? "" : value, ctx.Autoescape);
            return;
        }
        site.WriteFrom(ctx, obj);
    }

    /// <summary>
    /// The array when <paramref name="source"/> is an array of references that the interpreter enumerates item by item
    /// (it is not a <c>List&lt;object?&gt;</c> and <c>ClrInterop.Normalize</c> keeps it as it is); otherwise null.
    /// </summary>
    public static object[]? AsPlainArray(object? source) =>
        source is object[] array && source is not List<object?> && ReferenceEquals(ClrInterop.Normalize(array), array) ? array : null;

    /// <summary>Whether <paramref name="value"/> is exactly a <typeparamref name="T"/> (not a subtype), the test of the interpreter's getter cache.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsExactly<T>(object? value) => value is not null && value.GetType() == typeof(T);

    /// <summary>What <see cref="AttributeExpression.Read"/> makes of a None member: "" in the Kida dialect.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static object? KidaNone(object? value, RenderContext ctx) => value is null && ctx.KidaDialect ? "" : value;

    /// <summary>Prints a string member (null: None, or "" in the Kida dialect unless <paramref name="keepsNone"/>) as <c>WriteValue</c> would.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // inlined, its writes doubled the JIT's work for every printed member
    public static void WriteText(RenderContext ctx, string? text, bool keepsNone)
    {
        if (text is null)
        {
            if (keepsNone || !ctx.KidaDialect) ctx.Output.WriteValue(null, ctx.Autoescape);
            return;
        }
        if (ctx.Autoescape) ctx.Output.WriteEscaped(text);
        else ctx.Output.Write(text);
    }

    /// <summary>Prints a value as <c>{{ value }}</c> does outside native output: a string escaped (when autoescaping) straight away, anything else through <see cref="OutputBuffer.WriteValue"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // as WriteText
    public static void WritePrinted(RenderContext ctx, object? value)
    {
        var output = ctx.Output;
        if (value is string s)
        {
            if (ctx.Autoescape) output.WriteEscaped(s);
            else output.Write(s);
        }
        else if (value is long l) output.Write(l);
        else output.WriteValue(value, ctx.Autoescape);
    }

    /// <summary><c>PyOps.IsTrue</c> of a string member: None and "" are false.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNonEmpty(string? text) => text is { Length: > 0 };

    /// <summary>The builtin <c>odd</c> on a value: an integer's bit inline, anything else through the bound test itself.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // the slow branch beside a typed bit test: not worth the JIT's inlining
    public static bool Odd(object? value, object test, RenderContext ctx) =>
        value is long l ? (l & 1) != 0 : Unsafe.As<TestExpression>(test).Function(value, Unsafe.As<TestExpression>(test).Arguments.Evaluate(ctx));

    /// <summary>The builtin <c>even</c> on a value: an integer's bit inline, anything else through the bound test itself.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool Even(object? value, object test, RenderContext ctx) =>
        value is long l ? (l & 1) == 0 : Unsafe.As<TestExpression>(test).Function(value, Unsafe.As<TestExpression>(test).Arguments.Evaluate(ctx));

    /// <summary>
    /// The items a loop with a <c>loop</c> variable runs over, as <see cref="PyOps.ToList"/> materialises them: an array of
    /// references whose element type <see cref="ClrInterop.Normalize"/> keeps as it is (a typed model's <c>Row[]</c>) is
    /// already that list, so it is not copied (the interpreter copies it, item by item, into a new list).
    /// </summary>
    public static IReadOnlyList<object?> LoopItems(object? value) =>
        value is object[] array && AsPlainArray(array) is not null && NormalizesToItself(array.GetType().GetElementType()!)
            ? array
            : PyOps.ToList(value);

    private static readonly ConcurrentDictionary<Type, bool> SelfNormalizing = new();

    /// <summary>
    /// Whether every value of static type <paramref name="t"/> is left as it is by <see cref="ClrInterop.Normalize"/>:
    /// a class that is neither a base nor a subtype of <see cref="JsonNode"/> (the one class it converts) and not one of the
    /// bases of boxed values. Arrays, lists and records of the model are; <c>object</c> and interfaces are not.
    /// </summary>
    public static bool NormalizesToItself(Type t) => SelfNormalizing.GetOrAdd(t, static t =>
        t.IsClass && !t.IsAssignableFrom(typeof(JsonNode)) && !typeof(JsonNode).IsAssignableFrom(t)
        && t != typeof(ValueType) && t != typeof(Enum) && !typeof(Delegate).IsAssignableFrom(t));
}
