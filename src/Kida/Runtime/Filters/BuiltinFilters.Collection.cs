using System.Collections;
using Kida.Runtime.Values;

namespace Kida.Runtime.Filters;

// Sequence filters: first/last, length, list, join, sort, dictsort, unique, min/max, sum, batch, slice, groupby.
internal static partial class BuiltinFilters
{
    private static void RegisterCollection(IDictionary<string, FilterFunction> f)
    {
        f["first"] = First;
        f["last"] = Last;
        f["length"] = f["count"] = (v, _) => PyOps.Box((long)Length(v));
        f["list"] = (v, _) => Iter(v).ToList();
        f["items"] = Items;
        f["join"] = Join;
        f["reverse"] = Reverse;
        f["sort"] = Sort;
        f["dictsort"] = DictSort;
        f["unique"] = Unique;
        f["min"] = (v, a) => MinMax(v, a, false);
        f["max"] = (v, a) => MinMax(v, a, true);
        f["sum"] = Sum;
        f["batch"] = Batch;
        f["slice"] = Slice;
        f["groupby"] = GroupBy;
        f["random"] = RandomItem;
    }

    private static int Length(object? v)
    {
        switch (v)
        {
            case string or Markup or ICollection: return PyOps.Len(v);
            case Undefined u: u.ThrowIfStrict(); return 0;
            case null: return 0;
        }
        if (ClrInterop.TryGetCount(v, out var n)) return n;
        var norm = ClrInterop.Normalize(v);
        if (!ReferenceEquals(norm, v)) return Length(norm);
        return 0;
    }

    private static object? First(object? value, CallArguments args)
    {
        foreach (var x in Iter(value)) return x;
        return Missing(args, "No first item, sequence was empty.");
    }

    private static object? Last(object? value, CallArguments args)
    {
        var list = PyOps.ToList(value);
        return list.Count > 0 ? list[^1] : Missing(args, "No last item, sequence was empty.");
    }

    private static object? Items(object? value, CallArguments args)
    {
        // Jinja2 returns nothing for any undefined, strict included.
        if (value is Undefined) return new List<object?>();
        if (!IsMapping(value)) throw new TemplateRuntimeException("Can only get item pairs from a mapping.");
        return PyMethods.DictPairs(value!).Select(kv => (object?)new PyTuple(kv.Key, kv.Value)).ToList();
    }

    private static object? Join(object? value, CallArguments args)
    {
        var d = args.Get(0, "d", "");
        if (args.TryGet(1, "attribute", out var attribute) && attribute is not null)
        {
            var getter = AttrGetter(args, attribute);
            value = Iter(value).Select(getter).ToList();
        }
        var items = Iter(value).ToList();
        if (!args.Autoescape)
            return string.Join(Text(d), items.Select(Text));
        if (d is not Markup && !items.Any(i => i is Markup))
            return string.Join(Text(d), items.Select(Text));
        var sep = HtmlEscaper(d);
        return new Markup(string.Join(sep, items.Select(HtmlEscaper)));

        static string HtmlEscaper(object? x) => Output.HtmlEscaper.EscapeValue(x).Value;
    }

    private static object? Reverse(object? value, CallArguments args)
    {
        switch (value)
        {
            case string s: return ReverseString(s);
            case Markup m: return new Markup(ReverseString(m.Value));
        }
        var list = Iter(value).ToList();
        list.Reverse();
        return list;
    }

