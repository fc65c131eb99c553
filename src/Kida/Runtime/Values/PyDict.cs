using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Kida.Runtime.Values;

/// <summary>
/// An insertion-ordered Python dict with Python key equality. Also readable as a string-keyed dictionary,
/// so it can be passed wherever a render context is expected.
/// </summary>
public sealed class PyDict : IDictionary<object, object?>, IReadOnlyDictionary<string, object?>
{
    private readonly OrderedDictionary<object, object?> _items;

    public PyDict() => _items = new OrderedDictionary<object, object?>(PyKeyComparer.Instance);

    public PyDict(int capacity) => _items = new OrderedDictionary<object, object?>(capacity, PyKeyComparer.Instance);

    public int Count => _items.Count;

    public bool IsReadOnly => false;

    public object? this[object key]
    {
        get => _items[key];
        set => _items[key] = value;
    }

    public ICollection<object> Keys => _items.Keys;

    public ICollection<object?> Values => _items.Values;

    public bool TryGetValue(object key, out object? value) => _items.TryGetValue(key, out value);

    public bool ContainsKey(object key) => _items.ContainsKey(key);

    public void Add(object key, object? value) => _items.Add(key, value);

    public bool Remove(object key) => _items.Remove(key);

    public void Clear() => _items.Clear();

    /// <summary>Key/value pair at a position, in insertion order.</summary>
    public KeyValuePair<object, object?> GetAt(int index) => _items.GetAt(index);

    public IEnumerator<KeyValuePair<object, object?>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    void ICollection<KeyValuePair<object, object?>>.Add(KeyValuePair<object, object?> item) => _items.Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<object, object?>>.Contains(KeyValuePair<object, object?> item) =>
        _items.TryGetValue(item.Key, out var v) && PyOps.Eq(v, item.Value);

    void ICollection<KeyValuePair<object, object?>>.CopyTo(KeyValuePair<object, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<object, object?>>)_items).CopyTo(array, arrayIndex);

    bool ICollection<KeyValuePair<object, object?>>.Remove(KeyValuePair<object, object?> item) => _items.Remove(item.Key);

    // Read-only string-keyed view, so a PyDict can be a render context.
    object? IReadOnlyDictionary<string, object?>.this[string key] => _items[key];

    IEnumerable<string> IReadOnlyDictionary<string, object?>.Keys => _items.Keys.Select(k => k as string ?? PyFormat.Str(k));

    IEnumerable<object?> IReadOnlyDictionary<string, object?>.Values => _items.Values;

    bool IReadOnlyDictionary<string, object?>.ContainsKey(string key) => _items.ContainsKey(key);

    bool IReadOnlyDictionary<string, object?>.TryGetValue(string key, [MaybeNullWhen(false)] out object? value) =>
        _items.TryGetValue(key, out value);

    IEnumerator<KeyValuePair<string, object?>> IEnumerable<KeyValuePair<string, object?>>.GetEnumerator()
    {
        foreach (var kv in _items) yield return new(kv.Key as string ?? PyFormat.Str(kv.Key), kv.Value);
    }

    public override string ToString() => PyFormat.Repr(this);
}
