using Kida.Runtime.Filters;
using Kida.Runtime.Globals;
using Kida.Runtime.Tests;
using Kida.Diagnostics;
using Kida.Runtime.Values;

namespace Kida.Tests.Runtime;

/// <summary>Calls the builtin filters, tests and globals directly, without a template.</summary>
internal static class R
{
    public static readonly Dictionary<string, FilterFunction> Filters = Build<FilterFunction>(BuiltinFilters.Register);
    public static readonly Dictionary<string, TestFunction> Tests = Build<TestFunction>(BuiltinTests.Register);
    public static readonly Dictionary<string, object?> Globals = Build<object?>(BuiltinGlobals.Register);

    private static Dictionary<string, T> Build<T>(Action<IDictionary<string, T>> register)
    {
        var d = new Dictionary<string, T>(StringComparer.Ordinal);
        register(d);
        return d;
    }

    public static object? Filter(string name, object? value, params object?[] args) =>
        Filters[name](value, new CallArguments(args));

    public static object? FilterKw(string name, object? value, object?[] args, params (string Key, object? Value)[] named) =>
        Filters[name](value, new CallArguments(args, named.Select(n => new KeyValuePair<string, object?>(n.Key, n.Value)).ToArray()));

    /// <summary>The filter's result as the template would print it (Python str()).</summary>
    public static string F(string name, object? value, params object?[] args) => PyFormat.Str(Filter(name, value, args));

    public static string FKw(string name, object? value, object?[] args, params (string Key, object? Value)[] named) =>
        PyFormat.Str(FilterKw(name, value, args, named));

    /// <summary>Calls a filter as an autoescaping template would.</summary>
    public static object? FilterAe(string name, object? value, params object?[] args) =>
        Filters[name](value, new CallArguments(args, null, Context(autoescape: true)));

    public static Kida.Runtime.RenderContext Context(bool autoescape = false, TemplateEnvironment? env = null) =>
        new(env ?? new TemplateEnvironment(), Kida.Runtime.VariableSource.Empty, new Kida.Runtime.Output.OutputBuffer(), CancellationToken.None) { Autoescape = autoescape };

    public static bool Test(string name, object? value, params object?[] args) => Tests[name](value, new CallArguments(args));

    public static object? Call(string global, params object?[] args) => ((TemplateFunction)Globals[global]!)(new CallArguments(args));

    public static object? CallKw(string global, object?[] args, params (string Key, object? Value)[] named) =>
        ((TemplateFunction)Globals[global]!)(new CallArguments(args, named.Select(n => new KeyValuePair<string, object?>(n.Key, n.Value)).ToArray()));

    public static object? Method(object? target, string name, params object?[] args)
    {
        Assert.True(PyMethods.TryCall(target, name, new CallArguments(args), out var result), $"no method {name}");
        return result;
    }

    public static string M(object? target, string name, params object?[] args) => PyFormat.Str(Method(target, name, args));

    public static List<object?> L(params object?[] items) => [.. items];

    public static PyDict D(params (object Key, object? Value)[] items)
    {
        var d = new PyDict();
        foreach (var (k, v) in items) d[k] = v;
        return d;
    }

    public static PyTuple T(params object?[] items) => new(items);

    public static Undefined Undef => new("x", null, UndefinedKind.Variable);

    public static Undefined StrictUndef => new("x", null, UndefinedKind.Variable, strict: true);
}
