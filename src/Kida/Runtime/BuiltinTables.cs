using Kida.Runtime.Filters;
using Kida.Runtime.Globals;
using Kida.Runtime.Tests;

namespace Kida.Runtime;

/// <summary>
/// The builtin filters, tests and globals of one dialect, built once per process and shared (read-only) by every
/// environment that adds nothing of its own; an environment copies a table only when it adds to it. Creating an
/// environment therefore costs a few objects, not three dictionaries of a hundred entries.
/// </summary>
internal sealed class BuiltinTables
{
    private static readonly Lazy<BuiltinTables> JinjaTables = new(() => new BuiltinTables(TemplateDialect.Jinja2));
    private static readonly Lazy<BuiltinTables> KidaTables = new(() => new BuiltinTables(TemplateDialect.Kida));

    public static BuiltinTables For(TemplateDialect dialect) => dialect == TemplateDialect.Kida ? KidaTables.Value : JinjaTables.Value;

    private BuiltinTables(TemplateDialect dialect)
    {
        var filters = new Dictionary<string, FilterFunction>(StringComparer.Ordinal);
        var tests = new Dictionary<string, TestFunction>(StringComparer.Ordinal);
        var globals = new Dictionary<string, object?>(StringComparer.Ordinal);
        BuiltinFilters.Register(filters);
        BuiltinTests.Register(tests);
        BuiltinGlobals.Register(globals);
        if (dialect == TemplateDialect.Kida)
        {
            BuiltinFilters.RegisterKidaDialect(filters);
            BuiltinTests.RegisterKidaDialect(tests);
            BuiltinGlobals.RegisterKidaBuiltins(globals);
        }
        BuiltinGlobals.RegisterKidaAdditions(globals);
        // Jinja2's null translations (old style): what every environment has until it installs others, so a new
        // environment shares this table instead of copying it to add them.
        globals["_"] = I18n.GettextFunctions.Alias;
        I18n.GettextFunctions.Install(globals, NullTranslations.Instance, newstyle: false);
        Filters = filters;
        Tests = tests;
        Globals = globals;
    }

    /// <summary>Shared: never modified after construction.</summary>
    public Dictionary<string, FilterFunction> Filters { get; }

    public Dictionary<string, TestFunction> Tests { get; }

    public Dictionary<string, object?> Globals { get; }

    /// <summary>Whether <paramref name="filter"/> is this dialect's builtin <paramref name="name"/> (not a user override).</summary>
    public bool IsBuiltinFilter(string name, FilterFunction filter) =>
        Filters.TryGetValue(name, out var builtin) && ReferenceEquals(builtin, filter);
}
