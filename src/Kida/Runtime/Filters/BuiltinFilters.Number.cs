using System.Globalization;
using System.Numerics;
using Kida.Runtime.Values;

namespace Kida.Runtime.Filters;

// Number filters: abs, int, float, round, filesizeformat.
internal static partial class BuiltinFilters
{
    private static void RegisterNumber(IDictionary<string, FilterFunction> f)
    {
        f["abs"] = Abs;
        f["int"] = Int;
        f["float"] = Float;
        f["round"] = Round;
        f["filesizeformat"] = FileSizeFormat;
    }

    private static object? Abs(object? value, CallArguments args)
    {
        var n = ClrInterop.Normalize(value);
        return n switch
        {
            long l when l != long.MinValue => PyOps.Box(Math.Abs(l)),
            long l => BigInteger.Abs(l),
            bool b => PyOps.Box(b ? 1L : 0L),
            double d => Math.Abs(d),
            BigInteger bi => BigInteger.Abs(bi),
            Undefined u => throw u.ToException(),
            _ => throw new TemplateRuntimeException($"bad operand type for abs(): '{PyFormat.TypeName(value)}'"),
        };
    }

    private static object? Int(object? value, CallArguments args)
    {
        var dflt = args.Get(0, "default", 0L);
        var radix = (int)args.GetInt(1, "base", 10);
        if (value is Undefined u) throw u.ToException();
        var n = ClrInterop.Normalize(value);
        if (n is string or Markup)
        {
            var s = Text(n);
            if (TryParsePyInt(s, radix, out var big)) return Shrink(big);
            if (TryParsePyFloat(s, out var d))
            {
                if (double.IsNaN(d)) return dflt;
                if (double.IsInfinity(d)) throw new TemplateRuntimeException("cannot convert float infinity to integer");
                return Shrink(new BigInteger(Math.Truncate(d)));
            }
            return dflt;
        }
        switch (n)
        {
            case long or BigInteger: return n;
            case bool b: return PyOps.Box(b ? 1L : 0L);
            case double d:
                if (double.IsNaN(d)) return dflt;
                if (double.IsInfinity(d)) throw new TemplateRuntimeException("cannot convert float infinity to integer");
                return Shrink(new BigInteger(Math.Truncate(d)));
            default: return dflt;
        }
    }

    private static object Shrink(BigInteger b) => b >= long.MinValue && b <= long.MaxValue ? PyOps.Box((long)b) : b;

