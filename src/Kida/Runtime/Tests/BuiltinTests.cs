using System.Collections;
using System.Numerics;
using System.Text.RegularExpressions;
using Kida.Runtime.Members;
using Kida.Runtime.Values;

namespace Kida.Runtime.Tests;

/// <summary>Registers every builtin test (LANGUAGE.md §7).</summary>
internal static partial class BuiltinTests
{
    public static void Register(IDictionary<string, TestFunction> tests)
    {
        tests["defined"] = (v, _) => v is not Undefined;
        tests["undefined"] = (v, _) => v is Undefined;
        tests["none"] = (v, _) => v is null;
        tests["true"] = (v, _) => v is true;
        tests["false"] = (v, _) => v is false;
        tests["boolean"] = (v, _) => v is bool;
        tests["integer"] = (v, _) => ClrInterop.Normalize(v) is long or BigInteger;
        tests["float"] = (v, _) => ClrInterop.Normalize(v) is double;
        tests["number"] = (v, _) => ClrInterop.Normalize(v) is long or double or bool or BigInteger;
        tests["string"] = (v, _) => v is string or Markup;
        tests["escaped"] = (v, _) => v is Markup;
        tests["mapping"] = (v, _) => IsMapping(v);
        tests["iterable"] = (v, _) => IsIterable(v);
        tests["sequence"] = (v, _) => IsSequence(v);
        tests["callable"] = (v, _) => v is Delegate or IPyCallable or Undefined;
        tests["lower"] = (v, _) => Islower(PyFormat.Str(v));
        tests["upper"] = (v, _) => Isupper(PyFormat.Str(v));
        tests["even"] = (v, _) => v is long l ? (l & 1) == 0 : PyOps.Eq(PyOps.Mod(Num(v), 2L), 0L);
        tests["odd"] = (v, _) => v is long l ? (l & 1) != 0 : PyOps.Eq(PyOps.Mod(Num(v), 2L), 1L);
        tests["divisibleby"] = (v, a) => PyOps.Eq(PyOps.Mod(Num(v), Num(Arg(a, "num"))), 0L);
        tests["eq"] = tests["equalto"] = tests["=="] = (v, a) => PyOps.Eq(v, Arg(a, "other"));
        tests["ne"] = tests["!="] = (v, a) => !PyOps.Eq(v, Arg(a, "other"));
        tests["gt"] = tests["greaterthan"] = tests[">"] = (v, a) => PyOps.Compare(v, Arg(a, "other"), ">") > 0;
        tests["ge"] = tests[">="] = (v, a) => PyOps.Compare(v, Arg(a, "other"), ">=") >= 0;
        tests["lt"] = tests["lessthan"] = tests["<"] = (v, a) => PyOps.Compare(v, Arg(a, "other"), "<") < 0;
        tests["le"] = tests["<="] = (v, a) => PyOps.Compare(v, Arg(a, "other"), "<=") <= 0;
        tests["in"] = (v, a) => PyOps.Contains(Arg(a, "seq"), v);
        tests["sameas"] = (v, a) => SameAs(v, Arg(a, "other"));
        tests["filter"] = (v, a) => v is string name && (a.Context is { } c ? c.Environment.Filters.ContainsKey(name) : DefaultHas(name, true));
        tests["test"] = (v, a) => v is string name && (a.Context is { } c ? c.Environment.Tests.ContainsKey(name) : DefaultHas(name, false));
        // Kida additions.
        tests["match"] = Match;
        tests["hx_request"] = (v, a) => HeaderEquals(v, a, "HX-Request", "true");
        tests["hx_boosted"] = (v, a) => HeaderEquals(v, a, "HX-Boosted", "true");
        tests["hx_target"] = (v, a) => HeaderEquals(v, a, "HX-Target", a.GetString(0, "id", null));
    }

    private static object? Arg(CallArguments args, string name)
    {
        if (!args.TryGet(0, name, out var v))
            throw new TemplateRuntimeException($"missing 1 required positional argument: '{name}'");
        return v;
    }

