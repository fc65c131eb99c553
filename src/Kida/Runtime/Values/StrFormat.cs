using System.Numerics;
using System.Text;
using Kida.Runtime.Members;
using Kida.Runtime.Output;

namespace Kida.Runtime.Values;

/// <summary>Python's <c>str.format</c> and the format-spec mini-language (<c>{:>10}</c>, <c>{:.2f}</c>, <c>{:,}</c>).</summary>
internal static class StrFormat
{
    /// <summary>
    /// <c>format.format(*args, **kwargs)</c>. When <paramref name="escape"/> is set (a Markup receiver) every
    /// replacement is HTML-escaped unless it is already Markup.
    /// </summary>
    public static string Format(string format, IReadOnlyList<object?> args, IReadOnlyList<KeyValuePair<string, object?>> kwargs, bool escape = false)
    {
        var sb = new StringBuilder(format.Length + 16);
        var auto = 0;
        var mode = 0; // 0 unknown, 1 automatic, 2 manual
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            if (c == '}')
            {
                if (i + 1 < format.Length && format[i + 1] == '}') { sb.Append('}'); i += 2; continue; }
                throw new TemplateRuntimeException("Single '}' encountered in format string");
            }
            if (c != '{') { sb.Append(c); i++; continue; }
            if (i + 1 < format.Length && format[i + 1] == '{') { sb.Append('{'); i += 2; continue; }
            // find the matching close brace, allowing one level of nesting in the spec
            var depth = 1;
            var j = i + 1;
            while (j < format.Length && depth > 0)
            {
                if (format[j] == '{') depth++;
                else if (format[j] == '}') depth--;
                if (depth > 0) j++;
            }
            if (j >= format.Length) throw new TemplateRuntimeException("expected '}' before end of string");
            var field = format[(i + 1)..j];
            i = j + 1;

            // split field_name[!conv][:spec]
            var fieldEnd = 0;
            var bracket = false;
            while (fieldEnd < field.Length)
            {
                var fc = field[fieldEnd];
                if (fc == '[') bracket = true;
                else if (fc == ']') bracket = false;
                else if (!bracket && fc is '!' or ':') break;
                fieldEnd++;
            }
            var name = field[..fieldEnd];
            char conv = '\0';
            var spec = "";
            var rest = field[fieldEnd..];
            if (rest.StartsWith('!'))
            {
                if (rest.Length < 2) throw new TemplateRuntimeException("end of string while looking for conversion specifier");
                conv = rest[1];
                rest = rest[2..];
                if (rest.Length > 0 && rest[0] != ':') throw new TemplateRuntimeException("expected ':' after conversion specifier");
            }
            if (rest.StartsWith(':')) spec = rest[1..];
            if (spec.Contains('{'))
                spec = Format(spec, args, kwargs, false);

            var value = Resolve(name, args, kwargs, ref auto, ref mode);
            if (value is Undefined u) u.ThrowIfStrict();
            string text;
            switch (conv)
            {
                case '\0': text = ApplySpec(value, spec, escape); break;
                case 'r' or 'a': text = ApplySpec(escape ? HtmlEscaper.Escape(PyFormat.Repr(value)) : PyFormat.Repr(value), spec, false); break;
                case 's': text = ApplySpec(value is Markup ? value : escape ? HtmlEscaper.Escape(PyFormat.Str(value)) : PyFormat.Str(value), spec, false); break;
                default: throw new TemplateRuntimeException($"Unknown conversion specifier {conv}");
            }
            sb.Append(text);
        }
        return sb.ToString();
    }

    private static object? Resolve(string name, IReadOnlyList<object?> args, IReadOnlyList<KeyValuePair<string, object?>> kwargs, ref int auto, ref int mode)
    {
        var end = name.IndexOfAny(['.', '[']);
        var head = end < 0 ? name : name[..end];
        object? value;
        if (head.Length == 0)
        {
            if (mode == 2) throw new TemplateRuntimeException("cannot switch from manual field specification to automatic field numbering");
            mode = 1;
            if (auto >= args.Count) throw new TemplateRuntimeException($"Replacement index {auto} out of range for positional args tuple");
            value = args[auto++];
        }
        else if (int.TryParse(head, out var idx))
        {
            if (mode == 1) throw new TemplateRuntimeException("cannot switch from automatic field numbering to manual field specification");
            mode = 2;
            if (idx >= args.Count) throw new TemplateRuntimeException($"Replacement index {idx} out of range for positional args tuple");
            value = args[idx];
        }
        else
        {
            var found = false;
            value = null;
            foreach (var kv in kwargs)
                if (kv.Key == head) { value = kv.Value; found = true; break; }
            if (!found) throw new TemplateRuntimeException(PyFormat.Repr(head));
        }
        if (end < 0) return value;
        var p = end;
        while (p < name.Length)
        {
            if (name[p] == '.')
            {
                var q = p + 1;
                while (q < name.Length && name[q] is not '.' and not '[') q++;
                var attr = name[(p + 1)..q];
                value = MemberAccess.GetAttr(value, attr, false);
                if (value is Undefined) throw new TemplateRuntimeException($"'{PyFormat.TypeName(value)}' object has no attribute '{attr}'");
                p = q;
            }
            else if (name[p] == '[')
            {
                var q = name.IndexOf(']', p);
                if (q < 0) throw new TemplateRuntimeException("Missing ']' in format string");
                var key = name[(p + 1)..q];
                object k = long.TryParse(key, out var ki) ? ki : key;
                var v = MemberAccess.GetItem(value, k, false);
                if (v is Undefined) throw new TemplateRuntimeException(PyFormat.Repr(k));
                value = v;
                p = q + 1;
            }
            else throw new TemplateRuntimeException("Only '.' or '[' may follow ']' in format field specifier");
        }
        return value;
    }

    /// <summary>Python <c>format(value, spec)</c>.</summary>
    public static string ApplySpec(object? value, string spec, bool escape = false)
    {
        value = ClrInterop.Normalize(value);
        if (spec.Length == 0)
        {
            if (value is Markup m) return m.Value;
            var s = PyFormat.Str(value);
            return escape ? HtmlEscaper.Escape(s) : s;
        }
        var fs = Parse(spec);
        switch (value)
        {
            case bool b when fs.Type is '\0' or 's':
                return FormatString(b ? "True" : "False", fs);
            case long or int or bool or BigInteger:
                return FormatInt(PyNumberFormat.AsBigInteger(value)!.Value, fs);
            case double d:
                return FormatFloat(d, fs);
            case string or Markup:
            {
                var s = value is Markup mk ? mk.Value : escape ? HtmlEscaper.Escape((string)value) : (string)value;
                if (fs.Type is not '\0' and not 's')
                    throw new TemplateRuntimeException($"Unknown format code '{fs.Type}' for object of type 'str'");
                return FormatString(s, fs);
            }
            default:
                throw new TemplateRuntimeException($"unsupported format string passed to {PyFormat.TypeName(value)}.__format__");
        }
    }

    private sealed record Spec(char Fill, char Align, char Sign, bool Alt, bool Zero, int Width, char Grouping, int Precision, char Type);

    private static Spec Parse(string spec)
    {
        var i = 0;
        char fill = ' ', align = '\0', sign = '\0', grouping = '\0', type = '\0';
        bool alt = false, zero = false;
        int width = -1, precision = -1;
        if (spec.Length >= 2 && spec[1] is '<' or '>' or '^' or '=') { fill = spec[0]; align = spec[1]; i = 2; }
        else if (spec.Length >= 1 && spec[0] is '<' or '>' or '^' or '=') { align = spec[0]; i = 1; }
        if (i < spec.Length && spec[i] is '+' or '-' or ' ') sign = spec[i++];
        if (i < spec.Length && spec[i] == 'z') i++;
        if (i < spec.Length && spec[i] == '#') { alt = true; i++; }
        if (i < spec.Length && spec[i] == '0') { zero = true; i++; }
        while (i < spec.Length && char.IsAsciiDigit(spec[i])) width = PyOps.CheckedLength(Math.Max(width, 0) * 10L + (spec[i++] - '0'), "format width");
        if (i < spec.Length && spec[i] is ',' or '_') grouping = spec[i++];
        if (i < spec.Length && spec[i] == '.')
        {
            i++;
            precision = 0;
            var any = false;
            while (i < spec.Length && char.IsAsciiDigit(spec[i])) { precision = PyOps.CheckedLength(precision * 10L + (spec[i++] - '0'), "format precision"); any = true; }
            if (!any) throw new TemplateRuntimeException("Format specifier missing precision");
        }
        if (i < spec.Length) type = spec[i++];
        if (i < spec.Length) throw new TemplateRuntimeException("Invalid format specifier");
        if (zero && align == '\0') { fill = '0'; align = '='; }
        return new Spec(fill, align, sign, alt, zero, width, grouping, precision, type);
    }

    private static string FormatString(string s, Spec fs)
    {
        if (fs.Sign != '\0') throw new TemplateRuntimeException("Sign not allowed in string format specifier");
        if (fs.Align == '=') throw new TemplateRuntimeException("'=' alignment not allowed in string format specifier");
        if (fs.Precision >= 0 && fs.Precision < s.Length) s = s[..fs.Precision];
        return Align(s, "", fs, '<');
    }

    private static string FormatInt(BigInteger n, Spec fs)
    {
        string digits;
        var prefix = "";
        switch (fs.Type)
        {
            case '\0' or 'd' or 'n':
                digits = BigInteger.Abs(n).ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            case 'x' or 'X':
                digits = PyNumberFormat.IntDigits(BigInteger.Abs(n), 16, fs.Type == 'X');
                if (fs.Alt) prefix = fs.Type == 'X' ? "0X" : "0x";
                break;
            case 'o':
                digits = PyNumberFormat.IntDigits(BigInteger.Abs(n), 8);
                if (fs.Alt) prefix = "0o";
                break;
            case 'b':
                digits = PyNumberFormat.IntDigits(BigInteger.Abs(n), 2);
                if (fs.Alt) prefix = "0b";
                break;
            case 'c':
                return Align(char.ConvertFromUtf32((int)n), "", fs, '<');
            case 'e' or 'E' or 'f' or 'F' or 'g' or 'G' or '%':
                return FormatFloat((double)n, fs);
            default:
                throw new TemplateRuntimeException($"Unknown format code '{fs.Type}' for object of type 'int'");
        }
        if (fs.Precision >= 0) throw new TemplateRuntimeException("Precision not allowed in integer format specifier");
        if (fs.Grouping != '\0') digits = PyNumberFormat.Group(digits, fs.Grouping, fs.Type is 'x' or 'X' or 'o' or 'b' ? 4 : 3);
        var sign = n.Sign < 0 ? "-" : fs.Sign == '+' ? "+" : fs.Sign == ' ' ? " " : "";
        return Align(digits, sign + prefix, fs, '>');
    }

    private static string FormatFloat(double d, Spec fs)
    {
        var p = fs.Precision < 0 ? 6 : fs.Precision;
        var abs = Math.Abs(d);
        var negative = d < 0 || (d == 0 && double.IsNegative(d));
        if (double.IsNaN(d)) negative = false;
        string body = fs.Type switch
        {
            'f' or 'F' => PyNumberFormat.Fixed(abs, p, fs.Type == 'F', fs.Alt),
            'e' or 'E' => PyNumberFormat.Exp(abs, p, fs.Type == 'E', fs.Alt),
            'g' or 'G' => PyNumberFormat.General(abs, p, fs.Type == 'G', fs.Alt),
            '%' => PyNumberFormat.Fixed(abs * 100, p, false, fs.Alt) + "%",
            'n' => PyNumberFormat.General(abs, p),
            '\0' => fs.Precision < 0 ? PyFormat.FormatFloat(abs) : PyNumberFormat.NoTypeFloat(abs, fs.Precision),
            _ => throw new TemplateRuntimeException($"Unknown format code '{fs.Type}' for object of type 'float'"),
        };
        if (fs.Grouping != '\0' && char.IsAsciiDigit(body.Length > 0 ? body[0] : 'x'))
        {
            var end = 0;
            while (end < body.Length && char.IsAsciiDigit(body[end])) end++;
            body = PyNumberFormat.Group(body[..end], fs.Grouping) + body[end..];
        }
        var sign = negative ? "-" : fs.Sign == '+' ? "+" : fs.Sign == ' ' ? " " : "";
        return Align(body, sign, fs, '>');
    }

    private static string Align(string body, string sign, Spec fs, char defaultAlign)
    {
        var len = PyOps.CodePointLength(body) + sign.Length;
        if (fs.Width <= len) return sign + body;
        var pad = fs.Width - len;
        var align = fs.Align == '\0' ? defaultAlign : fs.Align;
        return align switch
        {
            '<' => sign + body + new string(fs.Fill, pad),
            '>' => new string(fs.Fill, pad) + sign + body,
            '^' => new string(fs.Fill, pad / 2) + sign + body + new string(fs.Fill, pad - pad / 2),
            _ => sign + new string(fs.Fill, pad) + body,
        };
    }
}
