using Kida.Runtime.Values;

namespace Kida.Runtime.Tests;

// The test variants the Kida dialect uses where Kida 0.12 and Jinja2 disagree (LANGUAGE.md §7, marked J2≠).
public static partial class BuiltinTests
{
    /// <summary>Kida's <c>defined</c>: None counts as undefined.</summary>
    public static void RegisterKidaDialect(IDictionary<string, TestFunction> tests)
    {
        tests["defined"] = (v, _) => v is not (Undefined or null);
        tests["undefined"] = (v, _) => v is Undefined or null;
    }
}
