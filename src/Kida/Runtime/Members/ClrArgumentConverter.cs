using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Kida.Runtime.Values;

namespace Kida.Runtime.Members;

/// <summary>
/// Converts one template value into one .NET parameter type the way a Python caller expects: ints widen or narrow
/// with an overflow check, ints and floats become floating types, nothing becomes an int implicitly from a float,
/// None becomes null for reference and nullable types, lists become arrays and read-only lists, dicts dictionaries.
/// The plan is chosen once per parameter (at registration); <see cref="Convert"/> only switches on it.
/// </summary>
internal sealed class ClrArgumentConverter
{
    private enum Kind
    {
        Raw, String, Char, Bool, Int64, Int32, Int16, SByte, Byte, UInt16, UInt32, UInt64, BigInt, Double, Single, Decimal,
        Enum, Array, ObjectList, TypedSequence, StringDictionary, ObjectDictionary, Instance,
    }

    private readonly Kind _kind;
    private readonly Type _type;          // the parameter type with Nullable<> removed
    private readonly bool _acceptsNull;
    private readonly ClrArgumentConverter? _element;
    private readonly Type? _arrayType;

    private ClrArgumentConverter(Kind kind, Type type, bool acceptsNull, ClrArgumentConverter? element = null, Type? arrayType = null)
    {
        _kind = kind;
        _type = type;
        _acceptsNull = acceptsNull;
        _element = element;
        _arrayType = arrayType;
    }

    /// <summary>The Python name of what the parameter expects (<c>int</c>, <c>str</c>, <c>list[int]</c>…), for messages.</summary>
    public string Expected => _kind switch
    {
        Kind.String or Kind.Char => "str",
        Kind.Bool => "bool",
        Kind.Int64 or Kind.Int32 or Kind.Int16 or Kind.SByte or Kind.Byte or Kind.UInt16 or Kind.UInt32 or Kind.UInt64 or Kind.BigInt => "int",
        Kind.Double or Kind.Single or Kind.Decimal => "float",
        Kind.Enum => $"{_type.Name} (int or member name)",
        Kind.Array or Kind.TypedSequence => $"list[{_element!.Expected}]",
        Kind.ObjectList => "list",
        Kind.StringDictionary or Kind.ObjectDictionary => "dict",
        Kind.Raw => "object",
        _ => _type.Name,
    };

    /// <summary>
    /// The plan for <paramref name="parameterType"/>, or null with <paramref name="refusal"/> when no template value can
    /// ever be passed to it (by-ref, pointer and open generic types).
    /// </summary>
    public static ClrArgumentConverter? For(Type parameterType, out string? refusal)
    {
        refusal = null;
        if (parameterType.IsByRef) { refusal = "it is passed by reference (ref/out/in)"; return null; }
        if (parameterType.IsPointer || parameterType.IsFunctionPointer) { refusal = "it is a pointer"; return null; }
        if (parameterType.ContainsGenericParameters) { refusal = "its type is an open generic parameter"; return null; }
        if (parameterType.IsByRefLike) { refusal = $"its type '{parameterType.Name}' is a ref struct"; return null; }
        var underlying = Nullable.GetUnderlyingType(parameterType);
        var t = underlying ?? parameterType;
        var acceptsNull = underlying is not null || !parameterType.IsValueType;
        if (t == typeof(object)) return new(Kind.Raw, t, true);
        if (t == typeof(string)) return new(Kind.String, t, acceptsNull);
        if (t == typeof(char)) return new(Kind.Char, t, acceptsNull);
        if (t == typeof(bool)) return new(Kind.Bool, t, acceptsNull);
        if (t == typeof(long)) return new(Kind.Int64, t, acceptsNull);
        if (t == typeof(int)) return new(Kind.Int32, t, acceptsNull);
        if (t == typeof(short)) return new(Kind.Int16, t, acceptsNull);
        if (t == typeof(sbyte)) return new(Kind.SByte, t, acceptsNull);
        if (t == typeof(byte)) return new(Kind.Byte, t, acceptsNull);
        if (t == typeof(ushort)) return new(Kind.UInt16, t, acceptsNull);
        if (t == typeof(uint)) return new(Kind.UInt32, t, acceptsNull);
        if (t == typeof(ulong)) return new(Kind.UInt64, t, acceptsNull);
        if (t == typeof(BigInteger)) return new(Kind.BigInt, t, acceptsNull);
        if (t == typeof(double)) return new(Kind.Double, t, acceptsNull);
        if (t == typeof(float)) return new(Kind.Single, t, acceptsNull);
        if (t == typeof(decimal)) return new(Kind.Decimal, t, acceptsNull);
        if (t.IsEnum) return new(Kind.Enum, t, acceptsNull);
        if (t.IsArray && t.GetArrayRank() == 1)
        {
            var element = For(t.GetElementType()!, out refusal);
            return element is null ? null : new(Kind.Array, t, true, element, t);
        }
        if (t == typeof(List<object?>) || t == typeof(IList) || t == typeof(ICollection) || t == typeof(IEnumerable))
            return new(Kind.ObjectList, t, true);
        if (t.IsGenericType && t.IsInterface && t.GetGenericArguments() is [var item] && IsSequenceInterface(t.GetGenericTypeDefinition()))
        {
            if (item == typeof(object)) return new(Kind.ObjectList, t, true);
            var element = For(item, out refusal);
            if (element is null) return null;
            var arrayType = ArrayTypeOf(item);
            // Without dynamic code (Native AOT) an array type the program never mentions may not exist: such a
            // parameter takes only values that already are of its type.
            return arrayType is null ? new(Kind.Instance, t, true) : new(Kind.TypedSequence, t, true, element, arrayType);
        }
        if (t == typeof(IDictionary<string, object?>) || t == typeof(IDictionary<string, object>) || t == typeof(Dictionary<string, object?>)
            || t == typeof(IReadOnlyDictionary<string, object?>) || t == typeof(IReadOnlyDictionary<string, object>))
            return new(Kind.StringDictionary, t, true);
        if (t == typeof(IDictionary) || t == typeof(IDictionary<object, object?>) || t == typeof(IDictionary<object, object>))
            return new(Kind.ObjectDictionary, t, true);
        return new(Kind.Instance, t, acceptsNull);
    }

