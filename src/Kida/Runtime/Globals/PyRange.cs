using System.Collections;
using Kida.Runtime.Values;

namespace Kida.Runtime.Globals;

/// <summary>Python's lazy <c>range</c>: prints as <c>range(1, 6)</c>, iterates without materialising.</summary>
/// <remarks>
/// <para>
/// What the template global <c>range(stop)</c>, <c>range(start, stop)</c> or <c>range(start, stop, step)</c> returns, so a
/// filter given <c>range(10) | myfilter</c> receives one. It is a read-only list of boxed <see cref="long"/> values computed
/// on demand: <c>{% for i in range(3) %}</c> yields <c>0 1 2</c>, <c>range(3) | length</c> is <c>3</c> and an empty range is
/// false. Templates can read <c>.start</c>, <c>.stop</c> and <c>.step</c>.
/// </para>
/// <para>A range never changes after construction and is safe to share between threads.</para>
/// </remarks>
public sealed class PyRange : IReadOnlyList<object?>, ICollection, IPyObject, IPyAttributes
{
    /// <summary>Like Jinja2's sandbox, a range may not hold more items than this.</summary>
    public const long MaxItems = 100_000;

    /// <summary>The range <c>start, start + step, …</c> up to but excluding <paramref name="stop"/> (Python's
    /// <c>range(start, stop, step)</c>).</summary>
    /// <param name="start">The first value.</param>
    /// <param name="stop">The bound, never included; with a positive step the range is empty when it is not above
    /// <paramref name="start"/>, with a negative step when it is not below.</param>
    /// <param name="step">The distance between values; negative counts down.</param>
    /// <param name="maxItems">The most items allowed; the template global passes
    /// <see cref="TemplateEnvironmentOptions.MaxRangeSize"/>.</param>
    /// <exception cref="TemplateRuntimeException"><paramref name="step"/> is zero, or the range would hold more than
    /// <paramref name="maxItems"/> items (Jinja2's sandbox <c>MAX_RANGE</c>).</exception>
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

    /// <summary>The first value (<c>r.start</c> in templates).</summary>
    public long Start { get; }

    /// <summary>The excluded bound (<c>r.stop</c> in templates).</summary>
    public long Stop { get; }

    /// <summary>The distance between values, never zero (<c>r.step</c> in templates).</summary>
    public long Step { get; }

    /// <summary>How many values the range yields (<c>range(0, 10, 3) | length</c> is 4).</summary>
    public int Count { get; }

    /// <summary>The value at a position, as a boxed <see cref="long"/>; a negative index counts from the end, as in Python
    /// (<c>range(5)[-1]</c> is 4).</summary>
    /// <exception cref="TemplateRuntimeException">The index is outside <c>-Count</c> to <c>Count - 1</c>.</exception>
    public object? this[int index]
    {
        get
        {
            if (index < 0) index += Count;
            if (index < 0 || index >= Count) throw new TemplateRuntimeException("range object index out of range");
            return PyOps.Box(Start + index * Step);
        }
    }

    /// <summary>The values in order, each a boxed <see cref="long"/>, computed as they are read.</summary>
    public IEnumerator<object?> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return PyOps.Box(Start + i * Step);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Python's type name, <c>range</c>.</summary>
    public string PyTypeName => "range";

    /// <summary>How <c>{{ range(1, 6) }}</c> prints: <c>range(1, 6)</c>, with the step only when it is not 1
    /// (<c>range(0, 10, 2)</c>). The values are not listed; use <c>| list</c> for that.</summary>
    public string PyStr() => Step == 1 ? $"range({Start}, {Stop})" : $"range({Start}, {Stop}, {Step})";

    /// <summary>Template attributes <c>start</c>, <c>stop</c> and <c>step</c>, as boxed <see cref="long"/> values.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The attribute's value, or <see langword="null"/> when it is none of the three.</param>
    /// <returns>Whether <paramref name="name"/> is one of the three.</returns>
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
