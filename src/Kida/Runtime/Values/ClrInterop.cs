using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kida.Runtime.Values;

/// <summary>Maps .NET values onto the Python value model (int → long, float → double, JSON → dict/list, …).</summary>
internal static class ClrInterop
{
    /// <summary>Returns the Python-model equivalent of a CLR scalar or JSON value; anything else unchanged.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static object? Normalize(object? value)
    {
        // Values already in template form, tested by exact type (cheap) before the general switch.
        if (value is null or string or long or bool or double or Markup or PyDict or Undefined) return value;
        var type = value.GetType();
        if (type == typeof(Dictionary<string, object?>) || type == typeof(List<object?>)) return value;
        return NormalizeOther(value);
    }

    private static object? NormalizeOther(object value) => value switch
    {
        PyTuple or List<object?> => value,
        int i => PyOps.Box(i),
        short s => PyOps.Box(s),
        byte b => PyOps.Box(b),
        sbyte sb => PyOps.Box(sb),
        ushort us => PyOps.Box(us),
        uint ui => PyOps.Box(ui),
        ulong ul => ul <= long.MaxValue ? PyOps.Box((long)ul) : new BigInteger(ul),
        float f => (double)f,
        decimal m => (double)m,
        char c => c.ToString(),
        JsonElement e => FromJson(e),
        JsonNode n => FromJsonNode(n),
        Enum e => e.ToString(),
        _ => value,
    };

    /// <summary>Converts JSON into Python values: objects become insertion-ordered dicts, integers stay integers.</summary>
    public static object? FromJson(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var d = new PyDict();
                foreach (var p in e.EnumerateObject()) d[p.Name] = FromJson(p.Value);
                return d;
            case JsonValueKind.Array:
                var list = new List<object?>(e.GetArrayLength());
                foreach (var item in e.EnumerateArray()) list.Add(FromJson(item));
                return list;
            case JsonValueKind.String: return e.GetString();
            case JsonValueKind.True: return PyOps.True;
            case JsonValueKind.False: return PyOps.False;
            case JsonValueKind.Null or JsonValueKind.Undefined: return null;
            case JsonValueKind.Number:
                var raw = e.GetRawText();
                if (raw.IndexOfAny(['.', 'e', 'E']) < 0)
                {
                    if (e.TryGetInt64(out var l)) return PyOps.Box(l);
                    return BigInteger.Parse(raw, System.Globalization.CultureInfo.InvariantCulture);
                }
                return e.GetDouble();
            default: return null;
        }
    }

    public static object? FromJsonNode(JsonNode? n)
    {
        switch (n)
        {
            case null: return null;
            case JsonObject o:
                var d = new PyDict();
                foreach (var p in o) d[p.Key] = FromJsonNode(p.Value);
                return d;
            case JsonArray a:
                var list = new List<object?>(a.Count);
                foreach (var item in a) list.Add(FromJsonNode(item));
                return list;
            default:
                return FromJson(n.AsValue().GetValue<JsonElement>());
        }
    }

    internal static object? FromJsonAny(object value) => value switch
    {
        JsonElement e => FromJson(e),
        JsonNode n => FromJsonNode(n),
        _ => value,
    };

    /// <summary>Number of items for sized collections (generic or not).</summary>
    public static bool TryGetCount(object? value, out int count)
    {
        switch (value)
        {
            case ICollection c: count = c.Count; return true;
            case string s: count = s.Length; return true;
            case null: count = 0; return false;
        }
        var getter = CountGetters.GetOrAdd(value.GetType(), FindCountGetter);
        if (getter is null) { count = 0; return false; }
        count = getter(value);
        return true;
    }

    private static readonly ConcurrentDictionary<Type, Func<object, int>?> CountGetters = new();

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Kida.Runtime.Members.TrimNotes.KnownInterfaces)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = Kida.Runtime.Members.TrimNotes.KnownInterfaces)]
    private static Func<object, int>? FindCountGetter(Type type)
    {
        foreach (var i in type.GetInterfaces())
        {
            if (!i.IsGenericType) continue;
            var def = i.GetGenericTypeDefinition();
            if (def == typeof(IReadOnlyCollection<>) || def == typeof(ICollection<>))
            {
                if (i.GetProperty("Count") is not { } prop) continue;
                return o => (int)prop.GetValue(o)!;
            }
        }
        return null;
    }

    /// <summary>Views string-keyed dictionaries of any value type (including ExpandoObject) as one interface.</summary>
    public static bool TryAsReadOnlyStringDictionary(object? value, [NotNullWhen(true)] out IReadOnlyDictionary<string, object?>? dict)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> d: dict = d; return true;
            case IDictionary<string, object?> d2: dict = new DictionaryAdapter(d2); return true;
            case IDictionary nd when nd.GetType().IsGenericType && nd.GetType().GetGenericArguments()[0] == typeof(string):
                dict = new NonGenericAdapter(nd);
                return true;
        }
        dict = null;
        return false;
    }

    /// <summary>Copies any dictionary-like value into a <see cref="PyDict"/>.</summary>
    public static PyDict ToPyDict(object value)
    {
        if (value is PyDict pd) return pd;
        var d = new PyDict();
        if (value is IDictionary nd)
        {
            foreach (DictionaryEntry kv in nd) d[Normalize(kv.Key)!] = Normalize(kv.Value);
            return d;
        }
        if (TryAsReadOnlyStringDictionary(value, out var sd))
        {
            foreach (var kv in sd) d[kv.Key] = Normalize(kv.Value);
            return d;
        }
        foreach (var (name, v) in Members.MemberAccess.PublicMembers(value)) d[name] = Normalize(v);
        return d;
    }

    private sealed class DictionaryAdapter(IDictionary<string, object?> inner) : IReadOnlyDictionary<string, object?>
    {
        public object? this[string key] => inner[key];
        public IEnumerable<string> Keys => inner.Keys;
        public IEnumerable<object?> Values => inner.Values;
        public int Count => inner.Count;
        public bool ContainsKey(string key) => inner.ContainsKey(key);
        public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => inner.TryGetValue(key, out value);
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => inner.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => inner.GetEnumerator();
    }

    private sealed class NonGenericAdapter(IDictionary inner) : IReadOnlyDictionary<string, object?>
    {
        public object? this[string key] => inner[key];
        public IEnumerable<string> Keys => inner.Keys.Cast<string>();
        public IEnumerable<object?> Values => inner.Values.Cast<object?>();
        public int Count => inner.Count;
        public bool ContainsKey(string key) => inner.Contains(key);
        public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
        {
            if (inner.Contains(key)) { value = inner[key]; return true; }
            value = null;
            return false;
        }
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            foreach (DictionaryEntry kv in inner) yield return new((string)kv.Key, kv.Value);
        }
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
