using System.Text;
using System.Text.RegularExpressions;

namespace Kida.Runtime.Values;

/// <summary>
/// Python's <c>pprint.pformat(value)</c> (width 80, indent 1, dicts sorted), which Jinja2's <c>pprint</c> filter
/// prints: the one-line repr when it fits, else lists, tuples and dicts one item per line and long strings split
/// into adjacent literals at whitespace.
/// </summary>
internal static partial class PyPrettyPrint
{
    private const int Width = 80;

    public static string Format(object? value)
    {
        // The one-line repr first: it guards against cycles and hostile nesting, and is the answer when it fits.
        var flat = PyFormat.Repr(value);
        if (flat.Length <= Width || value is not (PyDict or List<object?> or PyTuple or string)) return flat;
        try
        {
            var sb = new StringBuilder();
            Format(value, sb, 0, 0, 0);
            return sb.ToString();
        }
        catch (TooDeep)
        {
            return flat;
        }
    }

    // Raised when the value nests deeper than MaxDepth (or contains itself): the one-line repr is printed instead.
    private sealed class TooDeep : Exception;

    private const int MaxDepth = 100;

    [ThreadStatic] private static int _depth;

    private static void Enter()
    {
        if (++_depth > MaxDepth) { _depth = 0; throw new TooDeep(); }
    }

    private static void Format(object? value, StringBuilder sb, int indent, int allowance, int level)
    {
        Enter();
        try { FormatInner(value, sb, indent, allowance, level); }
        finally { if (_depth > 0) _depth--; }
    }

    private static void FormatInner(object? value, StringBuilder sb, int indent, int allowance, int level)
    {
        var rep = Repr(value);
        var maxWidth = Width - indent - allowance;
        if (rep.Length > maxWidth)
        {
            switch (value)
            {
                case PyDict d when d.Count > 0:
                    sb.Append('{');
                    FormatDictItems(SortedItems(d), sb, indent, allowance + 1, level + 1);
                    sb.Append('}');
                    return;
                case List<object?> l when l.Count > 0:
                    sb.Append('[');
                    FormatItems(l, sb, indent, allowance + 1, level + 1);
                    sb.Append(']');
                    return;
                case PyTuple t when t.Count > 0:
                    var end = t.Count == 1 ? ",)" : ")";
                    sb.Append('(');
                    FormatItems(Enumerable.Range(0, t.Count).Select(i => t[i]).ToList(), sb, indent, allowance + end.Length, level + 1);
                    sb.Append(end);
                    return;
                case string s when s.Length > 0:
                    FormatString(s, sb, indent, allowance, level + 1);
                    return;
            }
        }
        sb.Append(rep);
    }

    private static void FormatDictItems(List<KeyValuePair<object, object?>> items, StringBuilder sb, int indent, int allowance, int level)
    {
        indent += 1;
        var delim = ",\n" + new string(' ', indent);
        for (var i = 0; i < items.Count; i++)
        {
            var last = i == items.Count - 1;
            var rep = Repr(items[i].Key);
            sb.Append(rep).Append(": ");
            Format(items[i].Value, sb, indent + rep.Length + 2, last ? allowance : 1, level);
            if (!last) sb.Append(delim);
        }
    }

    private static void FormatItems(List<object?> items, StringBuilder sb, int indent, int allowance, int level)
    {
        indent += 1;
        var delim = ",\n" + new string(' ', indent);
        for (var i = 0; i < items.Count; i++)
        {
            var last = i == items.Count - 1;
            if (i > 0) sb.Append(delim);
            Format(items[i], sb, indent, last ? allowance : 1, level);
        }
    }

    private static void FormatString(string s, StringBuilder sb, int indent, int allowance, int level)
    {
        var chunks = new List<string>();
        var lines = SplitLinesKeepEnds(s);
        if (level == 1) { indent += 1; allowance += 1; }
        var maxWidth1 = Width - indent;
        var maxWidth = maxWidth1;
        string rep = "";
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            rep = PyFormat.Repr(line);
            if (i == lines.Count - 1) maxWidth1 -= allowance;
            if (rep.Length <= maxWidth1) { chunks.Add(rep); continue; }
            var parts = Words().Matches(line).Select(m => m.Value).ToList();
            if (parts.Count > 0 && parts[^1].Length == 0) parts.RemoveAt(parts.Count - 1);
            var maxWidth2 = maxWidth;
            var current = "";
            for (var j = 0; j < parts.Count; j++)
            {
                var candidate = current + parts[j];
                if (j == parts.Count - 1 && i == lines.Count - 1) maxWidth2 -= allowance;
                if (PyFormat.Repr(candidate).Length > maxWidth2)
                {
                    if (current.Length > 0) chunks.Add(PyFormat.Repr(current));
                    current = parts[j];
                }
                else current = candidate;
            }
            if (current.Length > 0) chunks.Add(PyFormat.Repr(current));
        }
        if (chunks.Count == 1) { sb.Append(rep); return; }
        if (level == 1) sb.Append('(');
        for (var i = 0; i < chunks.Count; i++)
        {
            if (i > 0) sb.Append('\n').Append(' ', indent);
            sb.Append(chunks[i]);
        }
        if (level == 1) sb.Append(')');
    }

    [GeneratedRegex(@"\S*\s*")]
    private static partial Regex Words();

    // str.splitlines(keepends=True) for the common line breaks.
    private static List<string> SplitLinesKeepEnds(string s)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029')
            {
                if (c == '\r' && i + 1 < s.Length && s[i + 1] == '\n') i++;
                lines.Add(s[start..(i + 1)]);
                start = i + 1;
            }
        }
        if (start < s.Length) lines.Add(s[start..]);
        return lines;
    }

    /// <summary>pprint's <c>safe_repr</c>: Python's repr with every dict's keys sorted.</summary>
    private static string Repr(object? value)
    {
        Enter();
        try { return ReprInner(value); }
        finally { if (_depth > 0) _depth--; }
    }

    private static string ReprInner(object? value)
    {
        switch (value)
        {
            case PyDict d:
                if (d.Count == 0) return "{}";
                return "{" + string.Join(", ", SortedItems(d).Select(kv => Repr(kv.Key) + ": " + Repr(kv.Value))) + "}";
            case List<object?> l:
                return "[" + string.Join(", ", l.Select(Repr)) + "]";
            case PyTuple t:
                if (t.Count == 1) return "(" + Repr(t[0]) + ",)";
                return "(" + string.Join(", ", Enumerable.Range(0, t.Count).Select(i => Repr(t[i]))) + ")";
            default:
                return PyFormat.Repr(value);
        }
    }

    private static List<KeyValuePair<object, object?>> SortedItems(PyDict d)
    {
        var items = ((IEnumerable<KeyValuePair<object, object?>>)d).ToList();
        try
        {
            items.Sort((a, b) => PyOps.Compare(Unwrap(a.Key), Unwrap(b.Key)));
        }
        catch (Exception e) when (e is TemplateException or InvalidOperationException)
        {
            // Unorderable keys: Python's _safe_key falls back to ordering by type name.
            items = items.OrderBy(kv => PyFormat.TypeName(Unwrap(kv.Key)), StringComparer.Ordinal).ToList();
        }
        return items;
    }

    private static object? Unwrap(object key) => key is Syntax.Expressions.NoneKey ? null : key;
}
