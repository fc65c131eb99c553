using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Kida.Tests.Language;

/// <summary>A keyed object that is a mapping but not a dictionary (only <see cref="IReadOnlyDictionary{TKey,TValue}"/>).</summary>
internal sealed class ReadOnlyMapping(Dictionary<string, object?> inner) : IReadOnlyDictionary<string, object?>
{
    public object? this[string key] => inner[key];
    public IEnumerable<string> Keys => inner.Keys;
    public IEnumerable<object?> Values => inner.Values;
    public int Count => inner.Count;
    public bool ContainsKey(string key) => inner.ContainsKey(key);
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => inner.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => inner.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
