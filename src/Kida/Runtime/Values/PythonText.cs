namespace Kida.Runtime.Values;

/// <summary>
/// How templates print values, for host code that must print them the same way (a custom filter, a JSON writer that
/// follows Python): <see cref="Str"/> is what <c>{{ value }}</c> and <c>str(value)</c> give, <see cref="Repr"/> what
/// <c>repr(value)</c> and containers' items give — <c>True</c>, <c>None</c>, <c>1.0</c>, <c>1e+16</c>, <c>'a'</c>,
/// <c>{'k': [1, 2]}</c>.
/// </summary>
/// <example><code>PythonText.Repr(0.1 + 0.2)   // "0.30000000000000004", as Python prints it</code></example>
public static class PythonText
{
    /// <summary>Python's <c>str(value)</c> for a template value.</summary>
    /// <param name="value">Any template value (null is <c>None</c>).</param>
    /// <returns>The text a template prints for it (unescaped).</returns>
    public static string Str(object? value) => PyFormat.Str(value);

    /// <summary>Python's <c>repr(value)</c> for a template value.</summary>
    /// <param name="value">Any template value.</param>
    /// <returns>Python's representation: strings quoted, floats with the shortest round-trip digits.</returns>
    public static string Repr(object? value) => PyFormat.Repr(value);
}
