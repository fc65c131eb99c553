using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Kida.Runtime.Values;

/// <summary>Python's <c>str()</c> and <c>repr()</c> for template values.</summary>
internal static class PyFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Python <c>str(value)</c>. Lenient undefined prints as ""; strict undefined raises.</summary>
    public static string Str(object? value)
    {
        switch (value)
        {
            case string s: return s;
            case null: return "None";
            case Markup m: return m.Value;
            case bool b: return b ? "True" : "False";
            case long l: return l.ToString(Inv);
            case int i: return i.ToString(Inv);
            case double d: return FormatFloat(d);
            case Undefined u: return u.Text();
            default: return StrSlow(value);
        }
    }

    private static string StrSlow(object value)
    {
        switch (value)
        {
            case float f: return FormatFloat(f);
            case decimal m: return FormatFloat((double)m);
            case BigInteger bi: return bi.ToString(Inv);
            case char c: return c.ToString();
            case short or byte or sbyte or ushort or uint or ulong: return Convert.ToString(value, Inv) ?? "";
            case IPyObject p: return p.PyStr();
            case PyTuple or PyDict or IList or IDictionary: return Repr(value);
            case System.Text.Json.JsonElement or System.Text.Json.Nodes.JsonNode: return Str(ClrInterop.FromJsonAny(value));
            case DateTime dt: return dt.ToString("yyyy-MM-dd HH:mm:ss", Inv);
            case DateTimeOffset dto: return dto.ToString("yyyy-MM-dd HH:mm:sszzz", Inv);
            case Enum e: return e.ToString();
            case ISet<object?> or ISet<string> or ISet<long>: return Repr(value);
            case Delegate: return "<function>";
            default:
                if (value is IEnumerable && value.GetType().IsGenericType && IsSet(value)) return Repr(value);
                return value.ToString() ?? "";
        }
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = Kida.Runtime.Members.TrimNotes.KnownInterfaces)]
    private static bool IsSet(object value)
    {
        foreach (var i in value.GetType().GetInterfaces())
            if (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISet<>)) return true;
        return false;
    }

    /// <summary>Python <c>repr(value)</c>.</summary>
    public static string Repr(object? value)
    {
        var sb = new StringBuilder();
        AppendRepr(sb, value, 0, null);
        return sb.ToString();
    }

    private static void AppendRepr(StringBuilder sb, object? value, int depth, HashSet<object>? active)
    {
        if (depth > 100) { sb.Append("..."); return; }
        // Python prints a container that contains itself as [...] / {...}. Without this, a list appended to itself
        // twice would expand to 2^100 items.
        if (value is System.Collections.IEnumerable and not string && value is not IPyObject)
        {
            active ??= new HashSet<object>(ReferenceEqualityComparer.Instance);
            if (!active.Add(value))
            {
                sb.Append(value is PyDict or System.Collections.IDictionary ? "{...}" : value is PyTuple ? "(...)" : "[...]");
                return;
            }
            try { AppendContainerRepr(sb, value, depth, active); }
            finally { active.Remove(value); }
            return;
        }
        AppendContainerRepr(sb, value, depth, active);
    }

    private static void AppendContainerRepr(StringBuilder sb, object? value, int depth, HashSet<object>? active)
    {
        switch (value)
        {
            case null: sb.Append("None"); return;
            case string s: AppendStringRepr(sb, s); return;
            case Markup m: sb.Append("Markup("); AppendStringRepr(sb, m.Value); sb.Append(')'); return;
            case Undefined: sb.Append("Undefined"); return;
            case PyTuple t:
                sb.Append('(');
                for (var i = 0; i < t.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    AppendRepr(sb, t[i], depth + 1, active);
                }
                if (t.Count == 1) sb.Append(',');
                sb.Append(')');
                return;
            case PyDict d:
                sb.Append('{');
                var first = true;
                foreach (var kv in d)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    AppendRepr(sb, kv.Key, depth + 1, active);
                    sb.Append(": ");
                    AppendRepr(sb, kv.Value, depth + 1, active);
                }
                sb.Append('}');
                return;
            case IDictionary gd:
                sb.Append('{');
                var f2 = true;
                foreach (DictionaryEntry kv in gd)
                {
                    if (!f2) sb.Append(", ");
                    f2 = false;
                    AppendRepr(sb, ClrInterop.Normalize(kv.Key), depth + 1, active);
                    sb.Append(": ");
                    AppendRepr(sb, ClrInterop.Normalize(kv.Value), depth + 1, active);
                }
                sb.Append('}');
                return;
            case IPyObject p: sb.Append(p.PyRepr()); return;
            case IEnumerable e when value is not string && (value is IList || IsSet(value) || IsReadOnlyList(value)):
                var isSet = value is not IList && IsSet(value);
                var any = false;
                sb.Append(isSet ? '{' : '[');
                foreach (var item in e)
                {
                    if (any) sb.Append(", ");
                    any = true;
                    AppendRepr(sb, ClrInterop.Normalize(item), depth + 1, active);
                }
                if (isSet && !any) { sb.Length--; sb.Append("set()"); return; }
                sb.Append(isSet ? '}' : ']');
                return;
            default:
                var normalized = ClrInterop.Normalize(value);
                if (!ReferenceEquals(normalized, value)) { AppendRepr(sb, normalized, depth, active); return; }
                if (value is IEnumerable && value is not string && IsDictionaryLike(value))
                {
                    AppendRepr(sb, ClrInterop.ToPyDict(value), depth, active);
                    return;
                }
                sb.Append(Str(value));
                return;
        }
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = Kida.Runtime.Members.TrimNotes.KnownInterfaces)]
    private static bool IsReadOnlyList(object value)
    {
        foreach (var i in value.GetType().GetInterfaces())
            if (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)) return true;
        return false;
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = Kida.Runtime.Members.TrimNotes.KnownInterfaces)]
    private static bool IsDictionaryLike(object value)
    {
        foreach (var i in value.GetType().GetInterfaces())
            if (i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IDictionary<,>))) return true;
        return false;
    }

    /// <summary>Python string repr: single quotes unless the text holds ' and no ".</summary>
    public static void AppendStringRepr(StringBuilder sb, string s)
    {
        var quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        sb.Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote) sb.Append('\\').Append(c);
                    else if (c < 0x20 || c == 0x7f) sb.Append("\\x").Append(((int)c).ToString("x2", Inv));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append(quote);
    }

    /// <summary>
    /// Python <c>repr(float)</c>: shortest round-trip digits, <c>.0</c> on integral values, scientific
    /// notation when the decimal exponent is below -4 or at least 16, and <c>inf</c>/<c>nan</c>.
    /// </summary>
    public static string FormatFloat(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsPositiveInfinity(d)) return "inf";
        if (double.IsNegativeInfinity(d)) return "-inf";
        if (d == 0) return double.IsNegative(d) ? "-0.0" : "0.0";
        // Fast path: small integral values.
        if (d == Math.Floor(d) && Math.Abs(d) < 1e15) return ((long)d).ToString(Inv) + ".0";

        // Fast path: .NET's shortest round-trip text is already Python's when it is in fixed notation.
        Span<char> buffer = stackalloc char[32];
        var magnitude = Math.Abs(d);
        if (magnitude is >= 1e-4 and < 1e16 && d.TryFormat(buffer, out var written, "R", Inv) && buffer[..written].IndexOfAny('E', 'e') < 0)
        {
            var text = buffer[..written];
            return text.Contains('.') ? new string(text) : string.Concat(text, ".0");
        }

        var r = Math.Abs(d).ToString("R", Inv);
        string digits;
        int exp; // decimal exponent of the first digit: value = 0.d1d2... * 10^(exp+1)
        var ePos = r.IndexOfAny(['E', 'e']);
        var mantissa = ePos >= 0 ? r[..ePos] : r;
        var e10 = ePos >= 0 ? int.Parse(r.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, Inv) : 0;
        var dot = mantissa.IndexOf('.');
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : "";
        var all = intPart + fracPart;
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0') lead++;
        digits = all[lead..].TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        exp = intPart.Length - 1 - lead + e10;

        var sb = new StringBuilder(24);
        if (d < 0) sb.Append('-');
        if (exp < -4 || exp >= 16)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            sb.Append('e').Append(exp < 0 ? '-' : '+');
            var ax = Math.Abs(exp);
            if (ax < 10) sb.Append('0');
            sb.Append(ax.ToString(Inv));
        }
        else if (exp < 0)
        {
            sb.Append("0.").Append('0', -exp - 1).Append(digits);
        }
        else if (digits.Length <= exp + 1)
        {
            sb.Append(digits).Append('0', exp + 1 - digits.Length).Append(".0");
        }
        else
        {
            sb.Append(digits, 0, exp + 1).Append('.').Append(digits, exp + 1, digits.Length - exp - 1);
        }
        return sb.ToString();
    }

    /// <summary>Python's type name of a value, for error messages and <c>typeof</c>.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        bool => "bool",
        long or int or short or byte or sbyte or ushort or uint or ulong or BigInteger => "int",
        double or float or decimal => "float",
        string => "str",
        Markup => "Markup",
        Undefined => "Undefined",
        PyTuple => "tuple",
        PyDict or IDictionary => "dict",
        IPyObject p => p.PyTypeName,
        IList => "list",
        _ => value.GetType().Name,
    };
}