    private static bool IsSequenceInterface(Type definition) =>
        definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>)
        || definition == typeof(IList<>) || definition == typeof(ICollection<>);

    private static Type? ArrayTypeOf(Type element)
    {
        if (!RuntimeFeature.IsDynamicCodeSupported) return null;
        return MakeArrayType(element);

        [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Reached only when RuntimeFeature.IsDynamicCodeSupported is true.")]
        static Type MakeArrayType(Type element) => element.MakeArrayType();
    }

    /// <summary>
    /// Converts <paramref name="value"/>; false with the whole message when it cannot, starting with
    /// <paramref name="label"/> (<c>f(): parameter 'x' expects int, got str ('abc')</c>,
    /// <c>f(): parameter 'x': 3000000000 is out of range for int</c>).
    /// </summary>
    public bool TryConvert(object? value, string label, out object? converted, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        if (value is Undefined) value = null;
        if (value is null)
        {
            converted = null;
            if (_acceptsNull) return true;
            problem = $"{label} expects {Expected}, got None";
            return false;
        }
        switch (_kind)
        {
            case Kind.Raw:
                converted = value;
                return true;
            case Kind.String:
                if (value is string s) { converted = s; return true; }
                if (value is Markup m) { converted = m.Value; return true; }
                break;
            case Kind.Char:
                var text = value is Markup mc ? mc.Value : value as string;
                if (text is { Length: 1 }) { converted = text[0]; return true; }
                if (text is not null) { converted = null; problem = $"{label} expects a str of length 1, got {Shorten(PyFormat.Repr(text))}"; return false; }
                break;
            case Kind.Bool:
                if (value is bool) { converted = value; return true; }
                break;
            case Kind.Int64: case Kind.Int32: case Kind.Int16: case Kind.SByte: case Kind.Byte:
            case Kind.UInt16: case Kind.UInt32: case Kind.UInt64: case Kind.BigInt:
                if (TryInteger(value, out var big)) return Narrow(big, label, out converted, out problem);
                break;
            case Kind.Double:
                if (TryInteger(value, out var di)) { converted = (double)di; return true; }
                if (value is double d) { converted = d; return true; }
                break;
            case Kind.Single:
                if (TryInteger(value, out var fi)) { converted = (float)fi; return true; }
                if (value is double fd) { converted = (float)fd; return true; }
                break;
            case Kind.Decimal:
                if (TryInteger(value, out var mi))
                {
                    if (mi >= (BigInteger)decimal.MinValue && mi <= (BigInteger)decimal.MaxValue) { converted = (decimal)mi; return true; }
                    converted = null;
                    problem = $"{label}: {mi} is out of range for decimal";
                    return false;
                }
                if (value is double md)
                {
                    if (double.IsFinite(md) && Math.Abs(md) < 7.9e28) { converted = (decimal)md; return true; }
                    converted = null;
                    problem = $"{label}: {PyFormat.Repr(md)} is out of range for decimal";
                    return false;
                }
                break;
            case Kind.Enum:
                if (value is long l) { converted = System.Enum.ToObject(_type, l); return true; }
                if (value is string name && System.Enum.TryParse(_type, name, ignoreCase: false, out var member)) { converted = member; return true; }
                break;
            case Kind.Array:
            case Kind.TypedSequence:
                return TryArray(value, label, out converted, out problem);
            case Kind.ObjectList:
                if (_type.IsInstanceOfType(value) && value is List<object?> or PyTuple) { converted = value; return true; }
                if (value is List<object?> or PyTuple || (value is IEnumerable and not string and not IDictionary and not PyDict))
                {
                    var list = new List<object?>();
                    foreach (var item in (IEnumerable)value) list.Add(ClrInterop.Normalize(item));
                    if (_type.IsInstanceOfType(list)) { converted = list; return true; }
                }
                break;
            case Kind.StringDictionary:
                if (_type.IsInstanceOfType(value)) { converted = value; return true; }
                if (value is PyDict pd)
                {
                    var copy = new Dictionary<string, object?>(pd.Count, StringComparer.Ordinal);
                    foreach (var key in ((IDictionary<object, object?>)pd).Keys)
                    {
                        if (key is not string k) { converted = null; problem = $"{label} expects a dict with str keys, got a {PyFormat.TypeName(key)} key ({Shorten(PyFormat.Repr(key))})"; return false; }
                        copy[k] = pd[k];
                    }
                    converted = copy;
                    return true;
                }
                break;
            case Kind.ObjectDictionary:
                if (_type.IsInstanceOfType(value)) { converted = value; return true; }
                if (value is PyDict od)
                {
                    var copy = new Dictionary<object, object?>(od.Count);
                    foreach (var kv in (IDictionary<object, object?>)od) copy[kv.Key] = kv.Value;
                    converted = copy;
                    return true;
                }
                break;
            case Kind.Instance:
                if (_type.IsInstanceOfType(value)) { converted = value; return true; }
                break;
        }
        converted = null;
        problem = Mismatch(label, value);
        return false;
    }

    private string Mismatch(string label, object value) =>
        $"{label} expects {Expected}, got {PyFormat.TypeName(value)} ({Shorten(PyFormat.Repr(value))})";

    private static bool TryInteger(object value, out BigInteger integer)
    {
        switch (value)
        {
            case long l: integer = l; return true;
            case BigInteger b: integer = b; return true;
            case bool flag: integer = flag ? 1 : 0; return true; // Python's bool is an int
            case int i: integer = i; return true;
        }
        integer = default;
        return false;
    }

    private bool Narrow(BigInteger value, string label, out object? converted, out string? problem)
    {
        problem = null;
        (BigInteger Min, BigInteger Max) range = _kind switch
        {
            Kind.Int64 => (long.MinValue, long.MaxValue),
            Kind.Int32 => (int.MinValue, int.MaxValue),
            Kind.Int16 => (short.MinValue, short.MaxValue),
            Kind.SByte => (sbyte.MinValue, sbyte.MaxValue),
            Kind.Byte => (byte.MinValue, byte.MaxValue),
            Kind.UInt16 => (ushort.MinValue, ushort.MaxValue),
            Kind.UInt32 => (uint.MinValue, uint.MaxValue),
            Kind.UInt64 => (ulong.MinValue, ulong.MaxValue),
            _ => (value, value),
        };
        if (value < range.Min || value > range.Max)
        {
            converted = null;
            problem = $"{label}: {value.ToString(CultureInfo.InvariantCulture)} is out of range for {CSharpName(_type)}";
            return false;
        }
        converted = _kind switch
        {
            Kind.Int64 => (object)(long)value,
            Kind.Int32 => (object)(int)value,
            Kind.Int16 => (object)(short)value,
            Kind.SByte => (object)(sbyte)value,
            Kind.Byte => (object)(byte)value,
            Kind.UInt16 => (object)(ushort)value,
            Kind.UInt32 => (object)(uint)value,
            Kind.UInt64 => (object)(ulong)value,
            _ => (object)value,
        };
        return true;
    }

    private bool TryArray(object value, string label, out object? converted, out string? problem)
    {
        converted = null;
        if (_type.IsInstanceOfType(value) && value is not List<object?> and not PyTuple) { converted = value; problem = null; return true; }
        if (value is string or PyDict or IDictionary || value is not IEnumerable items)
        {
            problem = Mismatch(label, value);
            return false;
        }
        var buffer = new List<object?>();
        foreach (var item in items) buffer.Add(item);
        var array = Array.CreateInstanceFromArrayType(_arrayType!, buffer.Count);
        for (var i = 0; i < buffer.Count; i++)
        {
            if (!_element!.TryConvert(ClrInterop.Normalize(buffer[i]), $"{label} item {i}", out var element, out problem)) return false;
            array.SetValue(element, i);
        }
        converted = array;
        problem = null;
        return true;
    }

    private static string Shorten(string repr) => repr.Length <= 40 ? repr : repr[..37] + "...";

    /// <summary>The C# keyword for the numeric types (<c>int</c>, <c>byte</c>), else the type's name.</summary>
    internal static string CSharpName(Type t) =>
        t == typeof(int) ? "int" : t == typeof(long) ? "long" : t == typeof(short) ? "short" : t == typeof(sbyte) ? "sbyte"
        : t == typeof(byte) ? "byte" : t == typeof(ushort) ? "ushort" : t == typeof(uint) ? "uint" : t == typeof(ulong) ? "ulong"
        : t == typeof(double) ? "double" : t == typeof(float) ? "float" : t == typeof(decimal) ? "decimal" : t == typeof(bool) ? "bool"
        : t == typeof(string) ? "string" : t == typeof(char) ? "char" : t == typeof(object) ? "object" : t.Name;
}
