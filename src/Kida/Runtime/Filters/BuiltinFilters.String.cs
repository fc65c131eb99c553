using System.Text;
using System.Text.RegularExpressions;
using Kida.Runtime.Values;

namespace Kida.Runtime.Filters;

// Text filters: case, padding, trimming, truncation, wrapping, formatting.
internal static partial class BuiltinFilters
{
    private static void RegisterString(IDictionary<string, FilterFunction> f)
    {
        f["upper"] = (v, _) => v is string s ? PyMethods.Upper(s) : StrMethod(v, "upper");
        f["lower"] = (v, _) => v is string s ? s.ToLowerInvariant() : StrMethod(v, "lower");
        f["capitalize"] = (v, _) => StrMethod(v, "capitalize");
        f["title"] = (v, _) => Title(Text(v));
        f["trim"] = Trim;
        f["center"] = (v, a) => StrMethod(v, "center", a.GetInt(0, "width", 80));
        f["string"] = (v, _) => v is Markup ? v : PyFormat.Str(v);
        f["replace"] = Replace;
        f["format"] = Format;
        f["indent"] = Indent;
        f["truncate"] = Truncate;
        f["wordcount"] = (v, _) => PyOps.Box((long)WordRegex().Count(Text(v)));
        f["wordwrap"] = WordWrap;
    }

    /// <summary>Calls a Python str method on the value's text (Markup stays Markup, as with markupsafe).</summary>
    private static object? StrMethod(object? value, string name, params object?[] args)
    {
        object target = value is Markup m ? m : Text(value);
        PyMethods.TryCall(target, name, new CallArguments(args), out var result);
        return result;
    }

    private static readonly Regex WordBeginningSplit = new(@"([-\s({\[<]+)", RegexOptions.Compiled);

    /// <summary>Jinja2's title: each chunk between <c>- ( { [ &lt;</c> and spaces gets an upper first letter.</summary>
    internal static string Title(string s)
    {
        if (System.Text.Ascii.IsValid(s)) return TitleAscii(s);
        var sb = new StringBuilder(s.Length);
        foreach (var item in WordBeginningSplit.Split(s))
        {
            if (item.Length == 0) continue;
            sb.Append(PyMethods.Upper(item[..1])).Append(item[1..].ToLowerInvariant());
        }
        return sb.ToString();
    }

