using System.Text;
using System.Text.RegularExpressions;
using Kida.Runtime.Output;
using Kida.Runtime.Values;

namespace Kida.Runtime.Filters;

// Escaping-sensitive filters: escape, safe, striptags, urlize, urlencode, xmlattr.
internal static partial class BuiltinFilters
{
    private static void RegisterHtml(IDictionary<string, FilterFunction> f)
    {
        f["escape"] = f["e"] = (v, _) => v is Undefined u ? EscapeUndefined(u) : HtmlEscaper.EscapeValue(v);
        f["forceescape"] = (v, _) => new Markup(HtmlEscaper.Escape(Text(v)));
        f["safe"] = (v, _) => v is Markup ? v : new Markup(Text(v));
        f["striptags"] = (v, _) => StripTags(Text(v));
        f["urlize"] = Urlize;
        f["urlencode"] = UrlEncode;
        f["xmlattr"] = XmlAttr;
    }

    private static Markup EscapeUndefined(Undefined u)
    {
        var text = u.Text();
        return text.Length == 0 ? Markup.Empty : new Markup(HtmlEscaper.Escape(text));
    }

    /// <summary>markupsafe's striptags: drop comments and tags, collapse whitespace, unescape entities.</summary>
    internal static string StripTags(string value)
    {
        int start;
        while ((start = value.IndexOf("<!--", StringComparison.Ordinal)) >= 0)
        {
            var end = value.IndexOf("-->", start, StringComparison.Ordinal);
            if (end < 0) break;
            value = value[..start] + value[(end + 3)..];
        }
        while ((start = value.IndexOf('<')) >= 0)
        {
            var end = value.IndexOf('>', start);
            if (end < 0) break;
            value = value[..start] + value[(end + 1)..];
        }
        value = string.Join(' ', PyMethods.Split(value, null).Select(x => (string)x!));
        return System.Net.WebUtility.HtmlDecode(value);
    }

    private static object? UrlEncode(object? value, CallArguments args)
    {
        if (value is Undefined u) { u.ThrowIfStrict(); return ""; }
        if (value is string or Markup || !PyOps.IsIterable(value) || value is null)
            return UrlQuote(value, false);
        IEnumerable<(object? K, object? V)> items = IsMapping(value)
            ? PyMethods.DictPairs(value).Select(kv => ((object?)kv.Key, kv.Value))
            : Iter(value).Select(item =>
            {
                var pair = PyOps.ToList(item);
                if (pair.Count != 2) throw new TemplateRuntimeException($"too many values to unpack (expected 2)");
                return (pair[0], pair[1]);
            });
        return string.Join('&', items.Select(kv => UrlQuote(kv.K, true) + "=" + UrlQuote(kv.V, true)));
    }

    /// <summary>Percent-encodes UTF-8 text; unreserved characters (and <c>/</c> outside query strings) stay.</summary>
    internal static string UrlQuote(object? value, bool forQs)
    {
        var bytes = Encoding.UTF8.GetBytes(Text(value));
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '~' || (c == '/' && !forQs)) sb.Append(c);
            else if (c == ' ' && forQs) sb.Append('+');
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static object? XmlAttr(object? value, CallArguments args)
    {
        if (value is Undefined u) throw u.ToException();
        if (!IsMapping(value)) throw new TemplateRuntimeException($"'{PyFormat.TypeName(value)}' object has no attribute 'items'");
        var autospace = args.GetBool(0, "autospace", true);
        var items = new List<string>();
        foreach (var (key, v) in PyMethods.DictPairs(value!))
        {
            if (v is null or Undefined) continue;
            var k = Text(key);
            if (k.AsSpan().IndexOfAny(" \t\n\r\f\v/>=") >= 0)
                throw new TemplateRuntimeException($"Invalid character in attribute name: {PyFormat.Repr(k)}");
            items.Add($"{HtmlEscaper.EscapeValue(key).Value}=\"{HtmlEscaper.EscapeValue(v).Value}\"");
        }
        var rv = string.Join(' ', items);
        if (autospace && rv.Length > 0) rv = " " + rv;
        return args.Autoescape ? new Markup(rv) : rv;
    }

