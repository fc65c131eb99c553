using System.Collections;
using Kida.Runtime.Values;

namespace Kida.Runtime.Filters;

/// <summary>
/// One group of the <c>groupby</c> filter: a 2-tuple <c>(grouper, list)</c> that also exposes <c>.grouper</c> and
/// <c>.list</c> (Jinja2's <c>_GroupTuple</c>). Prints like a tuple.
/// </summary>
public sealed class GroupTuple(object? grouper, List<object?> list) : IReadOnlyList<object?>, IList, IPyAttributes, IPyObject, ITupleLike
{
    public object? Grouper { get; } = grouper;

    public List<object?> List { get; } = list;

    public int Count => 2;

    public object? this[int index] => index switch
    {
        0 or -2 => Grouper,
        1 or -1 => List,
        _ => throw new TemplateRuntimeException("tuple index out of range"),
    };

    public bool TryGetAttribute(string name, out object? value)
    {
        switch (name)
        {
            case "grouper": value = Grouper; return true;
            case "list": value = List; return true;
            case "count" or "index": value = new BoundMethod(new PyTuple(Grouper, List), name); return true;
            default: value = null; return false;
        }
    }

    public string PyTypeName => "tuple";

    public string PyStr() => PyFormat.Repr(new PyTuple(Grouper, List));

    public IEnumerator<object?> GetEnumerator()
    {
        yield return Grouper;
        yield return List;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Read-only IList so indexing, len() and equality treat the group like a tuple.
    object? IList.this[int index] { get => this[index]; set => throw new NotSupportedException(); }
    bool IList.IsFixedSize => true;
    bool IList.IsReadOnly => true;
    bool ICollection.IsSynchronized => false;
    object ICollection.SyncRoot => this;
    int IList.Add(object? value) => throw new NotSupportedException();
    void IList.Clear() => throw new NotSupportedException();
    bool IList.Contains(object? value) => PyOps.Eq(Grouper, value) || PyOps.Eq(List, value);
    int IList.IndexOf(object? value) => PyOps.Eq(Grouper, value) ? 0 : PyOps.Eq(List, value) ? 1 : -1;
    void IList.Insert(int index, object? value) => throw new NotSupportedException();
    void IList.Remove(object? value) => throw new NotSupportedException();
    void IList.RemoveAt(int index) => throw new NotSupportedException();
    void ICollection.CopyTo(Array array, int index)
    {
        array.SetValue(Grouper, index);
        array.SetValue(List, index + 1);
    }
}
