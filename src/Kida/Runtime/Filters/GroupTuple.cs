using System.Collections;
using Kida.Runtime.Values;

namespace Kida.Runtime.Filters;

/// <summary>
/// One group of the <c>groupby</c> filter: a 2-tuple <c>(grouper, list)</c> that also exposes <c>.grouper</c> and
/// <c>.list</c> (Jinja2's <c>_GroupTuple</c>). Prints like a tuple.
/// </summary>
/// <remarks>
/// <para>
/// <c>{% for group in users | groupby("city") %}{{ group.grouper }}: {{ group.list | length }}{% endfor %}</c> and the
/// unpacking form <c>{% for city, members in users | groupby("city") %}</c> both read it. A custom filter applied to the
/// result of <c>groupby</c> receives a list of these; read <see cref="Grouper"/> and <see cref="List"/>. Under the Kida
/// dialect <c>groupby</c> yields <c>{grouper, list}</c> dicts (<see cref="Kida.Runtime.Values.PyDict"/>) instead.
/// </para>
/// <para>
/// The pair cannot be rebound, but <see cref="List"/> is the group's own list: do not change it while a template may
/// still read it.
/// </para>
/// </remarks>
public sealed class GroupTuple(object? grouper, List<object?> list) : IReadOnlyList<object?>, IList, IPyAttributes, IPyObject, ITupleLike
{
    /// <summary>The value the items of this group share (<c>group.grouper</c>, <c>group[0]</c>): the attribute named in
    /// <c>groupby("city")</c>, or what <c>groupby(..., default=...)</c> supplied for items without one.</summary>
    public object? Grouper { get; } = grouper;

    /// <summary>The items of this group, in the order <c>groupby</c> sorted them (<c>group.list</c>, <c>group[1]</c>).</summary>
    public List<object?> List { get; } = list;

    /// <summary>Always 2, like the tuple <c>(grouper, list)</c>.</summary>
    public int Count => 2;

    /// <summary>Tuple indexing: <c>0</c> or <c>-2</c> is <see cref="Grouper"/>, <c>1</c> or <c>-1</c> is <see cref="List"/>.</summary>
    /// <exception cref="TemplateRuntimeException">Any other index (Python's "tuple index out of range").</exception>
    public object? this[int index] => index switch
    {
        0 or -2 => Grouper,
        1 or -1 => List,
        _ => throw new TemplateRuntimeException("tuple index out of range"),
    };

    /// <summary>Template attributes <c>grouper</c> and <c>list</c>, and the tuple methods <c>count</c> and <c>index</c>.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The attribute's value, or <see langword="null"/> for any other name.</param>
    /// <returns>Whether <paramref name="name"/> is one of the four.</returns>
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

    /// <summary>Python's type name, <c>tuple</c>, as Jinja2's group (a named tuple) reports.</summary>
    public string PyTypeName => "tuple";

    /// <summary>How <c>{{ group }}</c> prints: like the tuple <c>('Paris', [...])</c>.</summary>
    public string PyStr() => PyFormat.Repr(new PyTuple(Grouper, List));

    /// <summary><see cref="Grouper"/>, then <see cref="List"/>: what <c>{% for key, items in ... | groupby(...) %}</c> unpacks.</summary>
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
