using System.Collections;
using System.Text;
using System.Text.RegularExpressions;
using Kida.Runtime.Members;
using Kida.Runtime.Output;
using Kida.Runtime.Values;

namespace Kida.Runtime.Filters;

// The filter variants the Kida dialect uses where Kida 0.12 and Jinja2 disagree (LANGUAGE.md §6, marked J2≠).
// Each variant replaces the shared name in the environment's filter table only when the dialect is Kida, so the
// Jinja2 filters stay byte-for-byte what the conformance corpora expect and neither dialect pays a per-call check.
internal static partial class BuiltinFilters
{
    /// <summary>Replaces the Jinja2 meaning of shared filter names with Kida's (only for <see cref="TemplateDialect.Kida"/>).</summary>
    public static void RegisterKidaDialect(IDictionary<string, FilterFunction> filters)
    {
        var jinjaTruncate = filters["truncate"];
        var jinjaFileSize = filters["filesizeformat"];
        filters["default"] = filters["d"] = KidaDefault;
        // Kida ignores leeway: the text is cut as soon as it is longer than the length.
        filters["truncate"] = (value, args) =>
        {
            var named = args.Named.Where(kv => kv.Key != "leeway").Append(new KeyValuePair<string, object?>("leeway", 0L)).ToArray();
            var positional = args.Positional.Take(3).ToArray();
            return jinjaTruncate(value, new CallArguments(positional, named, args.Context));
        };
        filters["attr"] = (v, a) => KidaAttr(v, Text(a.Get(0, "name")));
        // Kida has no singular: every size below the base is "N Bytes".
        filters["filesizeformat"] = (v, a) => jinjaFileSize(v, a) is var size && size is "1 Byte" ? "1 Bytes" : size;
        filters["first"] = (v, _) => KidaItems(v) is { } items ? items.FirstOrDefault() : null;
        filters["last"] = (v, _) => KidaItems(v) is { } items ? items.LastOrDefault() : null;
        filters["format"] = KidaFormat;
        filters["groupby"] = KidaGroupBy;
        filters["indent"] = KidaIndent;
        filters["int"] = KidaInt;
        filters["join"] = KidaJoin;
        filters["map"] = KidaMap;
        filters["reverse"] = (v, _) => { var list = Iter(v).ToList(); list.Reverse(); return list; };
        filters["slice"] = KidaSlice;
        filters["striptags"] = (v, _) => TagRegex().Replace(Text(v), "");
        filters["title"] = (v, _) => PyTitle(Text(v));
        filters["tojson"] = KidaToJson;
        filters["urlencode"] = (v, _) => v is Undefined u ? UndefinedText(u) : UrlQuoteAll(Text(v));
        filters["wordwrap"] = KidaWordWrap;
        // Kida's xmlattr has no autospace and is always safe.
        filters["xmlattr"] = (v, a) => new Markup(Text(XmlAttr(v, new CallArguments([false], [], a.Context))));
    }

    /// <summary>Kida's default: None counts as missing too.</summary>
    private static object? KidaDefault(object? value, CallArguments args)
    {
        var fallback = args.Get(0, "default_value", args.Get(-1, "default", ""));
        var boolean = args.GetBool(1, "boolean", false);
        if (value is Undefined or null) return fallback;
        if (boolean && !PyOps.IsTrue(value)) return fallback;
        return value;
    }

    private static string UndefinedText(Undefined u)
    {
        u.ThrowIfStrict();
        return "";
    }

    /// <summary>Kida's attr: a dict's key, else an attribute; None or missing is "" (never undefined).</summary>
    private static object? KidaAttr(object? value, string name)
    {
        object? found = value switch
        {
            null or Undefined => null,
            PyDict d => d.TryGetValue(name, out var dv) ? dv : null,
            IDictionary nd => nd.Contains(name) ? ClrInterop.Normalize(nd[name]) : null,
            _ => MemberAccess.GetAttr(value, name, strict: false),
        };
        return found is null or Undefined ? "" : found;
    }

    /// <summary>The items of a value for Kida's first/last; null for None and for values that cannot be iterated.</summary>
    private static List<object?>? KidaItems(object? value)
    {
        if (value is null || !PyOps.IsIterable(value) && value is not Undefined) return null;
        return Iter(value).ToList();
    }