    private static object? Urlize(object? value, CallArguments args)
    {
        var limit = args.TryGet(0, "trim_url_limit", out var l) && l is not null and not Undefined ? (int?)PyOps.ToInt(l) : null;
        var nofollow = args.GetBool(1, "nofollow", false);
        var target = args.GetString(2, "target", null);
        var relParts = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var p in PyMethods.Split(args.GetString(3, "rel", null) ?? "", null)) relParts.Add((string)p!);
        if (nofollow) relParts.Add("nofollow");
        relParts.Add("noopener");
        var rel = string.Join(' ', relParts);
        var extra = args.TryGet(4, "extra_schemes", out var es) && es is not null and not Undefined
            ? Iter(es).Select(Text).ToList()
            : [];
        foreach (var scheme in extra)
            if (!SchemeRegex().IsMatch(scheme))
                throw new TemplateRuntimeException($"{PyFormat.Repr(scheme)} is not a valid URI scheme prefix.");
        var rv = UrlizeText(Text(value is Markup ? value : HtmlEscaper.Escape(Text(value))), limit, rel, target, extra);
        return args.Autoescape ? new Markup(rv) : rv;
    }

    private static string UrlizeText(string escaped, int? limit, string rel, string? target, List<string> extraSchemes)
    {
        string Trim(string x) => limit is { } n && x.Length > n ? x[..Math.Max(0, n)] + "..." : x;
        var relAttr = rel.Length > 0 ? $" rel=\"{HtmlEscaper.Escape(rel)}\"" : "";
        var targetAttr = string.IsNullOrEmpty(target) ? "" : $" target=\"{HtmlEscaper.Escape(target)}\"";
        var words = Regex.Split(escaped, @"(\s+)");
        for (var i = 0; i < words.Length; i++)
        {
            var middle = words[i];
            var head = "";
            var tail = "";
            var m = LeadRegex().Match(middle);
            if (m.Success && m.Length > 0)
            {
                head = m.Value;
                middle = middle[m.Length..];
            }
            var t = TrailRegex().Match(middle);
            if (t.Success)
            {
                tail = t.Value;
                middle = middle[..t.Index];
            }
            foreach (var (open, close) in new[] { ("(", ")"), ("<", ">"), ("&lt;", "&gt;") })
            {
                var opens = CountOf(middle, open);
                if (opens <= CountOf(middle, close)) continue;
                var n = Math.Min(opens, CountOf(tail, close));
                for (var k = 0; k < n; k++)
                {
                    var endIndex = tail.IndexOf(close, StringComparison.Ordinal) + close.Length;
                    middle += tail[..endIndex];
                    tail = tail[endIndex..];
                }
            }
            if (HttpRegex().IsMatch(middle))
            {
                var href = middle.StartsWith("https://", StringComparison.Ordinal) || middle.StartsWith("http://", StringComparison.Ordinal)
                    ? middle
                    : "https://" + middle;
                middle = $"<a href=\"{href}\"{relAttr}{targetAttr}>{Trim(middle)}</a>";
            }
            else if (middle.StartsWith("mailto:", StringComparison.Ordinal) && EmailRegex().IsMatch(middle[7..]))
                middle = $"<a href=\"{middle}\">{middle[7..]}</a>";
            else if (middle.Contains('@') && !middle.StartsWith("www.", StringComparison.Ordinal) && !middle.Contains(':') && EmailRegex().IsMatch(middle))
                middle = $"<a href=\"mailto:{middle}\">{middle}</a>";
            else
                foreach (var scheme in extraSchemes)
                    if (middle != scheme && middle.StartsWith(scheme, StringComparison.Ordinal))
                        middle = $"<a href=\"{middle}\"{relAttr}{targetAttr}>{middle}</a>";
            words[i] = head + middle + tail;
        }
        return string.Concat(words);
    }

    private static int CountOf(string s, string sub)
    {
        var n = 0;
        var at = 0;
        while ((at = s.IndexOf(sub, at, StringComparison.Ordinal)) >= 0) { n++; at += sub.Length; }
        return n;
    }

    [GeneratedRegex(@"^(?:[(<]|&lt;)+")]
    private static partial Regex LeadRegex();

    [GeneratedRegex(@"(?:[)>.,\n]|&gt;)+$")]
    private static partial Regex TrailRegex();

    [GeneratedRegex(@"^\S+@\w[\w.-]*\.\w+$")]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"^\w+[\w+.-]*:(//)?$")]
    private static partial Regex SchemeRegex();

    [GeneratedRegex(@"^((https?://|www\.)(([\w%-]+\.)+)?([a-z]{2,63}|xn--[\w%]{2,59})|([\w%-]{2,63}\.)+(com|net|int|edu|gov|org|info|mil)|(https?://)((\d{1,3}(\.\d{1,3}){3})|(\[([\da-f]{0,4}:){2}([\da-f]{0,4}:?){1,6}])))(?::\d{1,5})?(?:[/?#]\S*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex HttpRegex();
}
