using System.Collections;
using System.Numerics;
using System.Text;
using Kida.Runtime.Output;

namespace Kida.Runtime.Values;

/// <summary>Python's printf-style <c>"fmt" % args</c> (used by the <c>%</c> operator and the <c>format</c> filter).</summary>
internal static class PercentFormat
{
    /// <summary>
    /// Formats like Python's <c>format % args</c>: a <see cref="PyTuple"/> supplies positional values, a mapping
    /// supplies <c>%(name)s</c> values, anything else is a single value. A <see cref="Markup"/> format escapes its
    /// arguments and returns Markup.
    /// </summary>
    public static object Format(object? format, object? args)
    {
        if (format is Undefined u) u.ThrowIfStrict();
        var markup = format is Markup;
        var fmt = format is Markup m ? m.Value : PyFormat.Str(format);
        var text = FormatCore(fmt, args, markup);
        return markup ? new Markup(text) : text;
    }

    internal static string FormatCore(string fmt, object? args, bool escape)
    {
        IReadOnlyList<object?> positional;
        object? mapping = null;
        if (args is PyTuple t) positional = t;
        else
        {
            positional = [args];
            if (IsMapping(args)) mapping = args;
        }
        var argIndex = 0;
        var sb = new StringBuilder(fmt.Length + 16);
        var i = 0;

        object? NextArg()
        {
            if (argIndex >= positional.Count) throw new TemplateRuntimeException("not enough arguments for format string");
            return positional[argIndex++];
        }

        while (i < fmt.Length)
        {
            var c = fmt[i];
            if (c != '%') { sb.Append(c); i++; continue; }
            var start = i;
            i++;
            if (i >= fmt.Length) throw new TemplateRuntimeException("incomplete format");
            object? value = null;
            var haveValue = false;
            if (fmt[i] == '(')
            {
                if (mapping is null) throw new TemplateRuntimeException("format requires a mapping");
                var depth = 1;
                var keyStart = ++i;
                while (i < fmt.Length && depth > 0)
                {
                    if (fmt[i] == '(') depth++;
                    else if (fmt[i] == ')') depth--;
                    i++;
                }
                if (depth > 0) throw new TemplateRuntimeException("incomplete format key");
                var key = fmt[keyStart..(i - 1)];
                value = LookupKey(mapping, key);
                haveValue = true;
            }
            // flags
            bool left = false, plus = false, space = false, alt = false, zero = false;
            for (; i < fmt.Length; i++)
            {
                var f = fmt[i];
                if (f == '-') left = true;
                else if (f == '+') plus = true;
                else if (f == ' ') space = true;
                else if (f == '#') alt = true;
                else if (f == '0') zero = true;
                else break;
            }
            // width
            var width = -1;
            if (i < fmt.Length && fmt[i] == '*')
            {
                i++;
                var w = NextArg();
                if (w is not long and not int and not bool) throw new TemplateRuntimeException("* wants int");
                var wl = PyOps.ToInt(w);
                if (wl < 0) { left = true; wl = -wl; }
                width = PyOps.CheckedLength(wl, "format width");
            }
            else
            {
                while (i < fmt.Length && char.IsAsciiDigit(fmt[i]))
                {
                    width = PyOps.CheckedLength(Math.Max(width, 0) * 10L + (fmt[i] - '0'), "format width");
                    i++;
                }
            }
            var precision = -1;
            if (i < fmt.Length && fmt[i] == '.')
            {
                i++;
                precision = 0;
                if (i < fmt.Length && fmt[i] == '*')
                {
                    i++;
                    var p = NextArg();
                    if (p is not long and not int and not bool) throw new TemplateRuntimeException("* wants int");
                    precision = PyOps.CheckedLength(Math.Max(0, PyOps.ToInt(p)), "format precision");
                }
                else
                    while (i < fmt.Length && char.IsAsciiDigit(fmt[i]))
                    {
                        precision = PyOps.CheckedLength(precision * 10L + (fmt[i] - '0'), "format precision");
                        i++;
                    }
            }
            // length modifiers are accepted and ignored, as in Python
            while (i < fmt.Length && fmt[i] is 'h' or 'l' or 'L') i++;
            if (i >= fmt.Length) throw new TemplateRuntimeException("incomplete format");
            var type = fmt[i];
            i++;
            if (type == '%')
            {
                sb.Append('%');
                continue;
            }
            if (!haveValue) value = NextArg();
            var body = Convert(type, value, precision, alt, plus, space, escape, start, out var numeric);
            Pad(sb, body, width, left, zero && numeric && !left, numeric);
        }
        if (mapping is null && argIndex < positional.Count)
            throw new TemplateRuntimeException("not all arguments converted during string formatting");
        return sb.ToString();
    }

    private static bool IsMapping(object? v) =>
        v is PyDict or IDictionary || (v is not string && ClrInterop.TryAsReadOnlyStringDictionary(v, out _));

