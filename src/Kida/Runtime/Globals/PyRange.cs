using System.Collections;
using Kida.Runtime.Values;

namespace Kida.Runtime.Globals;

/// <summary>Python's lazy <c>range</c>: prints as <c>range(1, 6)</c>, iterates without materialising.</summary>
public sealed class PyRange : IReadOnlyList<object?>, ICollection, IPyObject, IPyAttributes
{
    /// <summary>Like Jinja2's sandbox, a range may not hold more items than this.</summary>
    public const long MaxItems = 100_000;

    public PyRange(long start, long stop, long step, long maxItems = MaxItems)
    {
        if (step == 0) throw new TemplateRuntimeException("range() arg 3 must not be zero");
        Start = start;
        Stop = stop;
        Step = step;
        var count = step > 0
            ? (stop > start ? ((Int128)stop - start - 1) / step + 1 : 0)
            : (start > stop ? ((Int128)start - stop - 1) / -step + 1 : 0);
        if (count > maxItems)
            throw new TemplateRuntimeException($"Range too big. The sandbox blocks ranges larger than MAX_RANGE ({maxItems}).");
        Count = (int)count;
    }

    public long Start { get; }
    public long Stop { get; }
    public long Step { get; }
    public int Count { get; }

    public object? this[int index]
    {
        get
        {
            if (index < 0) index += Count;
            if (index < 0 || index >= Count) throw new TemplateRuntimeException("range object index out of range");
            return PyOps.Box(Start + index * Step);
        }
    }

    public IEnumerator<object?> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return PyOps.Box(Start + i * Step);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public string PyTypeName => "range";

    public string PyStr() => Step == 1 ? $"range({Start}, {Stop})" : $"range({Start}, {Stop}, {Step})";

    public bool TryGetAttribute(string name, out object? value)
    {
        switch (name)
        {
            case "start": value = PyOps.Box(Start); return true;
            case "stop": value = PyOps.Box(Stop); return true;
            case "step": value = PyOps.Box(Step); return true;
            default: value = null; return false;
        }
    }

    bool ICollection.IsSynchronized => false;
    object ICollection.SyncRoot => this;

    void ICollection.CopyTo(Array array, int index)
    {
        foreach (var item in this) array.SetValue(item, index++);
    }
}
