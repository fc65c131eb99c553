using System.Collections;

namespace Kida.Runtime.Values;

/// <summary>An immutable Python tuple: prints with parentheses, compares element-wise.</summary>
/// <remarks>
/// <para>
/// This is what a template tuple literal <c>(1, 'a')</c> evaluates to, and what several builtins produce: the pairs of
/// <c>d.items()</c> and the <c>dictsort</c> filter, Kida's <c>enumerate</c> and <c>zip</c>, a macro's <c>varargs</c>. A
/// custom filter that receives one can index and enumerate it like any <see cref="IReadOnlyList{T}"/>.
/// </para>
/// <para>
/// Equality is Python's: element-wise with Python value equality (<c>(1, 'a') == (1.0, 'a')</c>), and a tuple never
/// equals a list with the same items. <see cref="GetHashCode"/> agrees with that equality, so tuples work as
/// <see cref="PyDict"/> keys and set elements. It prints as Python's <c>repr</c>: <c>(1, 'a')</c>, <c>(1,)</c>, <c>()</c>.
/// </para>
/// <para>The tuple cannot be changed after construction and is safe to share between threads.</para>
/// </remarks>
public sealed class PyTuple : IReadOnlyList<object?>, IEquatable<PyTuple>
{
    /// <summary>The empty tuple <c>()</c>, shared.</summary>
    public static readonly PyTuple Empty = new([]);

    private readonly object?[] _items;

    /// <summary>A tuple of the given items, in order: <c>new PyTuple(1L, "a")</c> is the template's <c>(1, 'a')</c>.</summary>
    /// <param name="items">The items. An array passed as is is kept, not copied: do not change it afterwards.</param>
    /// <remarks>Use template value types (<see cref="long"/> rather than <see cref="int"/>, for example) so the tuple
    /// prints and compares the way a template-made one does.</remarks>
    public PyTuple(params object?[] items) => _items = items;

    /// <summary>The number of items (Python's <c>len(t)</c>).</summary>
    public int Count => _items.Length;

    /// <summary>The item at a zero-based position.</summary>
    /// <remarks>In templates <c>t[-1]</c> counts from the end and an out-of-range index is undefined; this .NET indexer
    /// takes only <c>0</c> to <c>Count - 1</c>.</remarks>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>.</exception>
    public object? this[int index] => _items[index];

    internal object?[] Items => _items;

    /// <summary>The items in order (<c>{% for x in t %}</c>, <c>{% for a, b in pairs %}</c> unpacking).</summary>
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <summary>Python tuple equality: the same length and every pair of items equal the Python way (<c>1 == 1.0</c>).</summary>
    /// <exception cref="UndefinedVariableException">An item is a strict undefined value.</exception>
    public bool Equals(PyTuple? other)
    {
        if (other is null || other._items.Length != _items.Length) return false;
        for (var i = 0; i < _items.Length; i++)
            if (!PyOps.Eq(_items[i], other._items[i])) return false;
        return true;
    }

    /// <summary>Python tuple equality with another <see cref="PyTuple"/>; any other object, a list included, is not equal.</summary>
    public override bool Equals(object? obj) => obj is PyTuple t && Equals(t);

    /// <summary>A hash consistent with Python equality of the items (the tuples <c>(1,)</c> and <c>(1.0,)</c> hash alike).</summary>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var item in _items) h.Add(item is null ? 0 : PyKeyComparer.Instance.GetHashCode(item));
        return h.ToHashCode();
    }

    /// <summary>Python's <c>repr</c>, the way a template prints the tuple: <c>(1, 'a')</c>, <c>(1,)</c>, <c>()</c>.</summary>
    public override string ToString() => PyFormat.Repr(this);
}