    /// <summary>Kida's format is always <c>str.format</c>; a %-style string given arguments is a mistake it reports.</summary>
    private static object? KidaFormat(object? value, CallArguments args)
    {
        var fmt = Text(value);
        if (args.Count > 0 && !fmt.Contains('{') && PercentSpecRegex().IsMatch(fmt))
            throw new TemplateRuntimeException(
                "format filter uses str.format() with {} placeholders, not %; write \"{:.2f}\" | format(x) instead of \"%.2f\" | format(x)");
        return StrFormat.Format(fmt, args.Positional, args.Named, false);
    }

    /// <summary>Kida's groupby: sorted case-insensitively with None and "" last; groups are {grouper, list} dicts.</summary>
    private static object? KidaGroupBy(object? value, CallArguments args)
    {
        var attribute = Text(args.Get(0, "attribute"));
        var keyed = Iter(value).Select(item => (Key: KidaKey(item, attribute), Item: item)).ToList();
        var sorted = StableSort(keyed.Select(k => (object?)k), (a, b) =>
            CompareRanks(GroupRank(((ValueTuple<object?, object?>)a!).Item1), GroupRank(((ValueTuple<object?, object?>)b!).Item1)));
        var result = new List<object?>();
        List<object?>? current = null;
        object? currentKey = null;
        foreach (var (key, item) in sorted.Cast<ValueTuple<object?, object?>>())
        {
            if (current is null || !PyOps.Eq(key, currentKey))
            {
                current = [];
                currentKey = key;
                result.Add(new PyDict { ["grouper"] = key, ["list"] = current });
            }
            current.Add(item);
        }
        return result;

        static object? KidaKey(object? item, string name) => item switch
        {
            PyDict d => d.TryGetValue(name, out var v) ? v : null,
            IDictionary nd => nd.Contains(name) ? ClrInterop.Normalize(nd[name]) : null,
            _ => MemberAccess.GetAttr(item, name, strict: false) is var v && v is Undefined ? null : v,
        };

        // Rank 1 sorts None and "" after every real value; numbers compare as numbers, the rest as lower-case text.
        static (int Rank, object? Key) GroupRank(object? key) => ClrInterop.Normalize(key) switch
        {
            null or "" => (1, ""),
            long or double or bool or System.Numerics.BigInteger => (0, key),
            _ => (0, PyFormat.Str(key).ToLowerInvariant()),
        };

        static int CompareRanks((int Rank, object? Key) a, (int Rank, object? Key) b) =>
            a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : CompareKeys(a.Key, b.Key);
    }

