using System.Collections;
using System.Numerics;
using System.Text;
using Kida.Runtime.Members;
using Kida.Runtime.Values;

namespace Kida.Runtime.Filters;

// default, attr, tojson, pprint.
internal static partial class BuiltinFilters
{
    private static void RegisterMisc(IDictionary<string, FilterFunction> f)
    {
        f["default"] = f["d"] = Default;
        f["attr"] = Attr;
        f["tojson"] = ToJson;
        f["pprint"] = (v, _) => PyPrettyPrint.Format(v);
    }

    private static object? Default(object? value, CallArguments args)
    {
        var fallback = args.Get(0, "default_value", "");
        var boolean = args.GetBool(1, "boolean", false);
        if (value is Undefined) return fallback;
        if (boolean && !PyOps.IsTrue(value)) return fallback;
        return value;
    }

    /// <summary>Jinja2's attr: the attribute only, never a dict key; a miss is undefined.</summary>
    private static object? Attr(object? value, CallArguments args)
    {
        var name = Text(args.Get(0, "name"));
        var strict = Behavior(args);
        switch (value)
        {
            case Undefined { Chainable: true } chained: return chained;
            case Undefined u: throw u.ToException();
            case IPyAttributes pa:
                if (pa.TryGetAttribute(name, out var v)) return v;
                break;
            case null: break;
            default:
                if (PyMethods.Has(value, name)) return new BoundMethod(value, name);
                if (value is not (string or Markup or PyDict or PyTuple or IList or IDictionary or long or double or bool))
                {
                    var getter = MemberAccess.GetGetter(value.GetType(), name);
                    if (getter is not null) return ClrInterop.Normalize(getter(value));
                }
                // attr() is no way around the sandbox: .NET methods and reflection objects are refused here too.
                if (Sandbox.TryResolveGuarded(value, name, out var allowed)) return allowed;
                break;
        }
        return new Undefined(name, value, UndefinedKind.AttributeOrKey, strict);
    }

    private static object? ToJson(object? value, CallArguments args)
    {
        var indentArg = args.Get(0, "indent");
        string? indent = indentArg switch
        {
            null or Undefined => null,
            string s => s,
            Markup m => m.Value,
            _ => new string(' ', (int)Math.Max(0, PyOps.ToInt(indentArg))),
        };
        var sb = new StringBuilder();
        WriteJson(sb, value, indent, 0, 0);
        return new Markup(sb.ToString());
    }

    /// <summary>
    /// Python <c>json.dumps(value, sort_keys=True, indent=…)</c> with Jinja2's HTML-safe escapes; with
    /// <paramref name="kida"/>, Kida's <c>json.dumps(value, default=str)</c>: insertion order, plain escapes.
    /// </summary>
    internal static void WriteJson(StringBuilder sb, object? value, string? indent, int level, int depth, bool kida = false)
    {
        if (depth > 200) throw new TemplateRuntimeException("Circular reference detected");
        value = ClrInterop.Normalize(value);
        switch (value)
        {
            case null: sb.Append("null"); return;
            case bool b: sb.Append(b ? "true" : "false"); return;
            case long or BigInteger: sb.Append(PyFormat.Str(value)); return;
            case double d:
                sb.Append(double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : PyFormat.FormatFloat(d));
                return;
            case string or Markup: WriteJsonString(sb, Text(value), kida); return;
            case Undefined:
                if (!kida) throw new TemplateRuntimeException("Object of type Undefined is not JSON serializable");
                WriteJsonString(sb, PyFormat.Str(value), kida);
                return;
        }
        if (IsMapping(value))
        {
            var pairs = PyMethods.DictPairs(value!).ToList();
            if (pairs.Count == 0) { sb.Append("{}"); return; }
            var sorted = kida ? pairs.Select(p => (object?)p).ToList() : StableSort(pairs.Select(p => (object?)p), (a, b) =>
                CompareKeys(((KeyValuePair<object, object?>)a!).Key, ((KeyValuePair<object, object?>)b!).Key));
            sb.Append('{');
            var first = true;
            foreach (KeyValuePair<object, object?> kv in sorted.Cast<KeyValuePair<object, object?>>())
            {
                if (!first) sb.Append(indent is null ? ", " : ",");
                first = false;
                NewLine(sb, indent, level + 1);
                var key = kv.Key switch
                {
                    string s => s,
                    Markup m => m.Value,
                    bool b => b ? "true" : "false",
                    long or BigInteger or double => PyFormat.Str(kv.Key),
                    _ => throw new TemplateRuntimeException($"keys must be str, int, float, bool or None, not {PyFormat.TypeName(kv.Key)}"),
                };
                WriteJsonString(sb, key, kida);
                sb.Append(": ");
                WriteJson(sb, kv.Value, indent, level + 1, depth + 1, kida);
            }
            NewLine(sb, indent, level);
            sb.Append('}');
            return;
        }
        if (value is IEnumerable && value is not IPyAttributes || value is GroupTuple)
        {
            var items = PyOps.Iterate(value).ToList();
            if (items.Count == 0) { sb.Append("[]"); return; }
            sb.Append('[');
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0) sb.Append(indent is null ? ", " : ",");
                NewLine(sb, indent, level + 1);
                WriteJson(sb, items[i], indent, level + 1, depth + 1, kida);
            }
            NewLine(sb, indent, level);
            sb.Append(']');
            return;
        }
        if (kida && value is IPyObject or IPyAttributes or Delegate)
        {
            WriteJsonString(sb, PyFormat.Str(value), kida);
            return;
        }
        if (value is IPyObject or IPyAttributes or Delegate)
            throw new TemplateRuntimeException($"Object of type {PyFormat.TypeName(value)} is not JSON serializable");
        // A plain .NET object: serialise its public properties, like a dict.
        WriteJson(sb, ClrInterop.ToPyDict(value!), indent, level, depth + 1, kida);
    }

    private static void NewLine(StringBuilder sb, string? indent, int level)
    {
        if (indent is null) return;
        sb.Append('\n');
        for (var i = 0; i < level; i++) sb.Append(indent);
    }

    private static void WriteJsonString(StringBuilder sb, string s, bool kida = false)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '<' or '>' or '&' or '\'' when !kida:
                    sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20 || c > 0x7e) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
