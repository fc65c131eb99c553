using System.Collections;
using System.Numerics;
using Kida.Runtime.Values;

namespace Kida.Runtime.Tests;

// The test variants the Kida dialect uses where Kida 0.12 and Jinja2 disagree (LANGUAGE.md §7, marked J2≠).
internal static partial class BuiltinTests
{
    /// <summary>Replaces the Jinja2 meaning of shared test names with Kida's (only for <see cref="TemplateDialect.Kida"/>).</summary>
    public static void RegisterKidaDialect(IDictionary<string, TestFunction> tests)
    {
        // Kida's defined: None counts as undefined.
        tests["defined"] = (v, _) => v is not (Undefined or null);
        tests["undefined"] = (v, _) => v is Undefined or null;
        // Kida's mapping is isinstance(v, dict): the dictionaries a context holds, not any keyed object.
        tests["mapping"] = (v, _) => v is PyDict or IDictionary;
        // Kida's number excludes bool (Python's bool is an int subclass, which Jinja2 counts).
        tests["number"] = (v, _) => ClrInterop.Normalize(v) is long or double or BigInteger;
        // Kida's sequence is list, tuple or str: dicts and other sized containers are not sequences.
        tests["sequence"] = (v, _) => v is string or Markup or PyTuple || v is IList && v is not IDictionary;
    }
}
