using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using Kida.Runtime.Values;

namespace Kida.ChatTemplates;

/// <summary>
/// Python's <c>json.dumps(x, ensure_ascii, indent, separators, sort_keys)</c> over the engine's values: what
/// transformers installs as the <c>tojson</c> filter of chat templates (no HTML escaping, insertion order, a plain
/// string rather than markup).
/// </summary>
internal static class PythonJson
{
    /// <summary>The <c>tojson</c> filter: <c>tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False)</c>.</summary>
    public static object? Filter(object? value, CallArguments args)
    {
        var ensureAscii = Truthy(args.Get(0, "ensure_ascii", false));
        var indent = IndentOf(args.Get(1, "indent"));
        var (itemSeparator, keySeparator) = SeparatorsOf(args.Get(2, "separators"), indent is not null);
        var sortKeys = Truthy(args.Get(3, "sort_keys", false));
        foreach (var named in args.Named)
            if (named.Key is not ("ensure_ascii" or "indent" or "separators" or "sort_keys"))
                throw new TemplateRuntimeException($"tojson() got an unexpected keyword argument '{named.Key}'");
        if (args.Positional.Count > 4)
            throw new TemplateRuntimeException($"tojson() takes from 1 to 5 positional arguments but {args.Positional.Count + 1} were given");
        var sb = new StringBuilder();
        new Writer(sb, ensureAscii, indent, itemSeparator, keySeparator, sortKeys).Write(value, 0, 0);
        return sb.ToString();
    }

    /// <summary><c>json.dumps(value, ensure_ascii=False)</c> with the default separators.</summary>
    public static string Dumps(object? value, bool ensureAscii = false, string? indent = null, bool sortKeys = false)
    {
        var sb = new StringBuilder();
        new Writer(sb, ensureAscii, indent, indent is null ? ", " : ",", ": ", sortKeys).Write(value, 0, 0);
        return sb.ToString();
    }

    private static bool Truthy(object? v) => v switch
    {
        null or Undefined => false,
        bool b => b,
        long l => l != 0,
        int i => i != 0,
        double d => d != 0,
        BigInteger b => !b.IsZero,
        string s => s.Length > 0,
        ICollection c => c.Count > 0,
        _ => true,
    };

    private static string? IndentOf(object? v) => v switch
    {
        null or Undefined => null,
        string s => s,
        Markup m => m.ToString(),
        bool b => new string(' ', b ? 1 : 0),
        long l => new string(' ', (int)Math.Clamp(l, 0, 1000)),
        int i => new string(' ', Math.Clamp(i, 0, 1000)),
        _ => throw new TemplateRuntimeException($"tojson(): indent must be an integer or a string, not {TypeName(v)}"),
    };

    private static (string Item, string Key) SeparatorsOf(object? v, bool indented)
    {
        if (v is null or Undefined) return (indented ? "," : ", ", ": ");
        if (v is IEnumerable e and not string)
        {
            var parts = e.Cast<object?>().ToList();
            if (parts.Count == 2 && parts[0] is string or Markup && parts[1] is string or Markup)
                return (parts[0]!.ToString()!, parts[1]!.ToString()!);
        }
        throw new TemplateRuntimeException("tojson(): separators must be a pair of strings (item_separator, key_separator)");
    }

    private static string TypeName(object? v) => v switch
    {
        null => "NoneType",
        string or Markup => "str",
        bool => "bool",
        long or int or BigInteger => "int",
        double or float => "float",
        PyTuple => "tuple",
        IDictionary or IReadOnlyDictionary<string, object?> => "dict",
        IEnumerable => "list",
        Undefined => "Undefined",
        _ => v.GetType().Name,
    };

