using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Kida.Runtime.Values;

/// <summary>
/// An insertion-ordered Python dict with Python key equality. Also readable as a string-keyed dictionary,
/// so it can be passed wherever a render context is expected.
/// </summary>
/// <remarks>
/// <para>
/// This is what a template dict literal <c>{'a': 1}</c>, <c>dict(a=1)</c>, a macro's <c>kwargs</c> and a JSON object in the
/// render context evaluate to, so a custom filter receives one for them. Keys compare the Python way: <c>1</c>,
/// <c>1.0</c> and <c>true</c> are one key, a <see cref="string"/> and a <see cref="Markup"/> with the same text are one
/// key, and a <see cref="PyTuple"/> is a valid key. Iteration, <see cref="Keys"/>, <see cref="Values"/> and printing
/// follow insertion order; assigning an existing key keeps its position, as in Python 3.7+. It prints as Python's
/// <c>repr</c>: <c>{'a': 1, 2: None}</c>.
/// </para>
/// <para>
/// A <see cref="PyDict"/> is mutable — templates can change it too (<c>d.update(...)</c>, <c>d.pop(...)</c>,
/// <c>d.setdefault(...)</c>). Concurrent reads are safe; any write while other threads read or write is not, so do not
/// share one between concurrent renders whose templates modify it.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var ctx = new PyDict { ["user"] = "Ada", [1L] = "one" };
/// ctx[1.0] = "uno";                                  // same key as 1: replaces "one", keeps its position
/// var html = env.FromString("{{ user }}").Render(ctx);  // a PyDict is a render context
/// </code>
/// </example>
public sealed class PyDict : IDictionary<object, object?>, IReadOnlyDictionary<string, object?>
{
    private readonly OrderedDictionary<object, object?> _items;

    /// <summary>An empty dict (Python's <c>{}</c>).</summary>
    public PyDict() => _items = new OrderedDictionary<object, object?>(PyKeyComparer.Instance);

    /// <summary>An empty dict with room for <paramref name="capacity"/> entries before it grows.</summary>
    /// <param name="capacity">The initial capacity; not a limit.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public PyDict(int capacity) => _items = new OrderedDictionary<object, object?>(capacity, PyKeyComparer.Instance);

    /// <summary>The number of entries (Python's <c>len(d)</c>, the <c>length</c> filter).</summary>
    public int Count => _items.Count;

    /// <summary>Always <see langword="false"/>: a dict can be changed.</summary>
    public bool IsReadOnly => false;

    /// <summary>Gets or sets the value for a key, with Python key equality (<c>d[1.0]</c> finds the key <c>1</c>).</summary>
    /// <param name="key">The key; template keys are usually <see cref="string"/> or <see cref="long"/>.</param>
    /// <remarks>Setting a new key appends it; setting an existing key replaces the value in place.</remarks>
    /// <exception cref="KeyNotFoundException">Getting a key that is not present (templates see an undefined value instead).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public object? this[object key]
    {
        get => _items[key];
        set => _items[key] = value;
    }

    /// <summary>The keys, in insertion order (Python's <c>d.keys()</c>).</summary>
    public ICollection<object> Keys => _items.Keys;

    /// <summary>The values, in insertion order (Python's <c>d.values()</c>).</summary>
    public ICollection<object?> Values => _items.Values;

    /// <summary>Looks a key up with Python key equality.</summary>
    /// <param name="key">The key to find.</param>
    /// <param name="value">The value when found (possibly <see langword="null"/> for <c>None</c>), else <see langword="null"/>.</param>
    /// <returns>Whether the key is present (Python's <c>key in d</c>).</returns>
    public bool TryGetValue(object key, out object? value)
    {
        if (key is string s && _items.Count <= ScanLimit) return TryScan(s, out value);
        return _items.TryGetValue(key, out value);
    }

    /// <summary>Whether the key is present, with Python key equality (Python's <c>key in d</c>).</summary>
    public bool ContainsKey(object key)
    {
        if (key is string s && _items.Count <= ScanLimit) return TryScan(s, out _);
        return _items.ContainsKey(key);
    }

    // A small dict (a JSON message or tool schema has a handful of keys) is searched for a string key by comparing the
    // keys' text in order, which costs less than hashing the key. Equal means what the hash table means: a string or
    // Markup key with the same text. Any other kind of key present (a number, a tuple, a host object) sends the lookup to
    // the hash table, so the result is always the table's.
    private const int ScanLimit = 8;

    private bool TryScan(string key, out object? value)
    {
        var count = _items.Count;
        for (var i = 0; i < count; i++)
        {
            var entry = _items.GetAt(i);
            var k = entry.Key;
            if (ReferenceEquals(k, key)) { value = entry.Value; return true; }
            if (k is string ks)
            {
                if (ks.Length == key.Length && string.Equals(ks, key)) { value = entry.Value; return true; }
            }
            else if (k is Markup m)
            {
                if (string.Equals(m.Value, key)) { value = entry.Value; return true; }
            }
            else return _items.TryGetValue(key, out value);
        }
        value = null;
        return false;
    }

    /// <summary>Appends a new key. Unlike the indexer it refuses to replace an existing entry.</summary>
    /// <exception cref="ArgumentException">An equal key (in the Python sense) is already present.</exception>
    public void Add(object key, object? value) => _items.Add(key, value);

    /// <summary>Removes a key and its value; the other entries keep their order.</summary>
    /// <returns>Whether the key was present.</returns>
    public bool Remove(object key) => _items.Remove(key);

    /// <summary>Removes every entry.</summary>
    public void Clear() => _items.Clear();

    /// <summary>Key/value pair at a position, in insertion order.</summary>
    public KeyValuePair<object, object?> GetAt(int index) => _items.GetAt(index);

    /// <summary>The entries as key/value pairs, in insertion order (Python's <c>d.items()</c>).</summary>
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

    bool IReadOnlyDictionary<string, object?>.ContainsKey(string key) => ContainsKey(key);

    bool IReadOnlyDictionary<string, object?>.TryGetValue(string key, [MaybeNullWhen(false)] out object? value) =>
        TryGetValue(key, out value);

    IEnumerator<KeyValuePair<string, object?>> IEnumerable<KeyValuePair<string, object?>>.GetEnumerator()
    {
        foreach (var kv in _items) yield return new(kv.Key as string ?? PyFormat.Str(kv.Key), kv.Value);
    }

    /// <summary>Python's <c>repr</c>, the way a template prints the dict: <c>{'a': 1, 'b': [1, 2]}</c>.</summary>
    public override string ToString() => PyFormat.Repr(this);
}
