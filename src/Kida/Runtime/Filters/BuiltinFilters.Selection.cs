using Kida.Runtime.Values;

namespace Kida.Runtime.Filters;

// Filters that apply another filter or test to every item: map, select, reject, selectattr, rejectattr.
internal static partial class BuiltinFilters
{
    private static void RegisterSelection(IDictionary<string, FilterFunction> f)
    {
        f["map"] = Map;
        f["select"] = (v, a) => SelectOrReject(v, a, lookupAttr: false, keep: true);
        f["reject"] = (v, a) => SelectOrReject(v, a, lookupAttr: false, keep: false);
        f["selectattr"] = (v, a) => SelectOrReject(v, a, lookupAttr: true, keep: true);
        f["rejectattr"] = (v, a) => SelectOrReject(v, a, lookupAttr: true, keep: false);
    }

    private static object? Map(object? value, CallArguments args)
    {
        Func<object?, object?> func;
        if (args.Positional.Count == 0 && args.Has("attribute"))
        {
            object? attribute = null, dflt = null;
            foreach (var kv in args.Named)
            {
                if (kv.Key == "attribute") attribute = kv.Value;
                else if (kv.Key == "default") dflt = kv.Value;
                else throw new TemplateRuntimeException($"Unexpected keyword argument {PyFormat.Repr(kv.Key)}");
            }
            func = AttrGetter(args, attribute, null, dflt);
        }
        else
        {
            if (args.Positional.Count == 0) throw new TemplateRuntimeException("map requires a filter argument");
            var name = Text(args.Positional[0]);
            var filter = GetFilter(args, name);
            var rest = new CallArguments(args.Positional.Skip(1).ToArray(), [.. args.Named], args.Context);
            func = item => filter(item, rest);
        }
        return Iter(value).Select(func).ToList();
    }

    private static object? SelectOrReject(object? value, CallArguments args, bool lookupAttr, bool keep)
    {
        Func<object?, object?>? trans = null;
        var off = 0;
        if (lookupAttr)
        {
            if (args.Positional.Count == 0) throw new TemplateRuntimeException("Missing parameter for attribute name");
            trans = AttrGetter(args, args.Positional[0]);
            off = 1;
        }
        TestFunction? test = null;
        var rest = default(CallArguments);
        if (args.Positional.Count > off)
        {
            test = GetTest(args, Text(args.Positional[off]));
            rest = RestArguments(args, off + 1);
        }
        var result = new List<object?>();
        foreach (var item in Iter(value))
        {
            var x = trans is null ? item : trans(item);
            if ((test is null ? PyOps.IsTrue(x) : test(x, rest)) == keep) result.Add(item);
        }
        return result;
    }

    // The arguments after the first `skip` positional ones, with the named ones, for the test a filter applies.
    private static CallArguments RestArguments(CallArguments args, int skip)
    {
        var count = args.Positional.Count - skip;
        var positional = count <= 0 ? [] : new object?[count];
        for (var i = 0; i < count; i++) positional[i] = args.Positional[skip + i];
        KeyValuePair<string, object?>[] named = args.Named.Count == 0 ? [] : [.. args.Named];
        return new CallArguments(positional, named, args.Context);
    }
}