    /// <summary>Kida's indent: every line after the first (or every line) is indented, blank ones included.</summary>
    private static object? KidaIndent(object? value, CallArguments args)
    {
        var width = (int)Math.Max(0, args.GetInt(0, "width", 4));
        var first = args.GetBool(1, "first", false);
        var indention = new string(' ', width);
        var lines = PyMethods.SplitLines(Text(value), true).Select(l => (string)l!).ToList();
        var sb = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0 || first) sb.Append(indention);
            sb.Append(lines[i]);
        }
        // Python's "".splitlines() is empty, so an empty text stays empty even with first=true.
        return value is Markup ? new Markup(sb.ToString()) : sb.ToString();
    }

    /// <summary>Kida's int is Python's <c>int()</c>: text must be an integer literal ("3.7" gives the default).</summary>
    private static object? KidaInt(object? value, CallArguments args)
    {
        var dflt = args.Get(0, "default", 0L);
        var strict = args.GetBool(1, "strict", false);
        var n = ClrInterop.Normalize(value);
        switch (n)
        {
            case long or System.Numerics.BigInteger: return n;
            case bool b: return PyOps.Box(b ? 1L : 0L);
            case double d when !double.IsNaN(d) && !double.IsInfinity(d): return Shrink(new System.Numerics.BigInteger(Math.Truncate(d)));
            case string or Markup when TryParsePyInt(Text(n), 10, out var big): return Shrink(big);
        }
        if (strict) throw new TemplateRuntimeException($"int() cannot convert {PyFormat.Repr(value)}");
        return dflt;
    }

    /// <summary>Kida's join: <c>str()</c> of each item, plain text (safe items are not kept safe).</summary>
    private static object? KidaJoin(object? value, CallArguments args)
    {
        if (value is null) return "";
        var sep = Text(args.Get(0, "separator", args.Get(-1, "d", "")));
        return string.Join(sep, Iter(value).Select(Text));
    }

    /// <summary>Kida's map: <c>attribute=</c> reads a key or attribute per item; a positional names a method to call.</summary>
    private static object? KidaMap(object? value, CallArguments args)
    {
        if (value is null) return new List<object?>();
        var items = Iter(value);
        if (args.Get(-1, "attribute") is { } attribute and not Undefined)
            return items.Select(item => KidaAttr(item, Text(attribute))).ToList();
        if (args.Positional.Count == 0) return items.ToList();
        var method = Text(args.Positional[0]);
        return items.Select(item => MemberAccess.GetAttr(item, method, strict: true) switch
        {
            IPyCallable c => c.Call(CallArguments.Empty),
            TemplateFunction tf => tf(CallArguments.Empty),
            var other => throw new TemplateRuntimeException($"'{PyFormat.TypeName(other)}' object is not callable"),
        }).ToList();
    }

    /// <summary>Kida's slice deals the items round-robin (item i goes to list i mod N); fill_with is ignored.</summary>
    private static object? KidaSlice(object? value, CallArguments args)
    {
        var slices = (int)PyOps.ToInt(args.Get(0, "slices") ?? throw new TemplateRuntimeException("slice() missing 1 required positional argument: 'slices'"));
        if (slices <= 0) throw new TemplateRuntimeException("slice() needs a positive number of slices");
        var result = Enumerable.Range(0, slices).Select(_ => new List<object?>()).ToList();
        var i = 0;
        foreach (var item in Iter(value)) result[i++ % slices].Add(item);
        return result.Cast<object?>().ToList();
    }

    /// <summary>
    /// Python's <c>str.title</c>: a cased letter is upper-cased after any uncased character, so "they're" becomes
    /// "They'Re" and "3rd" "3Rd"; uncased letters (CJK) start a new word too.
    /// </summary>
    internal static string PyTitle(string s)
    {
        var sb = new StringBuilder(s.Length);
        var previousCased = false;
        foreach (var c in s)
        {
            var cased = char.IsUpper(c) || char.IsLower(c) ||
                        char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.TitlecaseLetter;
            sb.Append(!cased ? c : previousCased ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            previousCased = cased;
        }
        return sb.ToString();
    }

    /// <summary>Kida's tojson: insertion order, ASCII-only output, <c>&lt;/</c> escaped; <c>attr=true</c> HTML-escapes instead.</summary>
    private static object? KidaToJson(object? value, CallArguments args)
    {
        var indentArg = args.Get(0, "indent");
        string? indent = indentArg is null or Undefined ? null : new string(' ', (int)Math.Max(0, PyOps.ToInt(indentArg)));
        var sb = new StringBuilder();
        WriteJson(sb, value, indent, 0, 0, kida: true);
        var json = sb.ToString();
        return args.GetBool(-1, "attr", false)
            ? new Markup(HtmlEscaper.Escape(json, kidaQuotes: true))
            : new Markup(json.Replace("</", "\\u003c/", StringComparison.Ordinal));
    }

    /// <summary>Percent-encodes UTF-8 text keeping only unreserved characters (Python's <c>quote(s, safe="")</c>).</summary>
    private static string UrlQuoteAll(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '~') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>Kida's wordwrap is <c>textwrap.fill</c>: tabs expand, every whitespace character (newlines too) becomes a space.</summary>
    private static object? KidaWordWrap(object? value, CallArguments args)
    {
        var width = (int)args.GetInt(0, "width", 79);
        var breakLong = args.GetBool(1, "break_long_words", true);
        if (width <= 0) throw new TemplateRuntimeException($"invalid width {width} (must be > 0)");
        var text = new StringBuilder();
        var column = 0;
        foreach (var c in Text(value))
        {
            switch (c)
            {
                case '\t':
                    var spaces = 8 - column % 8;
                    text.Append(' ', spaces);
                    column += spaces;
                    break;
                case '\n' or '\r':
                    text.Append(' ');
                    column = 0;
                    break;
                case '\v' or '\f':
                    text.Append(' ');
                    column++;
                    break;
                default:
                    text.Append(c);
                    column++;
                    break;
            }
        }
        return string.Join('\n', TextWrap(text.ToString(), width, breakLong));
    }

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex TagRegex();

    // A %-directive such as %s, %5d or %.2f (a bare "50%" is not one).
    [GeneratedRegex(@"%\d*\.?\d*[sdfioxXeEgGcr]")]
    private static partial Regex PercentSpecRegex();
}
