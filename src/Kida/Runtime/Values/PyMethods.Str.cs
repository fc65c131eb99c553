using System.Globalization;
using System.Text;
using Kida.Runtime.Output;

namespace Kida.Runtime.Values;

internal static partial class PyMethods
{
    private static bool IsStrMethod(string name) => name is "upper" or "lower" or "title" or "capitalize" or "strip"
        or "lstrip" or "rstrip" or "split" or "rsplit" or "join" or "replace" or "startswith" or "endswith"
        or "find" or "rfind" or "index" or "rindex" or "count" or "format" or "removeprefix" or "removesuffix"
        or "splitlines" or "isdigit" or "isalpha" or "isalnum" or "isspace" or "isupper" or "islower"
        or "isdecimal" or "isnumeric" or "istitle" or "zfill" or "center" or "ljust" or "rjust" or "casefold"
        or "swapcase" or "partition" or "rpartition" or "expandtabs" or "format_map";

    // Methods that markupsafe wraps: str arguments are escaped and str results become Markup.
    private static bool IsMarkupWrapped(string name) => name is "upper" or "lower" or "title" or "capitalize"
        or "strip" or "lstrip" or "rstrip" or "split" or "rsplit" or "join" or "replace" or "removeprefix"
        or "removesuffix" or "splitlines" or "zfill" or "center" or "ljust" or "rjust" or "casefold" or "swapcase"
        or "partition" or "rpartition" or "expandtabs";

    private static bool TryCallMarkup(Markup m, string name, CallArguments args, out object? result)
    {
        if (name is "format" or "format_map")
        {
            var kw = name == "format_map" ? MappingToKw(args.Get(0, "mapping")) : args.Named;
            result = new Markup(StrFormat.Format(m.Value, name == "format" ? args.Positional : [], kw, escape: true));
            return true;
        }
        if (!IsMarkupWrapped(name)) return TryCallStr(m.Value, name, args, out result);
        // markupsafe escapes only the inserted text: replace's new, the fill character, join's items.
        var escapeIndex = name switch { "replace" or "center" or "ljust" or "rjust" => 1, _ => -1 };
        var escapeName = name == "replace" ? "new" : "fillchar";
        var pos = new object?[args.Positional.Count];
        for (var i = 0; i < pos.Length; i++) pos[i] = i == escapeIndex ? EscapeArg(args.Positional[i]) : Unwrap(args.Positional[i]);
        var named = new KeyValuePair<string, object?>[args.Named.Count];
        for (var i = 0; i < named.Length; i++)
            named[i] = new(args.Named[i].Key, args.Named[i].Key == escapeName ? EscapeArg(args.Named[i].Value) : Unwrap(args.Named[i].Value));
        if (name == "join")
        {
            var items = PyOps.Iterate(args.Get(0, "iterable")).Select(x => (object?)(x is Markup mk ? mk.Value : x is string xs ? HtmlEscaper.Escape(xs) : x)).ToList();
            pos = [items];
        }
        if (!TryCallStr(m.Value, name, new CallArguments(pos, named, args.Context), out result)) return false;
        result = WrapMarkup(result);
        return true;
    }

    private static object? Unwrap(object? v) => v is Markup mk ? mk.Value : v;

    private static object? EscapeArg(object? v) => v is string s ? HtmlEscaper.Escape(s) : v is Markup mk ? mk.Value : v;

    private static object? WrapMarkup(object? v) => v switch
    {
        string s => new Markup(s),
        List<object?> l => l.Select(x => WrapMarkup(x)).ToList(),
        PyTuple t => new PyTuple(t.Select(x => WrapMarkup(x)).ToArray()),
        _ => v,
    };

    private static IReadOnlyList<KeyValuePair<string, object?>> MappingToKw(object? mapping)
    {
        if (mapping is null || mapping is Undefined) return [];
        var d = ClrInterop.ToPyDict(mapping);
        return PyMethods.DictPairs(d).Select(kv => new KeyValuePair<string, object?>(PyFormat.Str(kv.Key), kv.Value)).ToList();
    }

    private static string StrArg(CallArguments args, int index, string name, string method)
    {
        var v = args.Get(index, name);
        return v switch
        {
            string s => s,
            Markup m => m.Value,
            _ => throw new TemplateRuntimeException($"{method}() argument must be str, not {PyFormat.TypeName(v)}"),
        };
    }

