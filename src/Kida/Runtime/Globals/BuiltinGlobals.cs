using Kida.Runtime.Values;

namespace Kida.Runtime.Globals;

/// <summary>Registers the builtin global functions and objects (LANGUAGE.md §8): range, dict, cycler, joiner, namespace, …</summary>
internal static partial class BuiltinGlobals
{
    /// <summary>The globals Jinja2 has: <c>range dict cycler joiner namespace lipsum</c>.</summary>
    public static void Register(IDictionary<string, object?> globals)
    {
        globals["range"] = (TemplateFunction)Range;
        globals["dict"] = (TemplateFunction)(args => MakeDict(args, "dict"));
        globals["cycler"] = (TemplateFunction)(args =>
        {
            if (args.Named.Count > 0) throw new TemplateRuntimeException($"cycler() got an unexpected keyword argument '{args.Named[0].Key}'");
            return new Cycler([.. args.Positional]);
        });
        globals["joiner"] = (TemplateFunction)(args => new Joiner(args.GetString(0, "sep", ", ")!));
        globals["namespace"] = (TemplateFunction)(args =>
        {
            var ns = new Namespace();
            foreach (var kv in MakeDict(args, "namespace")) ns.Set(PyFormat.Str(kv.Key), kv.Value);
            return ns;
        });
        globals["lipsum"] = (TemplateFunction)(args => Lipsum.Generate(
            (int)args.GetInt(0, "n", 5), args.GetBool(1, "html", true), (int)args.GetInt(2, "min", 20), (int)args.GetInt(3, "max", 100)));
    }

    /// <summary>
    /// <c>raise_exception(message)</c> as HuggingFace chat templates expect it. Not registered by default; opt in with
    /// <c>env.AddGlobal("raise_exception", BuiltinGlobals.RaiseException)</c>.
    /// </summary>
    public static readonly TemplateFunction RaiseException = args =>
        throw new TemplateRuntimeException(args.GetString(0, "message", "") ?? "");

    private static object? Range(CallArguments args)
    {
        if (args.Named.Count > 0) throw new TemplateRuntimeException("range() takes no keyword arguments");
        var p = args.Positional;
        long Int(object? v) => ClrInterop.Normalize(v) switch
        {
            long l => l,
            bool b => b ? 1 : 0,
            Undefined u => throw u.ToException(),
            var other => throw new TemplateRuntimeException($"'{PyFormat.TypeName(other)}' object cannot be interpreted as an integer"),
        };
        var max = args.Context?.Environment.Options.MaxRangeSize ?? PyRange.MaxItems;
        return p.Count switch
        {
            0 => throw new TemplateRuntimeException("range expected at least 1 argument, got 0"),
            1 => new PyRange(0, Int(p[0]), 1, max),
            2 => new PyRange(Int(p[0]), Int(p[1]), 1, max),
            3 => new PyRange(Int(p[0]), Int(p[1]), Int(p[2]), max),
            _ => throw new TemplateRuntimeException($"range expected at most 3 arguments, got {p.Count}"),
        };
    }

    /// <summary>Python <c>dict(mapping_or_pairs, **kw)</c>.</summary>
    private static PyDict MakeDict(CallArguments args, string name)
    {
        var d = new PyDict();
        if (args.Positional.Count > 1) throw new TemplateRuntimeException($"{name} expected at most 1 argument, got {args.Positional.Count}");
        if (args.Positional.Count == 1)
        {
            var src = args.Positional[0];
            if (src is PyDict or System.Collections.IDictionary || (src is not string && ClrInterop.TryAsReadOnlyStringDictionary(src, out _)))
                foreach (var kv in PyMethods.DictPairs(src!)) d[kv.Key] = kv.Value;
            else
                foreach (var item in PyOps.Iterate(src))
                {
                    var pair = PyOps.ToList(item);
                    if (pair.Count != 2)
                        throw new TemplateRuntimeException($"dictionary update sequence element has length {pair.Count}; 2 is required");
                    d[pair[0] ?? throw new TemplateRuntimeException("None is not a supported dict key")] = pair[1];
                }
        }
        foreach (var kv in args.Named) d[kv.Key] = kv.Value;
        return d;
    }
}
