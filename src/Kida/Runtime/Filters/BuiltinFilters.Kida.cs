using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using Kida.Runtime.Members;
using Kida.Runtime.Output;
using Kida.Runtime.Values;

namespace Kida.Runtime.Filters;

// Kida-only filters (LANGUAGE.md §6, marked [Kida]).
internal static partial class BuiltinFilters
{
    private static void RegisterKida(IDictionary<string, FilterFunction> f)
    {
        f["strip"] = Trim;
        f["classes"] = Classes;
        f["compact"] = Compact;
        f["commas"] = (v, a) => FormatNumber(v, 0, false);
        f["format_number"] = (v, a) => FormatNumber(v, (int)a.GetInt(0, "decimal_places", 0), a.GetBool(-1, "strict", false));
        f["decimal"] = Decimal;
        f["csp_nonce"] = CspNonce;
        f["date"] = Date;
        f["debug"] = Debug;
        f["get"] = Get;
        f["pluralize"] = Pluralize;
        f["require"] = Require;
        f["shuffle"] = (v, _) => Iter(v).OrderBy(_ => Random.Shared.Next()).ToList();
        f["skip"] = (v, a) => v is null ? new List<object?>() : Iter(v).Skip((int)Math.Max(0, a.GetInt(0, "count", 0))).ToList();
        f["take"] = (v, a) => v is null ? new List<object?>() : Iter(v).Take((int)Math.Max(0, a.GetInt(0, "count", 0))).ToList();
        f["slug"] = (v, _) => v is null ? "" : SlugRegex().Replace(Text(v).ToLowerInvariant(), "-").Trim('-');
        f["typeof"] = (v, _) => TypeOf(v);
    }

    private static object? Classes(object? value, CallArguments args)
    {
        var parts = new List<string>();
        foreach (var item in Iter(value))
        {
            if (item is IList or PyTuple && item is not string)
            {
                foreach (var inner in Iter(item))
                    if (PyOps.IsTrue(inner)) parts.Add(Text(inner));
            }
            else if (PyOps.IsTrue(item)) parts.Add(Text(item));
        }
        return string.Join(' ', parts);
    }

    private static object? Compact(object? value, CallArguments args)
    {
        if (value is null) return new List<object?>();
        var truthy = args.GetBool(-1, "truthy", true);
        return Iter(value).Where(x => truthy ? PyOps.IsTrue(x) : x is not null).ToList();
    }

    private static bool TryNumber(object? value, out double number, out BigInteger? integer)
    {
        var n = ClrInterop.Normalize(value);
        integer = null;
        number = 0;
        switch (n)
        {
            case long or BigInteger or bool:
                integer = PyNumberFormat.AsBigInteger(n);
                number = (double)integer!.Value;
                return true;
            case double d: number = d; return true;
            case string or Markup when TryParsePyFloat(Text(n), out var p):
                number = p;
                if (TryParsePyInt(Text(n), 10, out var bi)) integer = bi;
                return true;
        }
        return false;
    }

    private static object? FormatNumber(object? value, int places, bool strict)
    {
        if (!TryNumber(value, out var d, out var integer))
        {
            if (strict) throw new TemplateRuntimeException($"format_number expects a number, got {PyFormat.TypeName(value)}");
            return value is null ? "" : Text(value);
        }
        if (places <= 0)
        {
            var whole = integer ?? new BigInteger(Math.Truncate(d));
            var digits = PyNumberFormat.Group(BigInteger.Abs(whole).ToString(CultureInfo.InvariantCulture), ',');
            return whole.Sign < 0 ? "-" + digits : digits;
        }
        return StrFormat.ApplySpec(d, $",.{places}f");
    }

    private static object? Decimal(object? value, CallArguments args)
    {
        var places = (int)Math.Max(0, args.GetInt(0, "places", 2));
        var strict = args.GetBool(-1, "strict", false);
        if (!TryNumber(value, out var d, out _))
        {
            if (strict) throw new TemplateRuntimeException($"decimal expects a number, got {PyFormat.TypeName(value)}");
            return value is null ? "" : Text(value);
        }
        return PyNumberFormat.Fixed(d, places);
    }

    private static object? CspNonce(object? value, CallArguments args)
    {
        var nonce = args.GetString(0, "nonce", null);
        if (string.IsNullOrEmpty(nonce)) return value;
        var html = value is Markup m ? m.Value : Text(value);
        var attr = $" nonce=\"{HtmlEscaper.Escape(nonce)}\"";
        return new Markup(ScriptTagRegex().Replace(html, match => match.Value.Contains("nonce=", StringComparison.OrdinalIgnoreCase) ? match.Value : match.Groups[1].Value + attr + match.Groups[2].Value));
    }