/// <summary>A runtime object that formats itself the Python way (loop, cycler, namespace, macro, range…).</summary>
/// <remarks>
/// Implement it on a host type to control how templates print it, instead of its <see cref="object.ToString"/>:
/// <see cref="PyStr"/> is Python's <c>__str__</c>, <see cref="PyRepr"/> its <c>__repr__</c>. The printed text is still
/// escaped in an autoescaping template; return a <see cref="Markup"/> from a filter when HTML must pass unescaped.
/// </remarks>
/// <example>
/// <code>
/// sealed class Money(decimal amount) : IPyObject
/// {
///     public string PyTypeName => "Money";
///     public string PyStr() => amount.ToString("0.00", CultureInfo.InvariantCulture) + " EUR";
///     public string PyRepr() => $"&lt;Money {PyStr()}&gt;";
/// }
/// // {{ price }} -> 9.90 EUR; {{ [price] }} -> [&lt;Money 9.90 EUR&gt;] (escaped again when autoescaping)
/// </code>
/// </example>
public interface IPyObject
{
    /// <summary>The Python type name: what error messages name (<c>Money object has no attribute 'x'</c>) and
    /// what the Kida dialect's <c>typeof</c> filter returns.</summary>
    string PyTypeName { get; }

    /// <summary>The text of <c>{{ obj }}</c>, the <c>string</c> filter and <c>~</c> (Python's <c>str(obj)</c>).</summary>
    string PyStr();

    /// <summary>The text used when the object is printed inside a list, tuple or dict (Python's <c>repr(obj)</c>);
    /// by default the same as <see cref="PyStr"/>.</summary>
    string PyRepr() => PyStr();
}
