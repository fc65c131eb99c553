using Kida.Runtime;

namespace Kida.Compilation.Tiering;

/// <summary>
/// The builtin tests the compiled tier runs inline instead of calling their delegate. A test site is inline only when
/// the delegate it bound is, by reference, one of the builtin tables' own (so a test the user registered under the same
/// name, or any other delegate, keeps its call); the Kida dialect's <c>defined</c>/<c>undefined</c> are their own kinds.
/// </summary>
internal static class InlineTests
{
    /// <summary>What an inline test checks.</summary>
    internal enum Kind { None, Odd, Even, Defined, Undefined, IsNone, KidaDefined, KidaUndefined }

    private static readonly Dictionary<TestFunction, Kind> Builtins = Build();

    private static Dictionary<TestFunction, Kind> Build()
    {
        var kinds = new Dictionary<TestFunction, Kind>(ReferenceEqualityComparer.Instance);
        var jinja = BuiltinTables.For(TemplateDialect.Jinja2).Tests;
        var kida = BuiltinTables.For(TemplateDialect.Kida).Tests;
        Add(jinja, "odd", Kind.Odd);
        Add(jinja, "even", Kind.Even);
        Add(jinja, "defined", Kind.Defined);
        Add(jinja, "undefined", Kind.Undefined);
        Add(jinja, "none", Kind.IsNone);
        Add(kida, "odd", Kind.Odd);
        Add(kida, "even", Kind.Even);
        Add(kida, "none", Kind.IsNone);
        Add(kida, "defined", Kind.KidaDefined);
        Add(kida, "undefined", Kind.KidaUndefined);
        return kinds;

        void Add(Dictionary<string, TestFunction> table, string name, Kind kind)
        {
            // The Kida table shares Jinja2's delegates except where its meaning differs: a delegate has one kind.
            if (table.TryGetValue(name, out var test)) kinds.TryAdd(test, kind);
        }
    }

    /// <summary>The inline kind of a bound test delegate; <see cref="Kind.None"/> for any delegate that is not a builtin's.</summary>
    public static Kind Of(TestFunction test) => Builtins.GetValueOrDefault(test, Kind.None);
}
