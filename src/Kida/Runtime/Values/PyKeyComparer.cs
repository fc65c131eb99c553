namespace Kida.Runtime.Values;

/// <summary>
/// Python dictionary-key equality: <c>1</c>, <c>1.0</c> and <c>True</c> are the same key; strings and
/// <see cref="Markup"/> with equal text are the same key; tuples compare element-wise.
/// </summary>
internal sealed class PyKeyComparer : IEqualityComparer<object>
{
    public static readonly PyKeyComparer Instance = new();

    // Most keys are strings (JSON objects, template dict literals): compare those ordinally before Python's rules.
    public new bool Equals(object? x, object? y) =>
        x is string a && y is string b ? string.Equals(a, b) : PyOps.Eq(x, y);

    public int GetHashCode(object obj) => obj switch
    {
        string s => s.GetHashCode(StringComparison.Ordinal),
        Markup m => m.Value.GetHashCode(StringComparison.Ordinal),
        bool b => b ? 1 : 0,
        long l => l.GetHashCode(),
        int i => ((long)i).GetHashCode(),
        double d => d == Math.Floor(d) && d is >= long.MinValue and <= long.MaxValue ? ((long)d).GetHashCode() : d.GetHashCode(),
        _ => obj.GetHashCode(),
    };
}
