using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Kida.Runtime.Values;

/// <summary>Python semantics for truthiness, equality, ordering, arithmetic, membership, length and iteration.</summary>
internal static class PyOps
{
    public static readonly object True = true;
    public static readonly object False = false;
    private static readonly object[] SmallInts = Enumerable.Range(-128, 1153).Select(i => (object)(long)i).ToArray();

    /// <summary>A boxed bool without allocating.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static object Box(bool b) => b ? True : False;

    /// <summary>A boxed long, cached for small values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static object Box(long l) => l is >= -128 and < 1025 ? SmallInts[l + 128] : l;

    public static bool IsTrue(object? value)
    {
        switch (value)
        {
            case bool b: return b;
            case null: return false;
            case string s: return s.Length != 0;
            case long l: return l != 0;
            case int i: return i != 0;
            case double d: return d != 0;
            case Markup m: return m.Value.Length != 0;
            case Undefined u: u.ThrowIfStrict(); return false;
            case ICollection c: return c.Count != 0;
            case BigInteger bi: return !bi.IsZero;
            case decimal m2: return m2 != 0;
            case float f: return f != 0;
            case IPyObject and IEnumerable: return true;
            default: return IsTrueSlow(value);
        }
    }

    private static bool IsTrueSlow(object value)
    {
        var n = ClrInterop.Normalize(value);
        if (!ReferenceEquals(n, value)) return IsTrue(n);
        if (ClrInterop.TryGetCount(value, out var count)) return count != 0;
        return true;
    }

    public static bool IsNumber(object? v) => v is long or double or bool or int or BigInteger;

    // ---- Equality and ordering ----

    public static bool Eq(object? a, object? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        if (a is string sa) return b is string sb ? sa == sb : b is Markup mb && sa == mb.Value;
        if (a is long la && b is long lb) return la == lb;
        if (a is Markup ma) return b is string s2 ? ma.Value == s2 : b is Markup m2 && ma.Value == m2.Value;
        if (a is Undefined ua) { ua.ThrowIfStrict(); return b is Undefined; }
        if (b is Undefined ub) { ub.ThrowIfStrict(); return false; }
        if (IsNumber(a) && IsNumber(b)) return CompareNumbers(a, b) == 0;
        if (IsNumber(a) || IsNumber(b))
        {
            var na = ClrInterop.Normalize(a);
            var nb = ClrInterop.Normalize(b);
            if (ReferenceEquals(na, a) && ReferenceEquals(nb, b)) return false;
            return Eq(na, nb);
        }
        if (a is PyTuple or ITupleLike || b is PyTuple or ITupleLike)
        {
            // Tuples equal tuples only; a groupby group is a tuple (Python's namedtuple), never a list.
            if (a is PyTuple ta && b is PyTuple tb) return ta.Equals(tb);
            if (a is not (PyTuple or ITupleLike) || b is not (PyTuple or ITupleLike)) return false;
            if (a is not IReadOnlyList<object?> ra || b is not IReadOnlyList<object?> rb || ra.Count != rb.Count) return false;
            for (var i = 0; i < ra.Count; i++)
                if (!Eq(ra[i], rb[i])) return false;
            return true;
        }
        if (a is IList list1 && b is IList list2 && a is not PyTuple && b is not PyTuple)
        {
            if (list1.Count != list2.Count) return false;
            for (var i = 0; i < list1.Count; i++)
                if (!Eq(ClrInterop.Normalize(list1[i]), ClrInterop.Normalize(list2[i]))) return false;
            return true;
        }
        if (a is PyDict da && b is PyDict db)
        {
            if (da.Count != db.Count) return false;
            foreach (var kv in da)
                if (!db.TryGetValue(kv.Key, out var v) || !Eq(kv.Value, v)) return false;
            return true;
        }
        var a2 = ClrInterop.Normalize(a);
        var b2 = ClrInterop.Normalize(b);
        if (!ReferenceEquals(a2, a) || !ReferenceEquals(b2, b)) return Eq(a2, b2);
        return a.Equals(b);
    }