    private static object? Date(object? value, CallArguments args)
    {
        var format = args.GetString(0, "format", "%Y-%m-%d")!;
        DateTime dt;
        switch (value)
        {
            case null: return "";
            case Undefined u: u.ThrowIfStrict(); return "";
            case DateTime x: dt = x; break;
            case DateTimeOffset dto: return Strftime(dto.DateTime, format, dto.Offset);
            case DateOnly dOnly: dt = dOnly.ToDateTime(TimeOnly.MinValue); break;
            case long or double or int or float or decimal:
                dt = DateTimeOffset.FromUnixTimeMilliseconds((long)(PyOps.ToDouble(ClrInterop.Normalize(value)) * 1000)).LocalDateTime;
                break;
            case string s when DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed):
                dt = parsed;
                break;
            default: return Text(value);
        }
        return Strftime(dt, format, null);
    }

    /// <summary>A subset of C's strftime, with Python's English names.</summary>
    internal static string Strftime(DateTime dt, string format, TimeSpan? offset)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%' || i + 1 >= format.Length) { sb.Append(c); continue; }
            var d = format[++i];
            sb.Append(d switch
            {
                'Y' => dt.Year.ToString("D4", inv),
                'y' => (dt.Year % 100).ToString("D2", inv),
                'm' => dt.Month.ToString("D2", inv),
                'd' => dt.Day.ToString("D2", inv),
                'e' => dt.Day.ToString(inv).PadLeft(2),
                'H' => dt.Hour.ToString("D2", inv),
                'I' => ((dt.Hour + 11) % 12 + 1).ToString("D2", inv),
                'M' => dt.Minute.ToString("D2", inv),
                'S' => dt.Second.ToString("D2", inv),
                'f' => (dt.Ticks % TimeSpan.TicksPerSecond / 10).ToString("D6", inv),
                'p' => dt.Hour < 12 ? "AM" : "PM",
                'b' or 'h' => dt.ToString("MMM", inv),
                'B' => dt.ToString("MMMM", inv),
                'a' => dt.ToString("ddd", inv),
                'A' => dt.ToString("dddd", inv),
                'j' => dt.DayOfYear.ToString("D3", inv),
                'w' => ((int)dt.DayOfWeek).ToString(inv),
                'u' => (dt.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)dt.DayOfWeek).ToString(inv),
                'z' => offset is { } o ? (o < TimeSpan.Zero ? "-" : "+") + o.Duration().ToString("hhmm", inv) : "",
                'Z' => offset is null ? "" : "UTC" + (offset.Value == TimeSpan.Zero ? "" : (offset.Value < TimeSpan.Zero ? "-" : "+") + offset.Value.Duration().ToString(@"hh\:mm", inv)),
                'F' => dt.ToString("yyyy-MM-dd", inv),
                'T' => dt.ToString("HH:mm:ss", inv),
                'D' => dt.ToString("MM/dd/yy", inv),
                'c' => dt.ToString("ddd MMM ", inv) + dt.Day.ToString(inv).PadLeft(2) + dt.ToString(" HH:mm:ss yyyy", inv),
                'x' => dt.ToString("MM/dd/yy", inv),
                'X' => dt.ToString("HH:mm:ss", inv),
                '%' => "%",
                _ => "%" + d,
            });
        }
        return sb.ToString();
    }

    private static object? Debug(object? value, CallArguments args)
    {
        var label = args.GetString(0, "label", null);
        var maxItems = (int)args.GetInt(1, "max_items", 5);
        string summary;
        if (value is ICollection col && value is not string)
        {
            var items = PyOps.Iterate(value).Take(maxItems).Select(PyFormat.Repr);
            summary = $"{PyFormat.TypeName(value)}[{col.Count}]: {string.Join(", ", items)}{(col.Count > maxItems ? ", ..." : "")}";
        }
        else summary = $"{PyFormat.TypeName(value)}: {PyFormat.Repr(value)}";
        Console.Error.WriteLine(label is null ? $"[kida debug] {summary}" : $"[kida debug] {label}: {summary}");
        return value;
    }

    private static object? Get(object? value, CallArguments args)
    {
        var key = args.Get(0, "key");
        var dflt = args.Get(1, "default");
        if (value is null or Undefined) return dflt;
        if (IsMapping(value))
        {
            foreach (var kv in PyMethods.DictPairs(value))
                if (PyOps.Eq(kv.Key, key)) return kv.Value;
            return dflt;
        }
        if (key is string name)
        {
            var v = MemberAccess.GetAttr(value, name, false);
            return v is Undefined ? dflt : v;
        }
        var item = MemberAccess.GetItem(value, key, false);
        return item is Undefined ? dflt : item;
    }

    private static object? Pluralize(object? value, CallArguments args)
    {
        var suffix = args.GetString(0, "suffix", "s")!;
        string singular = "", plural = suffix;
        var comma = suffix.IndexOf(',');
        if (comma >= 0) { singular = suffix[..comma]; plural = suffix[(comma + 1)..]; }
        long count;
        var n = ClrInterop.Normalize(value);
        if (n is long or double or bool or BigInteger) return PyOps.Eq(n, 1L) ? singular : plural;
        if (n is string s && TryParsePyFloat(s, out var parsed)) return parsed == 1 ? singular : plural;
        try { count = PyOps.Len(n); }
        catch (TemplateRuntimeException) { return plural; }
        return count == 1 ? singular : plural;
    }

    private static object? Require(object? value, CallArguments args)
    {
        if (value is not null and not Undefined) return value;
        var message = args.GetString(0, "message", null);
        var field = args.GetString(1, "field_name", null);
        message ??= field is null ? "Required value is missing" : $"Required value '{field}' is missing";
        throw new TemplateRuntimeException(message);
    }

    private static string TypeOf(object? value)
    {
        var n = ClrInterop.Normalize(value);
        return n switch
        {
            null => "none",
            bool => "bool",
            long or BigInteger => "int",
            double => "float",
            string or Markup => "str",
            List<object?> or PyTuple => "list",
            FileSystemInfo => "path",
            _ when IsMapping(n) => "dict",
            IList => "list",
            _ => PyFormat.TypeName(n),
        };
    }

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex SlugRegex();

    [GeneratedRegex(@"(<(?:script|style)\b[^>]*?)(/?>)", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTagRegex();
}
