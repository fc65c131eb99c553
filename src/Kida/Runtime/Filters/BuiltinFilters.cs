using System.Collections;
using Kida.Runtime.Members;
using Kida.Runtime.Values;

namespace Kida.Runtime.Filters;

/// <summary>Registers every builtin filter (LANGUAGE.md §6).</summary>
internal static partial class BuiltinFilters
{
    public static void Register(IDictionary<string, FilterFunction> filters)
    {
        RegisterString(filters);
        RegisterHtml(filters);
        RegisterCollection(filters);
        RegisterSelection(filters);
        RegisterNumber(filters);
        RegisterMisc(filters);
        RegisterKida(filters);
    }

    private static readonly Lazy<Dictionary<string, FilterFunction>> DefaultFilters = new(() =>
    {
        var d = new Dictionary<string, FilterFunction>(StringComparer.Ordinal);
        Register(d);
        return d;
    });

    private static readonly Lazy<Dictionary<string, TestFunction>> DefaultTests = new(() =>
    {
        var d = new Dictionary<string, TestFunction>(StringComparer.Ordinal);
        Tests.BuiltinTests.Register(d);
        return d;
    });

    /// <summary>The filter of this name in the calling environment (or the builtins when called directly).</summary>
    internal static FilterFunction GetFilter(CallArguments args, string name)
    {
        var registry = args.Context?.Environment.Filters ?? DefaultFilters.Value;
        return registry.TryGetValue(name, out var f) ? f : throw new TemplateRuntimeException($"No filter named '{name}'.");
    }

    /// <summary>The test of this name in the calling environment (or the builtins when called directly).</summary>
    internal static TestFunction GetTest(CallArguments args, string name)
    {
        var registry = args.Context?.Environment.Tests ?? DefaultTests.Value;
        return registry.TryGetValue(name, out var t) ? t : throw new TemplateRuntimeException($"No test named '{name}'.");
    }

    internal static bool Strict(CallArguments args) => Behavior(args) == UndefinedBehavior.Strict;

    /// <summary>The undefined behaviour of the environment the filter runs in (Default outside a render).</summary>
    internal static UndefinedBehavior Behavior(CallArguments args) => args.Context?.Behavior ?? UndefinedBehavior.Default;

    /// <summary>Text of a value for string filters: Markup's text, lenient undefined as "".</summary>
    internal static string Text(object? v) => v is Markup m ? m.Value : PyFormat.Str(v);

    /// <summary>Jinja2's <c>ignore_case</c> postprocessor: lower-cases strings, leaves everything else.</summary>
    internal static object? IgnoreCase(object? v) => v switch
    {
        string s => s.ToLowerInvariant(),
        Markup m => m.Value.ToLowerInvariant(),
        _ => v,
    };

    /// <summary>A Jinja2 undefined with a reason (what <c>environment.undefined(hint)</c> returns).</summary>
    internal static Undefined Missing(CallArguments args, string? hint = null) => new(null, null, UndefinedKind.Variable, Behavior(args), hint);

    /// <summary>Jinja2's <c>make_attrgetter</c>: a dotted path (<c>"a.b.0"</c>) or an integer index.</summary>
    internal static Func<object?, object?> AttrGetter(CallArguments args, object? attribute, Func<object?, object?>? post = null, object? dflt = null)
    {
        var strict = Behavior(args);
        var parts = PrepareParts(attribute);
        return item =>
        {
            foreach (var part in parts)
            {
                item = MemberAccess.GetItem(item, part, strict);
                if (item is Undefined && dflt is not null) { item = dflt; break; }
            }
            return post is null ? item : post(item);
        };
    }

    private static object[] PrepareParts(object? attribute)
    {
        switch (attribute)
        {
            case null or Undefined: return [];
            case string s when !s.Contains('.'):
                return [Part(s)];
            case string s:
                return s.Split('.').Select(Part).ToArray();
            case Markup m: return PrepareParts(m.Value);
            default: return [ClrInterop.Normalize(attribute)!];
        }
    }

    // One part of a dotted attribute path: an all-digit part is an index.
    private static object Part(string p)
    {
        if (!long.TryParse(p, out var i)) return p;
        foreach (var c in p)
            if (!char.IsAsciiDigit(c)) return p;
        return i;
    }

    /// <summary>Jinja2's <c>make_multi_attrgetter</c> (<c>sort(attribute="a,b")</c>): a list key per item.</summary>
    internal static Func<object?, object?> MultiAttrGetter(CallArguments args, object? attribute, Func<object?, object?>? post)
    {
        var attrs = attribute is string s ? s.Split(',').Select(a => (object?)a).ToArray() : [attribute];
        var getters = attrs.Select(a => AttrGetter(args, a, post)).ToArray();
        return item =>
        {
            var key = new List<object?>(getters.Length);
            foreach (var g in getters) key.Add(g(item));
            return key;
        };
    }

    /// <summary>A stable merge sort whose comparison errors surface unchanged (Array.Sort would wrap them).</summary>
    public static List<object?> StableSort(IEnumerable<object?> items, Comparison<object?> compare)
    {
        var a = items.ToArray();
        var tmp = new object?[a.Length];
        MergeSort(a, tmp, 0, a.Length, compare);
        return [.. a];
    }

    private static void MergeSort(object?[] a, object?[] tmp, int lo, int hi, Comparison<object?> cmp)
    {
        if (hi - lo < 2) return;
        if (hi - lo <= 8)
        {
            for (var i = lo + 1; i < hi; i++)
            {
                var x = a[i];
                var j = i - 1;
                while (j >= lo && cmp(a[j], x) > 0) { a[j + 1] = a[j]; j--; }
                a[j + 1] = x;
            }
            return;
        }
        var mid = (lo + hi) / 2;
        MergeSort(a, tmp, lo, mid, cmp);
        MergeSort(a, tmp, mid, hi, cmp);
        if (cmp(a[mid - 1], a[mid]) <= 0) return;
        Array.Copy(a, lo, tmp, lo, hi - lo);
        int l = lo, r = mid, k = lo;
        while (l < mid && r < hi) a[k++] = cmp(tmp[r], tmp[l]) < 0 ? tmp[r++] : tmp[l++];
        while (l < mid) a[k++] = tmp[l++];
        while (r < hi) a[k++] = tmp[r++];
    }

    /// <summary>Sort key comparison: Python ordering of the key values.</summary>
    internal static int CompareKeys(object? a, object? b) => PyOps.Compare(a, b);

    internal static bool IsMapping(object? v) =>
        v is PyDict or IDictionary || (v is not string and not Markup and not null && ClrInterop.TryAsReadOnlyStringDictionary(v, out _));

    /// <summary>Iterates a filter's input; strict undefined raises, lenient undefined is empty.</summary>
    internal static IEnumerable<object?> Iter(object? value) => PyOps.Iterate(value);

    /// <summary>Converts a .NET failure into a TemplateRuntimeException so users never see raw exceptions.</summary>
    internal static TemplateRuntimeException Error(string message) => new(message);
}
