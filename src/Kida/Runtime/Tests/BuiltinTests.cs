namespace Kida.Runtime.Tests;

/// <summary>Registers every builtin test (LANGUAGE.md §7).</summary>
public static partial class BuiltinTests
{
    public static void Register(IDictionary<string, TestFunction> tests)
    {
    }
}
