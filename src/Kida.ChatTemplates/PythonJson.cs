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
        if (args.Count == 0) return Writer.Serialize(value, false, null, ", ", ": ", false);
        var ensureAscii = Truthy(args.Get(0, "ensure_ascii"));
        var indent = IndentOf(args.Get(1, "indent"));
        var (itemSeparator, keySeparator) = SeparatorsOf(args.Get(2, "separators"), indent is not null);
        var sortKeys = Truthy(args.Get(3, "sort_keys"));
        var named = args.Named;
        for (var i = 0; i < named.Count; i++)
            if (named[i].Key is not ("ensure_ascii" or "indent" or "separators" or "sort_keys"))
                throw new TemplateRuntimeException($"tojson() got an unexpected keyword argument '{named[i].Key}'");
        if (args.Positional.Count > 4)
            throw new TemplateRuntimeException($"tojson() takes from 1 to 5 positional arguments but {args.Positional.Count + 1} were given");
        return Writer.Serialize(value, ensureAscii, indent, itemSeparator, keySeparator, sortKeys);
    }

    /// <summary><c>json.dumps(value, ensure_ascii=False)</c> with the default separators.</summary>
    public static string Dumps(object? value, bool ensureAscii = false, string? indent = null, bool sortKeys = false)
    {
        return Writer.Serialize(value, ensureAscii, indent, indent is null ? ", " : ",", ": ", sortKeys);
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
        bool b => Spaces(b ? 1 : 0),
        long l => Spaces((int)Math.Clamp(l, 0, 1000)),
        int i => Spaces(Math.Clamp(i, 0, 1000)),
        _ => throw new TemplateRuntimeException($"tojson(): indent must be an integer or a string, not {TypeName(v)}"),
    };

    // indent=0…8 (the ones templates use) are made once.
    private static readonly string[] SmallIndents = [.. Enumerable.Range(0, 9).Select(n => new string(' ', n))];

    private static string Spaces(int n) => n < SmallIndents.Length ? SmallIndents[n] : new string(' ', n);

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

    /// <summary>
    /// Writes one <c>json.dumps</c> into a pooled character buffer and makes the result string once, at its exact
    /// length. One writer per thread is kept between calls (with its buffer while that stays small); a nested call on
    /// the same thread (a dictionary type whose enumeration serialises something itself) gets a fresh one.
    /// </summary>
    private sealed class Writer
    {
        // What json.dumps escapes: '"', '\\' and control characters (and, with ensure_ascii, everything past '~').
        private static readonly SearchValues<char> Escaped = SearchValues.Create(
            "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
            "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

        // A buffer larger than this goes back to the pool after the call instead of staying with the thread.
        private const int KeptBuffer = 16 * 1024;

        [ThreadStatic] private static Writer? _spare;

        private char[] _buffer = [];
        private int _length;
        private bool _ensureAscii;
        private string? _indent;
        private string _itemSeparator = ", ";
        private string _keySeparator = ": ";
        private bool _sortKeys;
        // "\n" + indent × level, made once per level for the indent of the call.
        private string?[] _newlines = new string?[8];
        private string? _newlinesIndent;

        public static string Serialize(object? value, bool ensureAscii, string? indent, string itemSeparator, string keySeparator, bool sortKeys)
        {
            var writer = _spare ?? new Writer();
            _spare = null;
            try
            {
                writer.Start(ensureAscii, indent, itemSeparator, keySeparator, sortKeys);
                writer.Write(value, 0, 0);
                return new string(writer._buffer, 0, writer._length);
            }
            finally
            {
                writer.Finish();
                _spare = writer;
            }
        }

        private void Start(bool ensureAscii, string? indent, string itemSeparator, string keySeparator, bool sortKeys)
        {
            if (_buffer.Length == 0) _buffer = ArrayPool<char>.Shared.Rent(1024);
            _length = 0;
            _ensureAscii = ensureAscii;
            // The newlines stay made while the indent repeats (a call without indent in between keeps them).
            if (indent is not null && !ReferenceEquals(indent, _newlinesIndent) && indent != _newlinesIndent)
            {
                Array.Clear(_newlines);
                _newlinesIndent = indent;
            }
            _indent = indent;
            _itemSeparator = itemSeparator;
            _keySeparator = keySeparator;
            _sortKeys = sortKeys;
        }

        private void Finish()
        {
            _length = 0;
            if (_buffer.Length > KeptBuffer)
            {
                ArrayPool<char>.Shared.Return(_buffer);
                _buffer = [];
            }
        }

        private void Grow(int extra)
        {
            var next = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + extra));
            _buffer.AsSpan(0, _length).CopyTo(next);
            if (_buffer.Length > 0) ArrayPool<char>.Shared.Return(_buffer);
            _buffer = next;
        }

        private void Append(char c)
        {
            if (_length == _buffer.Length) Grow(1);
            _buffer[_length++] = c;
        }

        private void Append(ReadOnlySpan<char> text)
        {
            if (_length + text.Length > _buffer.Length) Grow(text.Length);
            text.CopyTo(_buffer.AsSpan(_length));
            _length += text.Length;
        }

        private void Append(long l)
        {
            if (_length + 20 > _buffer.Length) Grow(20);
            l.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
            _length += written;
        }

        public void Write(object? value, int level, int depth)
        {
            if (depth > 500) throw new TemplateRuntimeException("tojson(): maximum recursion depth exceeded (circular reference?)");
            switch (value)
            {
                case string s: WriteString(s); return;
                case PyDict dict: WritePyDict(dict, level, depth); return;
                case List<object?> list: WriteList(list, level, depth); return;
                case null: Append("null"); return;
                case bool b: Append(b ? "true" : "false"); return;
                case long l: Append(l); return;
                case double d: Append(FloatRepr(d)); return;
                case Markup m: WriteString(m.ToString()); return;
                case int i: Append(i); return;
                case short or ushort or uint or ulong or byte or sbyte:
                    Append(Convert.ToString(value, CultureInfo.InvariantCulture)); return;
                case BigInteger big: Append(big.ToString(CultureInfo.InvariantCulture)); return;
                case float f: Append(FloatRepr(f)); return;
                case decimal m: Append(FloatRepr((double)m)); return;
                case Undefined: throw new TemplateRuntimeException("Object of type Undefined is not JSON serializable");
                case Dictionary<string, object?> sd: WriteStringDictionary(sd, level, depth); return;
                case IReadOnlyDictionary<string, object?> rd: WriteEntries(Entries(rd), level, depth); return;
                case IDictionary<string, object?> gd: WriteEntries(Entries(gd), level, depth); return;
                case IDictionary od:
                {
                    var items = new List<KeyValuePair<object, object?>>();
                    foreach (DictionaryEntry entry in od) items.Add(new(entry.Key, entry.Value));
                    WriteEntries(items, level, depth);
                    return;
                }
                case IReadOnlyList<object?> rl:
                    WriteReadOnlyList(rl, level, depth); return;
                case IEnumerable seq when value is IList or PyTuple or IReadOnlyList<object?> or ICollection:
                    WriteReadOnlyList(seq.Cast<object?>().ToList(), level, depth); return;
                default:
                    throw new TemplateRuntimeException($"Object of type {TypeName(value)} is not JSON serializable");
            }
        }

        private static List<KeyValuePair<object, object?>> Entries(IEnumerable<KeyValuePair<string, object?>> items)
        {
            var list = new List<KeyValuePair<object, object?>>();
            foreach (var kv in items) list.Add(new(kv.Key, kv.Value));
            return list;
        }

        private void Newline(int level)
        {
            if (level >= _newlines.Length) Array.Resize(ref _newlines, Math.Max(level + 1, _newlines.Length * 2));
            Append(_newlines[level] ??= MakeNewline(level));
        }

        private string MakeNewline(int level)
        {
            var sb = new StringBuilder(1 + level * _indent!.Length).Append('\n');
            for (var i = 0; i < level; i++) sb.Append(_indent);
            return sb.ToString();
        }

        private void WriteList(List<object?> items, int level, int depth)
        {
            if (items.Count == 0) { Append("[]"); return; }
            Append('[');
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0) Append(_itemSeparator);
                if (_indent is not null) Newline(level + 1);
                Write(items[i], level + 1, depth + 1);
            }
            if (_indent is not null) Newline(level);
            Append(']');
        }

        private void WriteReadOnlyList(IReadOnlyList<object?> items, int level, int depth)
        {
            var count = items.Count;
            if (count == 0) { Append("[]"); return; }
            Append('[');
            for (var i = 0; i < count; i++)
            {
                if (i > 0) Append(_itemSeparator);
                if (_indent is not null) Newline(level + 1);
                Write(items[i], level + 1, depth + 1);
            }
            if (_indent is not null) Newline(level);
            Append(']');
        }

        // One member: the separator before it (or the opening brace), its key and its value.
        private void WriteMember(bool first, object key, object? value, int level, int depth)
        {
            if (first) Append('{'); else Append(_itemSeparator);
            if (_indent is not null) Newline(level + 1);
            WriteString(key as string ?? KeyText(key));
            Append(_keySeparator);
            Write(value, level + 1, depth + 1);
        }

        private void CloseObject(bool empty, int level)
        {
            if (empty) { Append("{}"); return; }
            if (_indent is not null) Newline(level);
            Append('}');
        }

        private void WritePyDict(PyDict dict, int level, int depth)
        {
            if (_sortKeys) { WriteEntries(dict, level, depth); return; }
            var count = dict.Count;
            for (var i = 0; i < count; i++)
            {
                var kv = dict.GetAt(i);
                WriteMember(i == 0, kv.Key, kv.Value, level, depth);
            }
            CloseObject(count == 0, level);
        }

        private void WriteStringDictionary(Dictionary<string, object?> dict, int level, int depth)
        {
            if (_sortKeys) { WriteEntries(Entries(dict), level, depth); return; }
            var first = true;
            foreach (var kv in dict)
            {
                WriteMember(first, kv.Key, kv.Value, level, depth);
                first = false;
            }
            CloseObject(first, level);
        }

        private void WriteEntries(IEnumerable<KeyValuePair<object, object?>> items, int level, int depth)
        {
            if (_sortKeys) items = Sorted(items);
            var first = true;
            foreach (var kv in items)
            {
                WriteMember(first, kv.Key, kv.Value, level, depth);
                first = false;
            }
            CloseObject(first, level);
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
            // A template's dict literal keeps a `none` key as the engine's None marker.
            IPyObject { PyTypeName: "NoneType" } => "null",
            bool b => b ? "true" : "false",
            long or int or BigInteger => Convert.ToString(key, CultureInfo.InvariantCulture)!,
            double d => FloatRepr(d),
            _ => throw new TemplateRuntimeException($"keys must be str, int, float, bool or None, not {TypeName(key)}"),
        };

        private void WriteString(string s)
        {
            // The whole string and its quotes at once when nothing in it needs escaping (the common case).
            var rest = s.AsSpan();
            var i = _ensureAscii ? IndexOfAsciiEscape(rest) : rest.IndexOfAny(Escaped);
            if (_length + s.Length + 2 > _buffer.Length) Grow(s.Length + 2);
            _buffer[_length++] = '"';
            while (i >= 0)
            {
                Append(rest[..i]);
                Escape(rest[i]);
                rest = rest[(i + 1)..];
                i = _ensureAscii ? IndexOfAsciiEscape(rest) : rest.IndexOfAny(Escaped);
            }
            Append(rest);
            Append('"');
        }

        // With ensure_ascii: the first character outside ' '..'~', or '"' or '\\' before it.
        private static int IndexOfAsciiEscape(ReadOnlySpan<char> text)
        {
            var i = text.IndexOfAnyExceptInRange(' ', '~');
            var plain = (i < 0 ? text : text[..i]).IndexOfAny('"', '\\');
            return plain >= 0 ? plain : i;
        }

        private void Escape(char c)
        {
            switch (c)
            {
                case '"': Append("\\\""); break;
                case '\\': Append("\\\\"); break;
                case '\n': Append("\\n"); break;
                case '\r': Append("\\r"); break;
                case '\t': Append("\\t"); break;
                case '\b': Append("\\b"); break;
                case '\f': Append("\\f"); break;
                default:
                    Append("\\u");
                    if (_length + 4 > _buffer.Length) Grow(4);
                    ((int)c).TryFormat(_buffer.AsSpan(_length), out var written, "x4", CultureInfo.InvariantCulture);
                    _length += written;
                    break;
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