    private sealed class Writer(StringBuilder sb, bool ensureAscii, string? indent, string itemSeparator, string keySeparator, bool sortKeys)
    {
        // What json.dumps escapes: '"', '\\' and control characters (and, with ensure_ascii, everything past '~').
        private static readonly SearchValues<char> Escaped = SearchValues.Create(
            "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
            "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

        public void Write(object? value, int level, int depth)
        {
            if (depth > 500) throw new TemplateRuntimeException("tojson(): maximum recursion depth exceeded (circular reference?)");
            switch (value)
            {
                case null: sb.Append("null"); return;
                case bool b: sb.Append(b ? "true" : "false"); return;
                case string s: WriteString(s); return;
                case long l: sb.Append(l); return;
                case PyDict dict: WriteObject(dict, level, depth); return;
                case List<object?> list: WriteArray(list, level, depth); return;
                case double d: sb.Append(FloatRepr(d)); return;
                case Markup m: WriteString(m.ToString()); return;
                case int i: sb.Append(i); return;
                case short or ushort or uint or ulong or byte or sbyte:
                    sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture)); return;
                case BigInteger big: sb.Append(big.ToString(CultureInfo.InvariantCulture)); return;
                case float f: sb.Append(FloatRepr(f)); return;
                case decimal m: sb.Append(FloatRepr((double)m)); return;
                case Undefined: throw new TemplateRuntimeException("Object of type Undefined is not JSON serializable");
                case IReadOnlyDictionary<string, object?> rd: WriteObject(rd.Select(kv => new KeyValuePair<object, object?>(kv.Key, kv.Value)), level, depth); return;
                case IDictionary<string, object?> gd: WriteObject(gd.Select(kv => new KeyValuePair<object, object?>(kv.Key, kv.Value)), level, depth); return;
                case IDictionary od:
                {
                    var items = new List<KeyValuePair<object, object?>>();
                    foreach (DictionaryEntry entry in od) items.Add(new(entry.Key, entry.Value));
                    WriteObject(items, level, depth);
                    return;
                }
                case IEnumerable seq when value is IList or PyTuple or IReadOnlyList<object?> or ICollection:
                    WriteArray(seq.Cast<object?>().ToList(), level, depth); return;
                default:
                    throw new TemplateRuntimeException($"Object of type {TypeName(value)} is not JSON serializable");
            }
        }

        private void Newline(int level)
        {
            sb.Append('\n');
            for (var i = 0; i < level; i++) sb.Append(indent);
        }

        private void WriteArray(List<object?> items, int level, int depth)
        {
            if (items.Count == 0) { sb.Append("[]"); return; }
            sb.Append('[');
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0) sb.Append(itemSeparator);
                if (indent is not null) Newline(level + 1);
                Write(items[i], level + 1, depth + 1);
            }
            if (indent is not null) Newline(level);
            sb.Append(']');
        }

        private void WriteObject(IEnumerable<KeyValuePair<object, object?>> items, int level, int depth)
        {
            if (sortKeys) items = Sorted(items);
            var first = true;
            foreach (var kv in items)
            {
                sb.Append(first ? "{" : itemSeparator);
                first = false;
                if (indent is not null) Newline(level + 1);
                WriteString(KeyText(kv.Key));
                sb.Append(keySeparator);
                Write(kv.Value, level + 1, depth + 1);
            }
            if (first) { sb.Append("{}"); return; }
            if (indent is not null) Newline(level);
            sb.Append('}');
        }

        // Python sorts the original keys: strings by code point, integers by value; mixing them is a TypeError.
        private static List<KeyValuePair<object, object?>> Sorted(IEnumerable<KeyValuePair<object, object?>> items)
        {
            var list = items.ToList();
            if (list.All(kv => kv.Key is string or Markup))
                return [.. list.OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal)];
            if (list.All(kv => kv.Key is long))
                return [.. list.OrderBy(kv => (long)kv.Key)];
            throw new TemplateRuntimeException("tojson(sort_keys=True): the keys are of different types and cannot be ordered");
        }

        // json.dumps turns str, int, float, bool and None keys into strings; anything else is a TypeError.
        private static string KeyText(object? key) => key switch
        {
            string s => s,
            Markup m => m.ToString(),
            null => "null",
            bool b => b ? "true" : "false",
            long or int or BigInteger => Convert.ToString(key, CultureInfo.InvariantCulture)!,
            double d => FloatRepr(d),
            _ => throw new TemplateRuntimeException($"keys must be str, int, float, bool or None, not {TypeName(key)}"),
        };

        private void WriteString(string s)
        {
            sb.Append('"');
            var rest = s.AsSpan();
            while (true)
            {
                var i = ensureAscii ? rest.IndexOfAnyExceptInRange(' ', '~') : rest.IndexOfAny(Escaped);
                if (ensureAscii && i >= 0)
                {
                    // Inside ' '..'~' only '"' and '\\' need escaping.
                    var plain = rest[..i].IndexOfAny('"', '\\');
                    if (plain >= 0) i = plain;
                }
                else if (ensureAscii)
                {
                    i = rest.IndexOfAny('"', '\\');
                }
                if (i < 0) { sb.Append(rest); break; }
                sb.Append(rest[..i]);
                Escape(rest[i]);
                rest = rest[(i + 1)..];
            }
            sb.Append('"');
        }

        private void Escape(char c)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default: sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
            }
        }
    }

    /// <summary>Python's <c>float.__repr__</c> as json.dumps prints it (<c>NaN</c>, <c>Infinity</c>, <c>1e+16</c>, <c>1.0</c>).</summary>
    public static string FloatRepr(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        return PythonText.Repr(d);
    }
}
