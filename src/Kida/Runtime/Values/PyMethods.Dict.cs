using System.Collections;

namespace Kida.Runtime.Values;

internal static partial class PyMethods
{
    private static bool IsDictMethod(string name) =>
        name is "items" or "keys" or "values" or "get" or "pop" or "setdefault" or "update" or "copy";

    /// <summary>The (key, value) pairs of any dict-like value, keys and values normalized, in order.</summary>
    public static IEnumerable<KeyValuePair<object, object?>> DictPairs(object dict)
    {
        switch (dict)
        {
            case PyDict d:
                foreach (var kv in d) yield return kv;
                yield break;
            case IDictionary nd:
                foreach (DictionaryEntry e in nd) yield return new(ClrInterop.Normalize(e.Key)!, ClrInterop.Normalize(e.Value));
                yield break;
        }
        if (ClrInterop.TryAsReadOnlyStringDictionary(dict, out var sd))
            foreach (var kv in sd) yield return new(kv.Key, ClrInterop.Normalize(kv.Value));
    }

    private static bool TryDictGet(object dict, object? key, out object? value)
    {
        value = null;
        if (key is null) return false;
        switch (dict)
        {
            case PyDict d: return d.TryGetValue(key, out value);
            case IDictionary nd:
                if (!nd.Contains(key)) return false;
                value = ClrInterop.Normalize(nd[key]);
                return true;
        }
        if (ClrInterop.TryAsReadOnlyStringDictionary(dict, out var sd) && key is string k && sd.TryGetValue(k, out var v))
        {
            value = ClrInterop.Normalize(v);
            return true;
        }
        return false;
    }

    private static bool TryCallDict(object dict, string name, CallArguments args, out object? result)
    {
        result = null;
        switch (name)
        {
            case "items":
                Arity(name, args, 0, 0);
                result = DictPairs(dict).Select(kv => (object?)new PyTuple(kv.Key, kv.Value)).ToList();
                return true;
            case "keys":
                Arity(name, args, 0, 0);
                result = DictPairs(dict).Select(kv => (object?)kv.Key).ToList();
                return true;
            case "values":
                Arity(name, args, 0, 0);
                result = DictPairs(dict).Select(kv => kv.Value).ToList();
                return true;
            case "get":
                Arity(name, args, 1, 2);
                result = TryDictGet(dict, args.Get(0, "key"), out var v) ? v : args.Get(1, "default");
                return true;
            case "copy":
                Arity(name, args, 0, 0);
                var copy = new PyDict();
                foreach (var kv in DictPairs(dict)) copy[kv.Key] = kv.Value;
                result = copy;
                return true;
            case "pop":
            {
                Arity(name, args, 1, 2);
                var key = args.Get(0, "key");
                if (TryDictGet(dict, key, out var pv))
                {
                    Mutable(dict).Remove(key!);
                    result = pv;
                    return true;
                }
                if (args.TryGet(1, "default", out var dflt)) { result = dflt; return true; }
                throw new TemplateRuntimeException(PyFormat.Repr(key));
            }
            case "setdefault":
            {
                Arity(name, args, 1, 2);
                var key = args.Get(0, "key") ?? throw new TemplateRuntimeException("None is not a supported dict key");
                if (TryDictGet(dict, key, out var sv)) { result = sv; return true; }
                result = args.Get(1, "default");
                Mutable(dict)[key] = result;
                return true;
            }
            case "update":
            {
                var target = Mutable(dict);
                if (args.Positional.Count > 1) throw ArgCount(name, 0, 1, args.Positional.Count);
                if (args.Positional.Count == 1)
                {
                    var other = args.Positional[0];
                    if (other is PyDict or IDictionary || ClrInterop.TryAsReadOnlyStringDictionary(other, out _))
                        foreach (var kv in DictPairs(other!)) target[kv.Key] = kv.Value;
                    else
                        foreach (var pair in PyOps.Iterate(other))
                        {
                            var p = PyOps.ToList(pair);
                            if (p.Count != 2) throw new TemplateRuntimeException("dictionary update sequence element has wrong length");
                            target[p[0] ?? throw new TemplateRuntimeException("None is not a supported dict key")] = p[1];
                        }
                }
                foreach (var kv in args.Named) target[kv.Key] = kv.Value;
                result = null;
                return true;
            }
        }
        return false;
    }

    private static IDictionary<object, object?> Mutable(object dict) => dict switch
    {
        PyDict d => d,
        _ => throw new TemplateRuntimeException($"'{PyFormat.TypeName(dict)}' object does not support item assignment"),
    };
}
