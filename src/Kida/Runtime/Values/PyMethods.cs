namespace Kida.Runtime.Values;

/// <summary>
/// The Python methods templates may call on builtin values (LANGUAGE.md §3.1): dict <c>items keys values get</c>,
/// str <c>upper lower … format</c>, list <c>index count</c>. Nothing else is reachable.
/// </summary>
public static partial class PyMethods
{
    /// <summary>True when <paramref name="name"/> is a Python method of this value's type.</summary>
    public static bool Has(object? target, string name) => false;

    /// <summary>Calls the method; false when the value has no such method.</summary>
    public static bool TryCall(object? target, string name, CallArguments args, out object? result)
    {
        result = null;
        return false;
    }
}