    private static string? OptStrArg(CallArguments args, int index, string name, string method)
    {
        if (!args.TryGet(index, name, out var v) || v is null) return null;
        return v switch
        {
            string s => s,
            Markup m => m.Value,
            _ => throw new TemplateRuntimeException($"{method} arg must be None or str"),
        };
    }

    private static bool TryCallStr(string s, string name, CallArguments args, out object? result)
    {
        result = null;
        switch (name)
        {
            case "upper": Arity(name, args, 0, 0); result = Upper(s); return true;
            case "lower": Arity(name, args, 0, 0); result = s.ToLowerInvariant(); return true;
            case "casefold": Arity(name, args, 0, 0); result = Upper(s).ToLowerInvariant(); return true;
            case "title": Arity(name, args, 0, 0); result = Title(s); return true;
            case "capitalize": Arity(name, args, 0, 0); result = Capitalize(s); return true;
            case "swapcase":
                Arity(name, args, 0, 0);
                result = string.Concat(s.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c).ToString() : char.IsLower(c) ? Upper(c.ToString()) : c.ToString()));
                return true;
            case "strip" or "lstrip" or "rstrip":
            {
                Arity(name, args, 0, 1);
                var chars = OptStrArg(args, 0, "chars", name);
                result = Strip(s, chars, name != "rstrip", name != "lstrip");
                return true;
            }
            case "split" or "rsplit":
            {
                Arity(name, args, 0, 2);
                var sep = OptStrArg(args, 0, "sep", name);
                var max = args.GetInt(1, "maxsplit", -1);
                result = name == "split" ? Split(s, sep, max) : RSplit(s, sep, max);
                return true;
            }
            case "splitlines":
                Arity(name, args, 0, 1);
                result = SplitLines(s, args.GetBool(0, "keepends", false));
                return true;
            case "join":
            {
                Arity(name, args, 1, 1);
                var sb = new StringBuilder();
                var i = 0;
                foreach (var item in PyOps.Iterate(args.Get(0, "iterable")))
                {
                    if (i > 0) sb.Append(s);
                    sb.Append(item switch
                    {
                        string x => x,
                        Markup mk => mk.Value,
                        _ => throw new TemplateRuntimeException($"sequence item {i}: expected str instance, {PyFormat.TypeName(item)} found"),
                    });
                    i++;
                }
                result = sb.ToString();
                return true;
            }
            case "replace":
            {
                Arity(name, args, 2, 3);
                result = Replace(s, StrArg(args, 0, "old", name), StrArg(args, 1, "new", name), args.GetInt(2, "count", -1));
                return true;
            }
            case "startswith" or "endswith":
            {
                Arity(name, args, 1, 3);
                var (sub, _) = Window(s, args, 1);
                if (sub is null) { result = PyOps.False; return true; }
                var prefix = args.Get(0, "prefix");
                var candidates = prefix is PyTuple t ? t.ToArray() : [prefix];
                var hit = false;
                foreach (var c in candidates)
                {
                    var p = c switch
                    {
                        string x => x,
                        Markup mk => mk.Value,
                        _ => throw new TemplateRuntimeException($"{name} first arg must be str or a tuple of str, not {PyFormat.TypeName(c)}"),
                    };
                    if (name == "startswith" ? sub.StartsWith(p, StringComparison.Ordinal) : sub.EndsWith(p, StringComparison.Ordinal)) hit = true;
                }
                result = PyOps.Box(hit);
                return true;
            }
            case "find" or "rfind" or "index" or "rindex":
            {
                Arity(name, args, 1, 3);
                var needle = StrArg(args, 0, "sub", name);
                var (sub, offset) = Window(s, args, 1);
                var at = sub is null ? -1 : name is "find" or "index" ? sub.IndexOf(needle, StringComparison.Ordinal) : sub.LastIndexOf(needle, StringComparison.Ordinal);
                if (at < 0 && name is "index" or "rindex") throw new TemplateRuntimeException("substring not found");
                result = PyOps.Box(at < 0 ? -1L : at + offset);
                return true;
            }
            case "count":
            {
                Arity(name, args, 1, 3);
                var needle = StrArg(args, 0, "sub", name);
                var (sub, _) = Window(s, args, 1);
                result = PyOps.Box(sub is null ? 0L : CountOccurrences(sub, needle));
                return true;
            }
            case "format":
                result = StrFormat.Format(s, args.Positional, args.Named);
                return true;
            case "format_map":
                Arity(name, args, 1, 1);
                result = StrFormat.Format(s, [], MappingToKw(args.Get(0, "mapping")));
                return true;
            case "removeprefix":
            {
                Arity(name, args, 1, 1);
                var p = StrArg(args, 0, "prefix", name);
                result = p.Length > 0 && s.StartsWith(p, StringComparison.Ordinal) ? s[p.Length..] : s;
                return true;
            }
            case "removesuffix":
            {
                Arity(name, args, 1, 1);
                var p = StrArg(args, 0, "suffix", name);
                result = p.Length > 0 && s.EndsWith(p, StringComparison.Ordinal) ? s[..^p.Length] : s;
                return true;
            }
            case "isdigit" or "isdecimal" or "isnumeric":
                Arity(name, args, 0, 0);
                result = PyOps.Box(s.Length > 0 && s.All(c => name == "isnumeric" ? char.IsNumber(c) : char.IsDigit(c)));
                return true;
            case "isalpha":
                Arity(name, args, 0, 0);
                result = PyOps.Box(s.Length > 0 && s.All(char.IsLetter));
                return true;
            case "isalnum":
                Arity(name, args, 0, 0);
                result = PyOps.Box(s.Length > 0 && s.All(char.IsLetterOrDigit));
                return true;
            case "isspace":
                Arity(name, args, 0, 0);
                result = PyOps.Box(s.Length > 0 && s.All(char.IsWhiteSpace));
                return true;
            case "isupper":
                Arity(name, args, 0, 0);
                result = PyOps.Box(IsUpper(s));
                return true;
            case "islower":
                Arity(name, args, 0, 0);
                result = PyOps.Box(IsLower(s));
                return true;
            case "istitle":
                Arity(name, args, 0, 0);
                result = PyOps.Box(s.Any(char.IsLetter) && Title(s) == s);
                return true;
            case "zfill":
            {
                Arity(name, args, 1, 1);
                var w = PyOps.CheckedLength(args.GetInt(0, "width", 0), "zfill width");
                if (s.Length >= w) { result = s; return true; }
                var signLen = s.Length > 0 && s[0] is '+' or '-' ? 1 : 0;
                result = s[..signLen] + new string('0', w - s.Length) + s[signLen..];
                return true;
            }
            case "center" or "ljust" or "rjust":
            {
                Arity(name, args, 1, 2);
                // Checked, not cast: (int)10**18 wraps, and 10**9 would allocate gigabytes.
                var w = PyOps.CheckedLength(args.GetInt(0, "width", 0), name + " width");
                var fill = OptStrArg(args, 1, "fillchar", name) ?? " ";
                if (fill.Length != 1) throw new TemplateRuntimeException("The fill character must be exactly one character long");
                result = name switch
                {
                    "center" => Center(s, w, fill[0]),
                    "ljust" => s.Length >= w ? s : s + new string(fill[0], w - s.Length),
                    _ => s.Length >= w ? s : new string(fill[0], w - s.Length) + s,
                };
                return true;
            }
            case "partition" or "rpartition":
            {
                Arity(name, args, 1, 1);
                var sep = StrArg(args, 0, "sep", name);
                if (sep.Length == 0) throw new TemplateRuntimeException("empty separator");
                var at = name == "partition" ? s.IndexOf(sep, StringComparison.Ordinal) : s.LastIndexOf(sep, StringComparison.Ordinal);
                result = at < 0
                    ? (name == "partition" ? new PyTuple(s, "", "") : new PyTuple("", "", s))
                    : new PyTuple(s[..at], sep, s[(at + sep.Length)..]);
                return true;
            }
            case "expandtabs":
            {
                Arity(name, args, 0, 1);
                var size = PyOps.CheckedLength(args.GetInt(0, "tabsize", 8), "expandtabs tabsize");
                var sb = new StringBuilder();
                var col = 0;
                foreach (var c in s)
                {
                    if (c == '\t')
                    {
                        var n = size > 0 ? size - col % size : 0;
                        sb.Append(' ', n);
                        col += n;
                    }
                    else
                    {
                        sb.Append(c);
                        col = c is '\n' or '\r' ? 0 : col + 1;
                    }
                }
                result = sb.ToString();
                return true;
            }
        }
        return false;
    }

    private static (string? Sub, int Offset) Window(string s, CallArguments args, int first)
    {
        var len = s.Length;
        long Norm(object? v, long dflt)
        {
            if (v is null or Undefined) return dflt;
            var x = PyOps.ToInt(v);
            return x < 0 ? Math.Max(0, x + len) : x;
        }
        var start = Norm(args.Get(first, "start"), 0);
        var end = Math.Min(Norm(args.Get(first + 1, "end"), len), len);
        // An empty or inverted window matches nothing, not even "" (Python: "abc".find("", 5) == -1).
        if (end < start || start > len) return (null, (int)start);
        return (s[(int)start..(int)end], (int)start);
    }

    /// <summary>Python <c>str.upper()</c>, including the full case mappings .NET lacks (ß → SS).</summary>
    // Characters whose Python upper case is several letters; .NET leaves them as they are.
    private static readonly System.Buffers.SearchValues<char> SpecialUpper = System.Buffers.SearchValues.Create("ßﬀﬁﬂﬃﬄﬅﬆŉ");

    public static string Upper(string s)
    {
        var upper = s.ToUpperInvariant();
        if (upper.AsSpan().IndexOfAny(SpecialUpper) < 0) return upper;
        var sb = new StringBuilder(upper.Length + 4);
        foreach (var c in upper)
            sb.Append(c switch
            {
                'ß' => "SS",
                'ﬀ' => "FF",
                'ﬁ' => "FI",
                'ﬂ' => "FL",
                'ﬃ' => "FFI",
                'ﬄ' => "FFL",
                'ﬅ' or 'ﬆ' => "ST",
                'ŉ' => "ʼN",
                _ => c.ToString(),
            });
        return sb.ToString();
    }

    /// <summary>Python <c>str.title()</c>: a letter after a non-letter is upper-cased, others lower-cased.</summary>
    public static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var prevCased = false;
        foreach (var c in s)
        {
            if (char.IsLetter(c))
            {
                sb.Append(prevCased ? char.ToLowerInvariant(c).ToString() : TitleChar(c));
                prevCased = char.IsUpper(c) || char.IsLower(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.TitlecaseLetter;
            }
            else
            {
                sb.Append(c);
                prevCased = false;
            }
        }
        return sb.ToString();
    }

    private static string TitleChar(char c) => c == 'ß' ? "Ss" : char.ToUpperInvariant(c).ToString();

    /// <summary>Python <c>str.capitalize()</c>.</summary>
    public static string Capitalize(string s) => s.Length == 0 ? s : TitleChar(s[0]) + s[1..].ToLowerInvariant();

    private static bool IsUpper(string s)
    {
        var cased = false;
        foreach (var c in s)
        {
            if (char.IsLower(c)) return false;
            if (char.IsUpper(c)) cased = true;
        }
        return cased;
    }

    private static bool IsLower(string s)
    {
        var cased = false;
        foreach (var c in s)
        {
            if (char.IsUpper(c)) return false;
            if (char.IsLower(c)) cased = true;
        }
        return cased;
    }

    public static string Strip(string s, string? chars, bool left = true, bool right = true)
    {
        var start = 0;
        var end = s.Length;
        if (chars is null)
        {
            if (left) while (start < end && char.IsWhiteSpace(s[start])) start++;
            if (right) while (end > start && char.IsWhiteSpace(s[end - 1])) end--;
            return s[start..end];
        }
        Func<char, bool> strip = chars is null ? char.IsWhiteSpace : c => chars.Contains(c);
        if (left) while (start < end && strip(s[start])) start++;
        if (right) while (end > start && strip(s[end - 1])) end--;
        return s[start..end];
    }

    public static string Center(string s, int width, char fill = ' ')
    {
        var pad = width - s.Length;
        if (pad <= 0) return s;
        var left = pad / 2 + (pad & width & 1);
        return new string(fill, left) + s + new string(fill, pad - left);
    }

    public static List<object?> Split(string s, string? sep, long maxsplit = -1)
    {
        var result = new List<object?>();
        if (sep is null)
        {
            var i = 0;
            while (true)
            {
                while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
                if (i >= s.Length) break;
                if (maxsplit >= 0 && result.Count >= maxsplit)
                {
                    result.Add(s[i..].TrimEnd(WhiteSpace()));
                    break;
                }
                var j = i;
                while (j < s.Length && !char.IsWhiteSpace(s[j])) j++;
                result.Add(s[i..j]);
                i = j;
            }
            return result;
        }
        if (sep.Length == 0) throw new TemplateRuntimeException("empty separator");
        var start = 0;
        while (maxsplit < 0 || result.Count < maxsplit)
        {
            var at = s.IndexOf(sep, start, StringComparison.Ordinal);
            if (at < 0) break;
            result.Add(s[start..at]);
            start = at + sep.Length;
        }
        result.Add(s[start..]);
        return result;
    }

    private static char[] WhiteSpace() => [' ', '\t', '\n', '\r', '\v', '\f', '\u0085', '\u00a0', '\u2028', '\u2029', '\u3000', '\x1c', '\x1d', '\x1e', '\x1f'];

    public static List<object?> RSplit(string s, string? sep, long maxsplit = -1)
    {
        if (maxsplit < 0) return Split(s, sep, -1);
        var result = new List<object?>();
        if (sep is null)
        {
            var j = s.Length;
            while (true)
            {
                while (j > 0 && char.IsWhiteSpace(s[j - 1])) j--;
                if (j <= 0) break;
                if (result.Count >= maxsplit)
                {
                    result.Add(s[..j].TrimStart(WhiteSpace()));
                    break;
                }
                var i = j;
                while (i > 0 && !char.IsWhiteSpace(s[i - 1])) i--;
                result.Add(s[i..j]);
                j = i;
            }
            result.Reverse();
            return result;
        }
        if (sep.Length == 0) throw new TemplateRuntimeException("empty separator");
        var end = s.Length;
        while (result.Count < maxsplit)
        {
            var at = end - sep.Length < 0 ? -1 : s.LastIndexOf(sep, end - 1, end, StringComparison.Ordinal);
            if (at < 0) break;
            result.Add(s[(at + sep.Length)..end]);
            end = at;
        }
        result.Add(s[..end]);
        result.Reverse();
        return result;
    }

    public static List<object?> SplitLines(string s, bool keepends)
    {
        var result = new List<object?>();
        var start = 0;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            var brk = c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';
            if (!brk) { i++; continue; }
            var eol = i + (c == '\r' && i + 1 < s.Length && s[i + 1] == '\n' ? 2 : 1);
            result.Add(keepends ? s[start..eol] : s[start..i]);
            start = i = eol;
        }
        if (start < s.Length) result.Add(s[start..]);
        return result;
    }

    public static string Replace(string s, string old, string @new, long count = -1)
    {
        if (count < 0 && old.Length > 0) return s.Replace(old, @new, StringComparison.Ordinal);
        var sb = new StringBuilder();
        var n = 0;
        if (old.Length == 0)
        {
            // Python inserts the replacement before every character and at the end.
            var i = 0;
            for (; i <= s.Length; i++)
            {
                if (count >= 0 && n >= count) break;
                sb.Append(@new);
                n++;
                if (i < s.Length) sb.Append(s[i]);
            }
            if (i < s.Length) sb.Append(s, i, s.Length - i);
            return sb.ToString();
        }
        var start = 0;
        while (n < count)
        {
            var at = s.IndexOf(old, start, StringComparison.Ordinal);
            if (at < 0) break;
            sb.Append(s, start, at - start).Append(@new);
            start = at + old.Length;
            n++;
        }
        sb.Append(s, start, s.Length - start);
        return sb.ToString();
    }

    private static long CountOccurrences(string s, string needle)
    {
        if (needle.Length == 0) return s.Length + 1;
        long n = 0;
        var at = 0;
        while ((at = s.IndexOf(needle, at, StringComparison.Ordinal)) >= 0) { n++; at += needle.Length; }
        return n;
    }
}