    /// <summary>Python <c>int(text, base)</c>: surrounding whitespace, sign, underscores, base prefixes, base 0.</summary>
    internal static bool TryParsePyInt(string text, int radix, out BigInteger value)
    {
        value = BigInteger.Zero;
        var s = text.Trim();
        if (radix != 0 && (radix < 2 || radix > 36)) throw new TemplateRuntimeException("int() base must be >= 2 and <= 36, or 0");
        var neg = false;
        if (s.Length > 0 && s[0] is '+' or '-') { neg = s[0] == '-'; s = s[1..]; }
        if (s.Length >= 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) is 'x' or 'o' or 'b')
        {
            var pr = char.ToLowerInvariant(s[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            if (radix == 0 || radix == pr) { radix = pr; s = s[2..]; if (s.StartsWith('_')) s = s[1..]; }
        }
        else if (radix == 0)
        {
            radix = 10;
            if (s.Length > 1 && s.TrimStart('0', '_').Length != 0 && s[0] == '0') return false;
        }
        if (s.Length == 0 || s.StartsWith('_') || s.EndsWith('_') || s.Contains("__")) return false;
        foreach (var c in s)
        {
            if (c == '_') continue;
            int digit;
            if (char.IsAsciiDigit(c)) digit = c - '0';
            else if (char.IsAsciiLetter(c)) digit = char.ToLowerInvariant(c) - 'a' + 10;
            else if (char.IsDigit(c)) digit = (int)char.GetNumericValue(c);
            else return false;
            if (digit >= radix) return false;
            value = value * radix + digit;
        }
        if (neg) value = -value;
        return true;
    }

    /// <summary>Python <c>float(text)</c>: decimal or exponent forms, <c>inf</c>, <c>nan</c>, underscores.</summary>
    internal static bool TryParsePyFloat(string text, out double value)
    {
        var s = text.Trim();
        value = 0;
        var body = s.TrimStart('+', '-');
        if (body.Length == 0 || s.Length - body.Length > 1) return false;
        var lower = body.ToLowerInvariant();
        var neg = s[0] == '-';
        if (lower is "inf" or "infinity") { value = neg ? double.NegativeInfinity : double.PositiveInfinity; return true; }
        if (lower == "nan") { value = double.NaN; return true; }
        if (body.Contains('_'))
        {
            if (body.StartsWith('_') || body.EndsWith('_') || body.Contains("__")) return false;
            s = s.Replace("_", "", StringComparison.Ordinal);
        }
        foreach (var c in s)
            if (!(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-')) return false;
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static object? Float(object? value, CallArguments args)
    {
        var dflt = args.Get(0, "default", 0.0);
        if (value is Undefined u) throw u.ToException();
        var n = ClrInterop.Normalize(value);
        switch (n)
        {
            case double d: return d;
            case long l: return (double)l;
            case bool b: return b ? 1.0 : 0.0;
            case BigInteger bi: return (double)bi;
            case string or Markup:
                return TryParsePyFloat(Text(n), out var r) ? r : dflt;
            default: return dflt;
        }
    }

    private static object? Round(object? value, CallArguments args)
    {
        var precision = (int)args.GetInt(0, "precision", 0);
        var method = args.GetString(1, "method", "common");
        if (method is not ("common" or "ceil" or "floor"))
            throw new TemplateRuntimeException("method must be common, ceil or floor");
        var n = ClrInterop.Normalize(value);
        if (n is Undefined u) throw u.ToException();
        if (n is not (long or double or bool or BigInteger))
            throw new TemplateRuntimeException($"type {PyFormat.TypeName(value)} doesn't define __round__ method");
        if (method == "common")
        {
            if (n is double d) return PyNumberFormat.Round(d, precision);
            var i = n is bool b ? (b ? BigInteger.One : BigInteger.Zero) : n is long l ? new BigInteger(l) : (BigInteger)n;
            if (precision >= 0) return Shrink(i);
            var pow = BigInteger.Pow(10, -precision);
            var q = BigInteger.DivRem(i, pow, out var r);
            if (r.Sign < 0) { q -= 1; r += pow; }
            var twice = r * 2;
            if (twice > pow || (twice == pow && !q.IsEven)) q += 1;
            return Shrink(q * pow);
        }
        var scale = Math.Pow(10, precision);
        var x = PyOps.ToDouble(n) * scale;
        // Python's math.floor/ceil return an int, which infinity and NaN are not.
        if (double.IsInfinity(x)) throw new TemplateRuntimeException("cannot convert float infinity to integer");
        if (double.IsNaN(x)) throw new TemplateRuntimeException("cannot convert float NaN to integer");
        var y = method == "ceil" ? Math.Ceiling(x) : Math.Floor(x);
        return y / scale;
    }

    private static object? FileSizeFormat(object? value, CallArguments args)
    {
        if (value is Undefined u) throw u.ToException();
        var binary = args.GetBool(0, "binary", false);
        var n = ClrInterop.Normalize(value);
        double bytes = n switch
        {
            string or Markup => TryParsePyFloat(Text(n), out var p) ? p : throw new TemplateRuntimeException($"could not convert string to float: {PyFormat.Repr(Text(n))}"),
            _ => PyOps.ToDouble(n),
        };
        var @base = binary ? 1024.0 : 1000.0;
        string[] prefixes = binary
            ? ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]
            : ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
        if (bytes == 1) return "1 Byte";
        if (bytes < @base) return $"{PyFormat.Str((long)bytes)} Bytes";
        var unit = 0.0;
        var prefix = "";
        for (var i = 0; i < prefixes.Length; i++)
        {
            unit = Math.Pow(@base, i + 2);
            prefix = prefixes[i];
            if (bytes < unit) break;
        }
        return PyNumberFormat.Fixed(@base * bytes / unit, 1) + " " + prefix;
    }
}