    /// <summary>Python ordering; raises <see cref="TemplateRuntimeException"/> for unorderable types.</summary>
    public static int Compare(object? a, object? b, string op = "<")
    {
        // Jinja2's undefined refuses ordering whatever its kind.
        if (a is Undefined ua) throw ua.ToException();
        if (b is Undefined ub) throw ub.ToException();
        if (IsNumber(a) && IsNumber(b)) return CompareNumbers(a!, b!);
        if (a is string or Markup && b is string or Markup)
            return Math.Sign(string.CompareOrdinal(Str(a), Str(b)));
        if (a is IList la && b is IList lb && (a is PyTuple) == (b is PyTuple))
        {
            var n = Math.Min(la.Count, lb.Count);
            for (var i = 0; i < n; i++)
            {
                var x = ClrInterop.Normalize(la[i]);
                var y = ClrInterop.Normalize(lb[i]);
                if (!Eq(x, y)) return Compare(x, y, op);
            }
            return la.Count.CompareTo(lb.Count);
        }
        var na = ClrInterop.Normalize(a);
        var nb = ClrInterop.Normalize(b);
        if (!ReferenceEquals(na, a) || !ReferenceEquals(nb, b)) return Compare(na, nb, op);
        if (a is IComparable ca && b is not null && a.GetType() == b.GetType()) return ca.CompareTo(b);
        throw new TemplateRuntimeException($"'{op}' not supported between instances of '{PyFormat.TypeName(a)}' and '{PyFormat.TypeName(b)}'");
    }

    private static string Str(object? v) => v is Markup m ? m.Value : (string)v!;

    private static int CompareNumbers(object a, object b)
    {
        if (a is double || b is double)
        {
            var x = ToDouble(a);
            var y = ToDouble(b);
            return x < y ? -1 : x > y ? 1 : x == y ? 0 : (double.IsNaN(x) ? 1 : -1);
        }
        if (a is BigInteger || b is BigInteger) return ToBig(a).CompareTo(ToBig(b));
        return ToLongExact(a).CompareTo(ToLongExact(b));
    }

    // ---- Numbers ----

    private static long ToLongExact(object v) => v switch
    {
        long l => l,
        int i => i,
        bool b => b ? 1 : 0,
        _ => Convert.ToInt64(v, CultureInfo.InvariantCulture),
    };

    private static BigInteger ToBig(object v) => v switch
    {
        BigInteger b => b,
        _ => new BigInteger(ToLongExact(v)),
    };

