using Kida.Runtime.Values;

namespace Kida.Runtime.Filters;

// The filter variants the Kida dialect uses where Kida 0.12 and Jinja2 disagree (LANGUAGE.md §6, marked J2≠).
public static partial class BuiltinFilters
{
    /// <summary>Replaces the Jinja2 meaning of shared filter names with Kida's (only for <see cref="TemplateDialect.Kida"/>).</summary>
    public static void RegisterKidaDialect(IDictionary<string, FilterFunction> filters)
    {
        var jinjaTruncate = filters["truncate"];
        filters["default"] = filters["d"] = KidaDefault;
        // Kida ignores leeway: the text is cut as soon as it is longer than the length.
        filters["truncate"] = (value, args) =>
        {
            var named = args.Named.Where(kv => kv.Key != "leeway").Append(new KeyValuePair<string, object?>("leeway", 0L)).ToArray();
            var positional = args.Positional.Take(3).ToArray();
            return jinjaTruncate(value, new CallArguments(positional, named, args.Context));
        };
    }

    /// <summary>Kida's default: None counts as missing too.</summary>
    private static object? KidaDefault(object? value, CallArguments args)
    {
        var fallback = args.Get(0, "default_value", args.Get(-1, "default", ""));
        var boolean = args.GetBool(1, "boolean", false);
        if (value is Undefined or null) return fallback;
        if (boolean && !PyOps.IsTrue(value)) return fallback;
        return value;
    }
}