    private static object? LookupKey(object mapping, string key)
    {
        switch (mapping)
        {
            case PyDict d:
                if (d.TryGetValue(key, out var v)) return v;
                break;
            case IDictionary nd:
                if (nd.Contains(key)) return ClrInterop.Normalize(nd[key]);
                break;
            default:
                if (ClrInterop.TryAsReadOnlyStringDictionary(mapping, out var sd) && sd.TryGetValue(key, out var sv))
                    return ClrInterop.Normalize(sv);
                break;
        }
        throw new TemplateRuntimeException(PyFormat.Repr(key));
    }

    private static string Convert(char type, object? value, int precision, bool alt, bool plus, bool space, bool escape, int index, out bool numeric)
    {
        numeric = false;
        if (value is Undefined u) u.ThrowIfStrict();
        switch (type)
        {
            case 's':
            {
                var s = value is Markup m ? m.Value : escape ? HtmlEscaper.Escape(PyFormat.Str(value)) : PyFormat.Str(value);
                return precision >= 0 && precision < s.Length ? s[..precision] : s;
            }
            case 'r' or 'a':
            {
                var s = PyFormat.Repr(value);
                if (escape) s = HtmlEscaper.Escape(s);
                return precision >= 0 && precision < s.Length ? s[..precision] : s;
            }
            case 'c':
            {
                string s;
                if (value is string cs && PyOps.CodePointLength(cs) == 1) s = cs;
                else if (PyNumberFormat.AsBigInteger(value) is { } cp && cp >= 0 && cp <= 0x10FFFF) s = char.ConvertFromUtf32((int)cp);
                else if (value is string) throw new TemplateRuntimeException("%c requires an int or a unicode character, not a string of length " + PyOps.Len(value));
                else throw new TemplateRuntimeException($"%c requires an int or a unicode character, not {PyFormat.TypeName(value)}");
                return escape ? HtmlEscaper.Escape(s) : s;
            }
            case 'd' or 'i' or 'u':
            {
                numeric = true;
                BigInteger n;
                if (PyNumberFormat.AsBigInteger(value) is { } bi) n = bi;
                else if (value is double or float or decimal)
                {
                    var d = PyOps.ToDouble(ClrInterop.Normalize(value));
                    if (double.IsNaN(d)) throw new TemplateRuntimeException("cannot convert float NaN to integer");
                    if (double.IsInfinity(d)) throw new TemplateRuntimeException("cannot convert float infinity to integer");
                    n = new BigInteger(Math.Truncate(d));
                }
                else throw new TemplateRuntimeException($"%{type} format: a real number is required, not {PyFormat.TypeName(value)}");
                return Sign(n.Sign < 0, plus, space) + PyNumberFormat.IntDigits(BigInteger.Abs(n), 10);
            }
            case 'x' or 'X' or 'o':
            {
                numeric = true;
                var n = PyNumberFormat.AsBigInteger(value)
                    ?? throw new TemplateRuntimeException($"%{type} format: an integer is required, not {PyFormat.TypeName(value)}");
                var digits = PyNumberFormat.IntDigits(BigInteger.Abs(n), type == 'o' ? 8 : 16, type == 'X');
                var prefix = alt ? (type == 'o' ? "0o" : type == 'x' ? "0x" : "0X") : "";
                return Sign(n.Sign < 0, plus, space) + prefix + digits;
            }
            case 'e' or 'E' or 'f' or 'F' or 'g' or 'G':
            {
                numeric = true;
                var nv = ClrInterop.Normalize(value);
                if (nv is not (long or double or bool or BigInteger))
                    throw new TemplateRuntimeException($"must be real number, not {PyFormat.TypeName(value)}");
                var d = PyOps.ToDouble(nv);
                var p = precision < 0 ? 6 : precision;
                var s = type switch
                {
                    'e' or 'E' => PyNumberFormat.Exp(d, p, type == 'E', alt),
                    'f' or 'F' => PyNumberFormat.Fixed(d, p, type == 'F', alt),
                    _ => PyNumberFormat.General(d, p, type == 'G', alt),
                };
                if (s.StartsWith('-')) return s;
                return Sign(false, plus, space) + s;
            }
            default:
                throw new TemplateRuntimeException(
                    $"unsupported format character '{type}' (0x{((int)type).ToString("x", System.Globalization.CultureInfo.InvariantCulture)}) at index {index + 1}");
        }
    }

    private static string Sign(bool negative, bool plus, bool space) => negative ? "-" : plus ? "+" : space ? " " : "";

    private static void Pad(StringBuilder sb, string body, int width, bool left, bool zeroPad, bool numeric)
    {
        var len = PyOps.CodePointLength(body);
        if (width <= len) { sb.Append(body); return; }
        var fill = width - len;
        if (left) { sb.Append(body).Append(' ', fill); return; }
        if (zeroPad && numeric && !body.Contains("inf") && !body.Contains("nan"))
        {
            var signLen = body.Length > 0 && body[0] is '-' or '+' or ' ' ? 1 : 0;
            if (body.Length > signLen + 1 && body[signLen] == '0' && body[signLen + 1] is 'x' or 'X' or 'o') signLen += 2;
            sb.Append(body, 0, signLen).Append('0', fill).Append(body, signLen, body.Length - signLen);
            return;
        }
        sb.Append(' ', fill).Append(body);
    }
}
