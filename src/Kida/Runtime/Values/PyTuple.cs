using System.Collections;

namespace Kida.Runtime.Values;

/// <summary>An immutable Python tuple: prints with parentheses, compares element-wise.</summary>
public sealed class PyTuple : IReadOnlyList<object?>, IEquatable<PyTuple>
{
    public static readonly PyTuple Empty = new([]);

    private readonly object?[] _items;

    public PyTuple(params object?[] items) => _items = items;

    public int Count => _items.Length;

    public object? this[int index] => _items[index];

    internal object?[] Items => _items;

    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(PyTuple? other)
    {
        if (other is null || other._items.Length != _items.Length) return false;
        for (var i = 0; i < _items.Length; i++)
            if (!PyOps.Eq(_items[i], other._items[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is PyTuple t && Equals(t);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var item in _items) h.Add(item is null ? 0 : PyKeyComparer.Instance.GetHashCode(item));
        return h.ToHashCode();
    }

    public override string ToString() => PyFormat.Repr(this);
}
