namespace Kida.Runtime.Filters;

/// <summary>Registers every builtin filter (LANGUAGE.md §6).</summary>
public static partial class BuiltinFilters
{
    public static void Register(IDictionary<string, FilterFunction> filters)
    {
    }
}