    private static object? Num(object? v) => v is Undefined u ? throw u.ToException() : v;

    private static bool DefaultHas(string name, bool filter)
    {
        if (filter)
        {
            var f = new Dictionary<string, FilterFunction>();
            Filters.BuiltinFilters.Register(f);
            return f.ContainsKey(name);
        }
        var t = new Dictionary<string, TestFunction>();
        Register(t);
        return t.ContainsKey(name);
    }

    private static bool IsMapping(object? v) =>
        v is PyDict or IDictionary || (v is not null and not string and not Markup && ClrInterop.TryAsReadOnlyStringDictionary(v, out _));

    private static bool IsIterable(object? v) => v switch
    {
        null => false,
        string or Markup => true,
        Undefined u => u.Strict ? throw u.ToException() : true,
        IEnumerable => true,
        _ => !ReferenceEquals(ClrInterop.Normalize(v), v) && IsIterable(ClrInterop.Normalize(v)),
    };

    /// <summary>Jinja2's sequence test: has a length and supports indexing (str, list, tuple, dict …).</summary>
    private static bool IsSequence(object? v) => v switch
    {
        null => false,
        string or Markup or ICollection => true,
        Undefined u => !u.Strict,
        _ => ClrInterop.TryGetCount(v, out _),
    };

    private static bool SameAs(object? a, object? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        // Python caches small ints, True/False and interned strings; boxed .NET values compare by value here.
        return a switch
        {
            bool x => b is bool y && x == y,
            long x => b is long y && x == y && x is >= -5 and <= 256,
            _ => false,
        };
    }

    private static bool Islower(string s)
    {
        var cased = false;
        foreach (var c in s)
        {
            if (char.IsUpper(c)) return false;
            if (char.IsLower(c)) cased = true;
        }
        return cased;
    }

    private static bool Isupper(string s)
    {
        var cased = false;
        foreach (var c in s)
        {
            if (char.IsLower(c)) return false;
            if (char.IsUpper(c)) cased = true;
        }
        return cased;
    }

    private static bool Match(object? value, CallArguments args)
    {
        if (value is null or Undefined) return false;
        var pattern = args.GetString(0, "pattern", null) ?? throw new TemplateRuntimeException("match test requires a pattern");
        try
        {
            return Regex.Match(PyFormat.Str(value), @"\G(?:" + pattern + ")", RegexOptions.None, TimeSpan.FromSeconds(1)).Success;
        }
        catch (ArgumentException e)
        {
            throw new TemplateRuntimeException($"invalid regular expression {PyFormat.Repr(pattern)}: {e.Message}");
        }
        catch (RegexMatchTimeoutException)
        {
            throw new TemplateRuntimeException($"regular expression {PyFormat.Repr(pattern)} timed out");
        }
    }

    /// <summary>
    /// htmx helpers: the tested value is a request, a header mapping, or (when undefined) the environment global
    /// <c>request</c>; headers are read from its <c>headers</c> attribute or from the value itself, case-insensitively.
    /// </summary>
    private static bool HeaderEquals(object? value, CallArguments args, string header, string? expected)
    {
        if (value is null or Undefined && args.Context is { } ctx)
            ctx.Environment.Globals.TryGetValue("request", out value);
        if (value is null or Undefined) return false;
        var headers = value;
        var nested = MemberAccess.GetAttr(value, "headers", false);
        if (nested is not Undefined and not null and not BoundMethod) headers = nested;
        if (!IsMapping(headers)) return false;
        if (headers is Undefined or null) return false;
        foreach (var kv in PyMethods.DictPairs(headers))
        {
            if (!string.Equals(PyFormat.Str(kv.Key), header, StringComparison.OrdinalIgnoreCase)) continue;
            var actual = kv.Value is IEnumerable and not string ? string.Join(",", PyOps.Iterate(kv.Value).Select(PyFormat.Str)) : PyFormat.Str(kv.Value);
            return expected is null ? actual.Length > 0 : string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase) || (header != "HX-Target" ? false : actual == "#" + expected);
        }
        return false;
    }
}