    public static double ToDouble(object? v) => v switch
    {
        double d => d,
        long l => l,
        int i => i,
        bool b => b ? 1 : 0,
        BigInteger bi => (double)bi,
        float f => f,
        decimal m => (double)m,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d2) => d2,
        Undefined u => UndefinedNumber(u),
        _ => throw new TemplateRuntimeException($"must be real number, not {PyFormat.TypeName(v)}"),
    };

    private static double UndefinedNumber(Undefined u) => throw u.ToException();

    /// <summary>Python <c>int()</c> on a number (truncating) or integer text.</summary>
    public static long ToInt(object? v) => v switch
    {
        long l => l,
        int i => i,
        bool b => b ? 1 : 0,
        double d when !double.IsNaN(d) && !double.IsInfinity(d) => (long)Math.Truncate(d),
        // Python's OverflowError, as a template error (a cast would throw OverflowException; found by fuzzing).
        BigInteger bi => bi >= long.MinValue && bi <= long.MaxValue ? (long)bi : throw new TemplateRuntimeException("Python int too large to convert to C long"),
        string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l2) => l2,
        _ => ToIntSlow(v),
    };

    private static long ToIntSlow(object? v)
    {
        var n = ClrInterop.Normalize(v);
        if (!ReferenceEquals(n, v)) return ToInt(n);
        throw new TemplateRuntimeException($"invalid literal for int(): {PyFormat.Repr(v)}");
    }

    private static object? Num(object? v)
    {
        switch (v)
        {
            case long or double or BigInteger: return v;
            case bool b: return b ? 1L : 0L;
            case int i: return (long)i;
            case Undefined u: throw u.ToException();
            default:
                var n = ClrInterop.Normalize(v);
                return n is long or double or BigInteger ? n : null;
        }
    }

    private static TemplateRuntimeException Unsupported(string op, object? a, object? b) =>
        new($"unsupported operand type(s) for {op}: '{PyFormat.TypeName(a)}' and '{PyFormat.TypeName(b)}'");

    private static object Normalize(BigInteger b) => b >= long.MinValue && b <= long.MaxValue ? Box((long)b) : b;

    public static object? Add(object? a, object? b)
    {
        if (a is long x && b is long y)
        {
            var r = unchecked(x + y);
            return ((x ^ r) & (y ^ r)) < 0 ? Normalize((BigInteger)x + y) : Box(r);
        }
        if (a is string s1 && b is string s2) return string.Concat(s1, s2);
        if (a is Markup || b is Markup)
        {
            if (a is Undefined ua) throw ua.ToException();
            if (b is Undefined ub) throw ub.ToException();
            return Concat(a, b);
        }
        var na = Num(a);
        var nb = Num(b);
        if (na is not null && nb is not null)
        {
            if (na is double || nb is double) return ToDouble(na) + ToDouble(nb);
            return Normalize(ToBig(na) + ToBig(nb));
        }
        if (a is Undefined u1) throw u1.ToException();
        if (b is Undefined u2) throw u2.ToException();
        // Kida tolerates "a" + 1 as text concatenation in both dialects (LANGUAGE §9).
        if (a is string || b is string) return string.Concat(PyFormat.Str(a), PyFormat.Str(b));
        if (a is PyTuple t1 && b is PyTuple t2) return new PyTuple([.. t1, .. t2]);
        if (a is IList l1 && b is IList l2 && a is not PyTuple && b is not PyTuple)
        {
            var list = new List<object?>(l1.Count + l2.Count);
            foreach (var item in l1) list.Add(item);
            foreach (var item in l2) list.Add(item);
            return list;
        }
        throw Unsupported("+", a, b);
    }

    /// <summary>Concatenation that keeps HTML safety: if one side is safe, the other is escaped and the result is safe.</summary>
    public static object Concat(object? a, object? b)
    {
        if (a is Markup || b is Markup)
        {
            var left = a is Markup ma ? ma.Value : Output.HtmlEscaper.Escape(PyFormat.Str(a));
            var right = b is Markup mb ? mb.Value : Output.HtmlEscaper.Escape(PyFormat.Str(b));
            return new Markup(left + right);
        }
        return string.Concat(PyFormat.Str(a), PyFormat.Str(b));
    }

    public static object? Sub(object? a, object? b)
    {
        if (a is long x && b is long y)
        {
            var r = unchecked(x - y);
            return ((x ^ y) & (x ^ r)) < 0 ? Normalize((BigInteger)x - y) : Box(r);
        }
        var na = Num(a);
        var nb = Num(b);
        if (na is null || nb is null) throw Unsupported("-", a, b);
        if (na is double || nb is double) return ToDouble(na) - ToDouble(nb);
        return Normalize(ToBig(na) - ToBig(nb));
    }

    public static object? Mul(object? a, object? b)
    {
        var na = Num(a);
        var nb = Num(b);
        if (na is not null && nb is not null)
        {
            if (na is double || nb is double) return ToDouble(na) * ToDouble(nb);
            if (na is long x && nb is long y)
            {
                var r = (Int128)x * y;
                if (r >= long.MinValue && r <= long.MaxValue) return Box((long)r);
            }
            return Normalize(ToBig(na) * ToBig(nb));
        }
        if (a is string s && nb is long n) return Repeat(s, n);
        if (b is string s2 && na is long n2) return Repeat(s2, n2);
        if (a is Markup m && nb is long n3) return new Markup(Repeat(m.Value, n3));
        if (a is IList list && nb is long n4)
        {
            // Bounded like string repetition: [x] * 10**12 would otherwise loop until memory runs out.
            if (n4 > 0 && (Int128)list.Count * n4 > MaxRepeatItems) throw new TemplateRuntimeException("list repetition result is too large");
            // An empty list times a huge count is empty; without this the loop below spins n times (found by fuzzing).
            if (list.Count == 0) n4 = 0;
            var result = new List<object?>();
            for (var i = 0; i < n4; i++) foreach (var item in list) result.Add(item);
            return a is PyTuple ? new PyTuple([.. result]) : result;
        }
        throw Unsupported("*", a, b);
    }

    private const long MaxRepeatItems = 10_000_000;

    /// <summary>Longest string a single operation (repetition, padding, format width) may build: 100 M characters.</summary>
    internal const int MaxStringLength = 100_000_000;

    /// <summary>Refuses a requested width or length that would allocate more than <see cref="MaxStringLength"/>.</summary>
    internal static int CheckedLength(long n, string what) =>
        n > MaxStringLength ? throw new TemplateRuntimeException($"{what} is too large (more than {MaxStringLength} characters)") : (int)n;

    private static string Repeat(string s, long n)
    {
        if (n <= 0) return "";
        if ((Int128)s.Length * n > MaxStringLength) throw new TemplateRuntimeException("string repetition result is too large");
        return new StringBuilder(s.Length * (int)n).Insert(0, s, (int)n).ToString();
    }

    public static object? Div(object? a, object? b)
    {
        var na = Num(a);
        var nb = Num(b);
        if (na is null || nb is null) throw Unsupported("/", a, b);
        var y = ToDouble(nb);
        if (y == 0) throw new TemplateRuntimeException(na is double || nb is double ? "float division by zero" : "division by zero");
        return ToDouble(na) / y;
    }

    public static object? FloorDiv(object? a, object? b)
    {
        if (a is long lx && b is long ly && ly != 0 && !(lx == long.MinValue && ly == -1))
        {
            var quotient = lx / ly;
            if ((lx % ly != 0) && ((lx < 0) != (ly < 0))) quotient--;
            return Box(quotient);
        }
        var na = Num(a);
        var nb = Num(b);
        if (na is null || nb is null) throw Unsupported("//", a, b);
        if (na is double || nb is double)
        {
            var y = ToDouble(nb);
            if (y == 0) throw new TemplateRuntimeException("float floor division by zero");
            return Math.Floor(ToDouble(na) / y);
        }
        var bx = ToBig(na);
        var by = ToBig(nb);
        if (by.IsZero) throw new TemplateRuntimeException("integer division or modulo by zero");
        var q = BigInteger.DivRem(bx, by, out var rem);
        if (!rem.IsZero && (rem.Sign < 0) != (by.Sign < 0)) q -= 1;
        return Normalize(q);
    }

    public static object? Mod(object? a, object? b)
    {
        if (a is long lx && b is long ly && ly != 0 && ly != -1)
        {
            var rem = lx % ly;
            if (rem != 0 && (rem < 0) != (ly < 0)) rem += ly;
            return Box(rem);
        }
        if (a is string or Markup) return PercentFormat.Format(a, b);
        var na = Num(a);
        var nb = Num(b);
        if (na is null || nb is null) throw Unsupported("%", a, b);
        if (na is double || nb is double)
        {
            var x = ToDouble(na);
            var y = ToDouble(nb);
            if (y == 0) throw new TemplateRuntimeException("float modulo");
            var r = x % y;
            if (r != 0 && (r < 0) != (y < 0)) r += y;
            return r;
        }
        var bx = ToBig(na);
        var by = ToBig(nb);
        if (by.IsZero) throw new TemplateRuntimeException("integer division or modulo by zero");
        var m = BigInteger.Remainder(bx, by);
        if (!m.IsZero && (m.Sign < 0) != (by.Sign < 0)) m += by;
        return Normalize(m);
    }

    public static object? Pow(object? a, object? b)
    {
        var na = Num(a);
        var nb = Num(b);
        if (na is null || nb is null) throw Unsupported("** or pow()", a, b);
        if (na is double || nb is double || ToBig(nb).Sign < 0)
        {
            var x = ToDouble(na);
            var y = ToDouble(nb);
            if (x == 0 && y < 0) throw new TemplateRuntimeException("0.0 cannot be raised to a negative power");
            return Math.Pow(x, y);
        }
        var e = ToBig(nb);
        if (e > 10_000) throw new TemplateRuntimeException("exponent too large");
        return Normalize(BigInteger.Pow(ToBig(na), (int)e));
    }

    public static object? Neg(object? a)
    {
        var n = Num(a) ?? throw new TemplateRuntimeException($"bad operand type for unary -: '{PyFormat.TypeName(a)}'");
        return n switch
        {
            long l when l != long.MinValue => Box(-l),
            double d => -d,
            _ => Normalize(-ToBig(n)),
        };
    }

    public static object? Pos(object? a) =>
        Num(a) ?? throw new TemplateRuntimeException($"bad operand type for unary +: '{PyFormat.TypeName(a)}'");

    // ---- Containers ----

    /// <summary>Python <c>item in container</c>.</summary>
    public static bool Contains(object? container, object? item)
    {
        switch (container)
        {
            case string s:
                if (item is string or Markup) return s.Contains(item is Markup m ? m.Value : (string)item, StringComparison.Ordinal);
                if (item is Undefined u0) u0.ThrowIfStrict();
                throw new TemplateRuntimeException($"'in <string>' requires string as left operand, not {PyFormat.TypeName(item)}");
            case Markup mk:
                return Contains(mk.Value, item);
            case PyDict d:
                return item is not null && d.ContainsKey(item);
            case Undefined u:
                u.ThrowIfStrict();
                return false;
            case null:
                throw new TemplateRuntimeException("argument of type 'NoneType' is not iterable");
            case IDictionary gd:
                return item is not null && gd.Contains(item);
        }
        if (ClrInterop.TryAsReadOnlyStringDictionary(container, out var sd))
            return item is string key && sd.ContainsKey(key);
        if (container is IEnumerable e)
        {
            foreach (var x in e)
                if (Eq(ClrInterop.Normalize(x), item)) return true;
            return false;
        }
        throw new TemplateRuntimeException($"argument of type '{PyFormat.TypeName(container)}' is not iterable");
    }

    /// <summary>Python <c>len()</c>; raises for values without a length.</summary>
    public static int Len(object? value)
    {
        switch (value)
        {
            case string s: return CodePointLength(s);
            case Markup m: return CodePointLength(m.Value);
            case ICollection c: return c.Count;
            case Undefined u: u.ThrowIfStrict(); return 0;
        }
        if (ClrInterop.TryGetCount(value, out var n)) return n;
        throw new TemplateRuntimeException($"object of type '{PyFormat.TypeName(value)}' has no len()");
    }

    public static int CodePointLength(string s)
    {
        var n = s.Length;
        foreach (var c in s)
            if (char.IsLowSurrogate(c)) n--;
        return n;
    }

    /// <summary>Iterates a value the Python way: dicts yield keys, strings yield characters, None and undefined yield nothing.</summary>
    public static IEnumerable<object?> Iterate(object? value)
    {
        switch (value)
        {
            case List<object?> list: return list;
            case PyTuple t: return t;
            case PyDict d: return d.Keys;
            case string s: return Chars(s);
            case Markup m: return Chars(m.Value);
            case null: return [];
            case Undefined u: u.ThrowIfStrict(); return [];
            case IPyObject and IEnumerable<object?> pe: return pe;
        }
        return IterateSlow(value);
    }

    private static IEnumerable<object?> IterateSlow(object value)
    {
        var n = ClrInterop.Normalize(value);
        if (!ReferenceEquals(n, value)) return Iterate(n);
        if (value is IDictionary gd) return gd.Keys.Cast<object?>().Select(ClrInterop.Normalize);
        if (ClrInterop.TryAsReadOnlyStringDictionary(value, out var sd)) return sd.Keys;
        if (value is IEnumerable e) return e.Cast<object?>().Select(ClrInterop.Normalize);
        throw new TemplateRuntimeException($"'{PyFormat.TypeName(value)}' object is not iterable");
    }

    /// <summary>Materialises any iterable into a list (no copy for an existing List&lt;object?&gt;).</summary>
    public static IReadOnlyList<object?> ToList(object? value) => value switch
    {
        List<object?> l => l,
        PyTuple t => t,
        _ => Iterate(value).ToList(),
    };

    private static IEnumerable<object?> Chars(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                yield return s.Substring(i, 2);
                i++;
            }
            else yield return s[i].ToString();
        }
    }

    public static bool IsIterable(object? value) => value switch
    {
        string or Markup or IEnumerable => true,
        Undefined => true,
        _ => false,
    };
}