    /// <summary>
    /// <see cref="Title"/> for ASCII text, in one pass and one allocation: the same split (runs of <c>-</c>, white
    /// space, <c>(</c>, <c>{</c>, <c>[</c>, <c>&lt;</c> start a new word) without the regex, its pieces and a builder.
    /// A run of separators is itself a piece whose first character "upper-cases" to itself, so separators pass
    /// through and the character after them is upper-cased, the rest of a word lower-cased.
    /// </summary>
    private static string TitleAscii(string s) => string.Create(s.Length, s, static (span, text) =>
    {
        var inSeparators = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // Python's \s: ASCII white space includes the separators \x1c–\x1f, which .NET's does not.
            var separator = c is '-' or '(' or '{' or '[' or '<' or ' ' or (>= '\t' and <= '\r') or (>= '\x1c' and <= '\x1f');
            var startsPiece = i == 0 || separator != inSeparators;
            inSeparators = separator;
            span[i] = separator ? c : startsPiece ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c);
        }
    });

    private static object? Trim(object? value, CallArguments args)
    {
        var chars = args.Get(0, "chars");
        // The common `x | trim` of a plain string: str.strip() directly, without the method call's dispatch.
        if (value is string s && chars is null or Undefined) return PyMethods.Strip(s, null);
        return StrMethod(value, "strip", chars is Undefined ? null : chars);
    }

    private static object? Replace(object? value, CallArguments args)
    {
        var old = args.Get(0, "old");
        var @new = args.Get(1, "new");
        var count = args.TryGet(2, "count", out var c) && c is not null ? PyOps.ToInt(c) : -1;
        if (!args.Autoescape)
            return PyMethods.Replace(PyFormat.Str(value is Markup m0 ? m0.Value : value), Text(old), Text(@new), count);
        if (old is Markup || (@new is Markup && value is not Markup))
            value = Output.HtmlEscaper.EscapeValue(value);
        if (value is Markup m)
        {
            PyMethods.TryCall(m, "replace", new CallArguments([old, @new, count]), out var r);
            return r;
        }
        return PyMethods.Replace(Text(value), Text(old), Text(@new), count);
    }

    private static object? Format(object? value, CallArguments args)
    {
        if (args.Positional.Count > 0 && args.Named.Count > 0)
            throw new TemplateRuntimeException("can't handle positional and keyword arguments at the same time");
        var fmt = Text(value);
        var markup = value is Markup;
        if (UsesBraceFormat(fmt))
        {
            var text = StrFormat.Format(fmt, args.Positional, args.Named, markup);
            return markup ? new Markup(text) : text;
        }
        object? fmtArgs;
        if (args.Named.Count > 0)
        {
            var d = new PyDict();
            foreach (var kv in args.Named) d[kv.Key] = kv.Value;
            fmtArgs = d;
        }
        else fmtArgs = new PyTuple([.. args.Positional]);
        return PercentFormat.Format(markup ? value : fmt, fmtArgs);
    }

    /// <summary>
    /// The format filter is %-style (Jinja2); a string with <c>{…}</c> fields and no % directive is formatted
    /// with <c>str.format</c> instead (LANGUAGE.md §9).
    /// </summary>
    private static bool UsesBraceFormat(string fmt)
    {
        if (fmt.Contains('%')) return false;
        return BraceField().IsMatch(fmt);
    }

    private static object? Indent(object? value, CallArguments args)
    {
        if (value is Undefined u) throw u.ToException();
        var width = args.Get(0, "width", 4L);
        var first = args.GetBool(1, "first", false);
        var blank = args.GetBool(2, "blank", false);
        var markup = value is Markup;
        var indention = width is string or Markup ? Text(width) : new string(' ', PyOps.CheckedLength(Math.Max(0, PyOps.ToInt(width)), "indent width"));
        if (markup && width is not Markup) indention = Output.HtmlEscaper.Escape(indention);
        var s = Text(value) + "\n";
        var lines = PyMethods.SplitLines(s, false).Select(l => (string)l!).ToList();
        string rv;
        if (blank) rv = string.Join("\n" + indention, lines);
        else
        {
            rv = lines.Count > 0 ? lines[0] : "";
            if (lines.Count > 1)
                rv += "\n" + string.Join("\n", lines.Skip(1).Select(l => l.Length > 0 ? indention + l : l));
        }
        if (first) rv = indention + rv;
        return markup ? new Markup(rv) : rv;
    }

    private static object? Truncate(object? value, CallArguments args)
    {
        var s = Text(value);
        var length = args.GetInt(0, "length", 255);
        var killwords = args.GetBool(1, "killwords", false);
        var end = args.GetString(2, "end", "...")!;
        var leeway = args.GetInt(3, "leeway", 5);
        if (length < end.Length) throw new TemplateRuntimeException($"expected length >= {end.Length}, got {length}");
        if (leeway < 0) throw new TemplateRuntimeException($"expected leeway >= 0, got {leeway}");
        // Int128: length + leeway must not wrap around for huge lengths.
        if (s.Length <= (Int128)length + leeway) return value is Markup ? value : s;
        var cut = s[..(int)(length - end.Length)];
        if (killwords) return cut + end;
        var at = cut.LastIndexOf(' ');
        return (at < 0 ? cut : cut[..at]) + end;
    }

    private static object? WordWrap(object? value, CallArguments args)
    {
        if (value is Undefined u) throw u.ToException();
        var s = Text(value);
        var width = (int)args.GetInt(0, "width", 79);
        var breakLong = args.GetBool(1, "break_long_words", true);
        var wrapstring = args.GetString(2, "wrapstring", "\n")!;
        var breakOnHyphens = args.GetBool(3, "break_on_hyphens", true);
        if (width <= 0) throw new TemplateRuntimeException($"invalid width {width} (must be > 0)");
        var paragraphs = PyMethods.SplitLines(s, false)
            .Select(line => string.Join(wrapstring, TextWrap((string)line!, width, breakLong, breakOnHyphens)));
        return string.Join(wrapstring, paragraphs);
    }

    /// <summary>Python's <c>textwrap.wrap</c> with expand_tabs and replace_whitespace off.</summary>
    internal static List<string> TextWrap(string text, int width, bool breakLongWords = true, bool breakOnHyphens = true)
    {
        var chunks = (breakOnHyphens ? WordSepRegex() : SimpleWordSepRegex()).Split(text).Where(c => c.Length > 0).ToList();
        chunks.Reverse();
        var lines = new List<string>();
        while (chunks.Count > 0)
        {
            var cur = new List<string>();
            var curLen = 0;
            if (chunks[^1].Trim(WrapSpace) == "" && lines.Count > 0) chunks.RemoveAt(chunks.Count - 1);
            while (chunks.Count > 0)
            {
                var l = chunks[^1].Length;
                if (curLen + l <= width)
                {
                    cur.Add(chunks[^1]);
                    chunks.RemoveAt(chunks.Count - 1);
                    curLen += l;
                }
                else break;
            }
            if (chunks.Count > 0 && chunks[^1].Length > width)
            {
                var spaceLeft = width < 1 ? 1 : width - curLen;
                if (breakLongWords)
                {
                    var end = spaceLeft;
                    var chunk = chunks[^1];
                    if (breakOnHyphens && chunk.Length > spaceLeft)
                    {
                        var hyphen = chunk.LastIndexOf('-', Math.Max(0, spaceLeft - 1), Math.Max(0, spaceLeft));
                        if (spaceLeft == 0) hyphen = -1;
                        if (hyphen > 0 && chunk[..hyphen].Any(c => c != '-')) end = hyphen + 1;
                    }
                    cur.Add(chunk[..end]);
                    chunks[^1] = chunk[end..];
                }
                else if (cur.Count == 0)
                {
                    cur.Add(chunks[^1]);
                    chunks.RemoveAt(chunks.Count - 1);
                }
            }
            if (cur.Count > 0 && cur[^1].Trim(WrapSpace) == "") cur.RemoveAt(cur.Count - 1);
            if (cur.Count > 0) lines.Add(string.Concat(cur));
        }
        return lines;
    }

    private static readonly char[] WrapSpace = ['\t', '\n', '\v', '\f', '\r', ' '];

    [GeneratedRegex(@"(\w+)")]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex BraceField();

    [GeneratedRegex(@"([\t\n\v\f\r ]+)")]
    private static partial Regex SimpleWordSepRegex();

    // Same tokenisation as Python's TextWrapper.wordsep_re: whitespace runs, em-dashes, words split after hyphens.
    [GeneratedRegex(@"([\t\n\v\f\r ]+|(?<=[\w!""'&.,?])-{2,}(?=\w)|[^\t\n\v\f\r ]+?(?:-(?:(?<=[^\d\W]{2}-)|(?<=[^\d\W]-[^\d\W]-))(?=[^\d\W]-?[^\d\W])|(?=[\t\n\v\f\r ]|\z)|(?<=[\w!""'&.,?])(?=-{2,}\w)))")]
    private static partial Regex WordSepRegex();
}
