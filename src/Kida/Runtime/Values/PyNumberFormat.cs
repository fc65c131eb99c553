using System.Globalization;
using System.Numerics;
using System.Text;

namespace Kida.Runtime.Values;

/// <summary>Python's number-to-text conversions for <c>%</c>-formatting and format specs (<c>f e g x o b</c>, grouping).</summary>
internal static class PyNumberFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static string? NonFinite(double d, bool upper)
    {
        if (double.IsNaN(d)) return upper ? "NAN" : "nan";
        if (double.IsInfinity(d)) return (d < 0 ? "-" : "") + (upper ? "INF" : "inf");
        return null;
    }

    /// <summary><c>%.{p}f</c>; .NET's invariant "F" formatting is exact, like Python's.</summary>
    public static string Fixed(double d, int precision, bool upper = false, bool alt = false)
    {
        var nf = NonFinite(d, upper);
        if (nf is not null) return nf;
        var s = FixedExact(d, precision);
        if (alt && precision == 0) s += ".";
        return s;
    }

    /// <summary>
    /// Exact decimal rounding of a double to <paramref name="precision"/> places, ties to even on the exact
    /// binary value (what Python's <c>round</c> and <c>%.nf</c> do).
    /// </summary>
    public static string FixedExact(double d, int precision)
    {
        var negative = double.IsNegative(d);
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(d));
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent++;
        else mantissa |= 1L << 52;
        exponent -= 1075; // value = mantissa * 2^exponent
        BigInteger scaled; // value * 10^k, exactly
        int k;
        if (exponent >= 0)
        {
            scaled = new BigInteger(mantissa) << exponent;
            k = 0;
        }
        else
        {
            k = -exponent;
            scaled = new BigInteger(mantissa) * BigInteger.Pow(5, k);
        }
        BigInteger q;
        if (k <= precision) q = scaled * BigInteger.Pow(10, precision - k);
        else
        {
            var div = BigInteger.Pow(10, k - precision);
            q = BigInteger.DivRem(scaled, div, out var r);
            var twice = r * 2;
            if (twice > div || (twice == div && !q.IsEven)) q += 1;
        }
        var digits = q.ToString(Inv);
        if (precision > 0)
        {
            if (digits.Length <= precision) digits = new string('0', precision - digits.Length + 1) + digits;
            digits = digits[..^precision] + "." + digits[^precision..];
        }
        return negative ? "-" + digits : digits;
    }

    /// <summary>Python <c>round(x, n)</c> for floats: exact half-to-even.</summary>
    public static double Round(double x, int n)
    {
        if (!double.IsFinite(x) || x == 0) return x;
        double r;
        if (n >= 0)
        {
            if (n > 340) return x;
            r = TryRoundFast(x, n, out var fast) ? fast : double.Parse(FixedExact(x, n), NumberStyles.Float, Inv);
        }
        else
        {
            if (n < -308) return 0.0 * x;
            var pow = Math.Pow(10, -n);
            var y = x / pow;
            var z = Math.Round(y, MidpointRounding.ToEven);
            r = z * pow;
            if (double.IsInfinity(r)) throw new TemplateRuntimeException("rounded value too large to represent");
        }
        return r == 0 && x < 0 ? -0.0 : r;
    }

    /// <summary>
    /// .NET's "F{n}" formatting rounds the exact binary value correctly; it only differs from Python (ties to
    /// even) on exact ties, which need x·2^(n+1) to be an odd integer. Everything else takes this path,
    /// which avoids big-integer arithmetic on the hot path of <c>|round(2)</c>.
    /// </summary>
    private static readonly double[] Pow10 = Enumerable.Range(0, 16).Select(i => Math.Pow(10, i)).ToArray();

    private static readonly string[] FixedFormats = Enumerable.Range(0, 16).Select(i => "F" + i).ToArray();

    private static bool TryRoundFast(double x, int n, out double result)
    {
        result = 0;
        if (n > 15 || Math.Abs(x) >= 1e15) return false;
        // x·10^n carries a relative error of at most 2^-53; when its fraction is clearly away from one half, rounding
        // it gives the exact decimal answer, and integer ÷ 10^n is then correctly rounded like parsing the digits.
        var scale = Pow10[n];
        var y = x * scale;
        if (Math.Abs(y) < 4e15)
        {
            var floor = Math.Floor(y);
            var fraction = y - floor;
            if (Math.Abs(fraction - 0.5) > Math.Abs(y) * 1e-15 + 1e-300)
            {
                result = (fraction > 0.5 ? floor + 1 : floor) / scale;
                return true;
            }
        }
        var t = Math.ScaleB(x, n + 1);
        if (t == Math.Floor(t) && Math.Abs(t) < 9e15 && ((long)t & 1) != 0) return false; // exact tie
        Span<char> buffer = stackalloc char[64];
        if (!x.TryFormat(buffer, out var written, FixedFormats[n], Inv)) return false;
        result = double.Parse(buffer[..written], NumberStyles.Float, Inv);
        return true;
    }

    /// <summary><c>%.{p}e</c>: mantissa with p decimals, exponent with sign and at least two digits.</summary>
    public static string Exp(double d, int precision, bool upper = false, bool alt = false)
    {
        var nf = NonFinite(d, upper);
        if (nf is not null) return nf;
        var s = d.ToString((upper ? "E" : "e") + precision.ToString(Inv), Inv);
        var ePos = s.IndexOfAny(['e', 'E']);
        var mant = s[..ePos];
        if (alt && precision == 0) mant += ".";
        var exp = int.Parse(s.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, Inv);
        var sb = new StringBuilder(mant).Append(upper ? 'E' : 'e').Append(exp < 0 ? '-' : '+');
        var ax = Math.Abs(exp);
        if (ax < 10) sb.Append('0');
        sb.Append(ax.ToString(Inv));
        return sb.ToString();
    }

    /// <summary><c>%.{p}g</c>: scientific when the exponent is below -4 or at least p; trailing zeros dropped unless alt.</summary>
    public static string General(double d, int precision, bool upper = false, bool alt = false)
    {
        var nf = NonFinite(d, upper);
        if (nf is not null) return nf;
        if (precision == 0) precision = 1;
        int exp;
        if (d == 0) exp = 0;
        else
        {
            var e = Exp(d, precision - 1);
            exp = int.Parse(e.AsSpan(e.IndexOf('e') + 1), NumberStyles.AllowLeadingSign, Inv);
        }
        string s;
        if (exp >= -4 && exp < precision)
        {
            s = Fixed(d, precision - 1 - exp);
            if (!alt) s = StripZeros(s);
            else if (!s.Contains('.')) s += ".";
        }
        else
        {
            s = Exp(d, precision - 1, upper);
            var ePos = s.IndexOfAny(['e', 'E']);
            var mant = s[..ePos];
            if (!alt) mant = StripZeros(mant);
            else if (!mant.Contains('.')) mant += ".";
            s = mant + s[ePos..];
        }
        return s;
    }

    private static string StripZeros(string s)
    {
        if (!s.Contains('.')) return s;
        s = s.TrimEnd('0');
        return s.EndsWith('.') ? s[..^1] : s;
    }

    /// <summary>Python's float formatting with no type but a precision (like g, but keeps a ".0").</summary>
    public static string NoTypeFloat(double d, int precision)
    {
        var s = General(d, precision);
        if (double.IsFinite(d) && !s.Contains('.') && !s.Contains('e')) s += ".0";
        return s;
    }

    /// <summary>Digits of a non-negative integer in base 2, 8, 10 or 16.</summary>
    public static string IntDigits(BigInteger abs, int radix, bool upper = false)
    {
        if (radix == 10) return abs.ToString(Inv);
        if (abs.IsZero) return "0";
        var sb = new StringBuilder();
        var digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        while (!abs.IsZero)
        {
            sb.Insert(0, digits[(int)(abs % radix)]);
            abs /= radix;
        }
        return sb.ToString();
    }

    /// <summary>Inserts a separator every <paramref name="every"/> digits from the right of an integer part.</summary>
    public static string Group(string digits, char sep, int every = 3)
    {
        if (digits.Length <= every) return digits;
        var sb = new StringBuilder();
        var first = digits.Length % every;
        if (first > 0) sb.Append(digits, 0, first);
        for (var i = first; i < digits.Length; i += every)
        {
            if (sb.Length > 0) sb.Append(sep);
            sb.Append(digits, i, every);
        }
        return sb.ToString();
    }

    /// <summary>Python int value of a number-like value for integer formats, or null.</summary>
    public static BigInteger? AsBigInteger(object? v) => v switch
    {
        long l => l,
        int i => i,
        bool b => b ? 1 : 0,
        BigInteger bi => bi,
        _ => ClrInterop.Normalize(v) is var n && !ReferenceEquals(n, v) ? AsBigInteger(n) : null,
    };

    public static bool IsFloat(object? v) => v is double or float or decimal;
}
