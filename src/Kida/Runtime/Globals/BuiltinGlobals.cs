namespace Kida.Runtime.Globals;

/// <summary>Registers the builtin global functions and objects (LANGUAGE.md §8): range, dict, cycler, joiner, namespace, …</summary>
public static partial class BuiltinGlobals
{
    public static void Register(IDictionary<string, object?> globals)
    {
    }
}