    private static string ReverseString(string s)
    {
        var parts = new List<string>();
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length) { parts.Add(s.Substring(i, 2)); i++; }
            else parts.Add(s[i].ToString());
        }
        parts.Reverse();
        return string.Concat(parts);
    }

    private static object? Sort(object? value, CallArguments args)
    {
        var reverse = args.GetBool(0, "reverse", false);
        var caseSensitive = args.GetBool(1, "case_sensitive", false);
        var attribute = args.Get(2, "attribute");
        var key = MultiAttrGetter(args, attribute, caseSensitive ? null : IgnoreCase);
        return SortBy(Iter(value), key, reverse);
    }

    /// <summary>Python's <c>sorted(items, key=key, reverse=reverse)</c>: stable in both directions.</summary>
    internal static List<object?> SortBy(IEnumerable<object?> items, Func<object?, object?> key, bool reverse)
    {
        var keyed = items.Select(i => (object?)new KeyValuePair<object?, object?>(key(i), i)).ToList();
        Comparison<object?> cmp = reverse
            ? (a, b) => CompareKeys(((KeyValuePair<object?, object?>)b!).Key, ((KeyValuePair<object?, object?>)a!).Key)
            : (a, b) => CompareKeys(((KeyValuePair<object?, object?>)a!).Key, ((KeyValuePair<object?, object?>)b!).Key);
        return StableSort(keyed, cmp).Select(kv => ((KeyValuePair<object?, object?>)kv!).Value).ToList();
    }

    private static object? DictSort(object? value, CallArguments args)
    {
        if (value is Undefined u) throw u.ToException();
        var caseSensitive = args.GetBool(0, "case_sensitive", false);
        var by = args.GetString(1, "by", "key");
        var reverse = args.GetBool(2, "reverse", false);
        var pos = by switch
        {
            "key" => 0,
            "value" => 1,
            _ => throw new TemplateRuntimeException("You can only sort by either \"key\" or \"value\""),
        };
        if (!IsMapping(value)) throw new TemplateRuntimeException($"'{PyFormat.TypeName(value)}' object has no attribute 'items'");
        var pairs = PyMethods.DictPairs(value!).Select(kv => (object?)new PyTuple(kv.Key, kv.Value));
        return SortBy(pairs, p =>
        {
            var x = ((PyTuple)p!)[pos];
            return caseSensitive ? x : IgnoreCase(x);
        }, reverse);
    }

    private static object? Unique(object? value, CallArguments args)
    {
        var caseSensitive = args.GetBool(0, "case_sensitive", false);
        var getter = AttrGetter(args, args.Get(1, "attribute"), caseSensitive ? null : IgnoreCase);
        var seen = new HashSet<object>(PyKeyComparer.Instance);
        var result = new List<object?>();
        var sawNone = false;
        foreach (var item in Iter(value))
        {
            var key = getter(item);
            if (key is null) { if (sawNone) continue; sawNone = true; result.Add(item); continue; }
            if (key is List<object?> or PyDict) throw new TemplateRuntimeException($"unhashable type: '{PyFormat.TypeName(key)}'");
            if (seen.Add(key)) result.Add(item);
        }
        return result;
    }

    private static object? MinMax(object? value, CallArguments args, bool max)
    {
        var caseSensitive = args.GetBool(0, "case_sensitive", false);
        var getter = AttrGetter(args, args.Get(1, "attribute"), caseSensitive ? null : IgnoreCase);
        object? best = null;
        object? bestKey = null;
        var any = false;
        foreach (var item in Iter(value))
        {
            var key = getter(item);
            if (!any) { best = item; bestKey = key; any = true; continue; }
            var c = CompareKeys(key, bestKey);
            if (max ? c > 0 : c < 0) { best = item; bestKey = key; }
        }
        return any ? best : Missing(args, "No aggregated item, sequence was empty.");
    }

    private static object? Sum(object? value, CallArguments args)
    {
        var attribute = args.Get(0, "attribute");
        object? total = args.Get(1, "start", 0L);
        var items = Iter(value);
        if (attribute is not null) items = items.Select(AttrGetter(args, attribute));
        foreach (var item in items) total = PyOps.Add(total, item);
        return total;
    }

    private static object? Batch(object? value, CallArguments args)
    {
        var count = PyOps.ToInt(args.Get(0, "linecount") ?? throw new TemplateRuntimeException("batch() missing 1 required positional argument: 'linecount'"));
        var hasFill = args.TryGet(1, "fill_with", out var fill) && fill is not null;
        var result = new List<object?>();
        var tmp = new List<object?>();
        foreach (var item in Iter(value))
        {
            if (tmp.Count == count)
            {
                result.Add(tmp);
                tmp = [];
            }
            tmp.Add(item);
        }
        if (tmp.Count > 0)
        {
            if (hasFill) while (tmp.Count < count) tmp.Add(fill);
            result.Add(tmp);
        }
        return result;
    }

    private static object? Slice(object? value, CallArguments args)
    {
        var slices = PyOps.ToInt(args.Get(0, "slices") ?? throw new TemplateRuntimeException("slice() missing 1 required positional argument: 'slices'"));
        var hasFill = args.TryGet(1, "fill_with", out var fill) && fill is not null;
        var seq = Iter(value).ToList();
        if (slices == 0) throw new TemplateRuntimeException("integer division or modulo by zero");
        // Each slice is a list: slice(10**12) would allocate until memory runs out.
        if (slices > 100_000) throw new TemplateRuntimeException($"slice() count {slices} is too large (at most 100000)");
        var perSlice = FloorDiv(seq.Count, slices);
        var withExtra = seq.Count - perSlice * slices;
        var result = new List<object?>();
        long offset = 0;
        for (long n = 0; n < slices; n++)
        {
            var start = offset + n * perSlice;
            if (n < withExtra) offset++;
            var end = offset + (n + 1) * perSlice;
            var tmp = new List<object?>();
            for (var i = Math.Max(0, start); i < Math.Min(end, seq.Count); i++) tmp.Add(seq[(int)i]);
            if (hasFill && n >= withExtra) tmp.Add(fill);
            result.Add(tmp);
        }
        return result;
    }

    private static long FloorDiv(long a, long b)
    {
        var q = a / b;
        if (a % b != 0 && (a < 0) != (b < 0)) q--;
        return q;
    }

    private static object? GroupBy(object? value, CallArguments args)
    {
        var attribute = args.Get(0, "attribute");
        var dflt = args.Get(1, "default");
        var caseSensitive = args.GetBool(2, "case_sensitive", false);
        var key = AttrGetter(args, attribute, caseSensitive ? null : IgnoreCase, dflt);
        var output = caseSensitive ? key : AttrGetter(args, attribute, null, dflt);
        var sorted = SortBy(Iter(value), key, false);
        var result = new List<object?>();
        List<object?>? current = null;
        object? currentKey = null;
        foreach (var item in sorted)
        {
            var k = key(item);
            if (current is null || !PyOps.Eq(k, currentKey))
            {
                if (current is not null) result.Add(new GroupTuple(output(current[0]), current));
                current = [];
                currentKey = k;
            }
            current.Add(item);
        }
        if (current is not null) result.Add(new GroupTuple(output(current[0]), current));
        return result;
    }

    private static object? RandomItem(object? value, CallArguments args)
    {
        var list = PyOps.ToList(value);
        return list.Count == 0 ? Missing(args, "No random item, sequence was empty.") : list[Random.Shared.Next(list.Count)];
    }
}
