using System.Collections;
using Kida.Runtime.Values;

namespace Kida.ChatTemplates;

/// <summary>Reading and copying the dictionaries of the value model (PyDict, any string-keyed dictionary).</summary>
internal static class ChatValues
{
    public static bool IsDictionary(object? value) =>
        value is PyDict or IReadOnlyDictionary<string, object?> or IDictionary<string, object?> or IDictionary;

    public static bool TryGet(object? dictionary, string key, out object? value)
    {
        switch (dictionary)
        {
            case PyDict p: return p.TryGetValue(key, out value);
            case IReadOnlyDictionary<string, object?> rd: return rd.TryGetValue(key, out value);
            case IDictionary<string, object?> d: return d.TryGetValue(key, out value);
            case IDictionary nd when nd.Contains(key): value = nd[key]; return true;
        }
        value = null;
        return false;
    }

    /// <summary>A shallow copy as an ordered <see cref="PyDict"/> (the original is never changed).</summary>
    public static PyDict Copy(object dictionary)
    {
        var copy = new PyDict();
        switch (dictionary)
        {
            case PyDict p:
                foreach (var kv in (IEnumerable<KeyValuePair<object, object?>>)p) copy[kv.Key] = kv.Value;
                break;
            case IReadOnlyDictionary<string, object?> rd:
                foreach (var kv in rd) copy[kv.Key] = kv.Value;
                break;
            case IDictionary<string, object?> d:
                foreach (var kv in d) copy[kv.Key] = kv.Value;
                break;
            case IDictionary nd:
                foreach (DictionaryEntry e in nd) copy[e.Key] = e.Value;
                break;
        }
        return copy;
    }

    public static string Describe(object? value) => value switch
    {
        null => "null",
        string => "a string",
        IEnumerable => "a list",
        _ => value.GetType().Name,
    };
}
