using System.Collections;

namespace Kida.Runtime.Values;

/// <summary>
/// The Python methods templates may call on builtin values (LANGUAGE.md §3.1): dict <c>items keys values get</c>,
/// str <c>upper lower … format</c>, list <c>index count</c>. Nothing else is reachable.
/// </summary>
internal static partial class PyMethods
{
    /// <summary>True when <paramref name="name"/> is a Python method of this value's type.</summary>
    public static bool Has(object? target, string name) => target switch
    {
        string or Markup => IsStrMethod(name),
        List<object?> => IsListMethod(name),
        PyTuple or ITupleLike => name is "index" or "count",
        PyDict or IDictionary => IsDictMethod(name),
        null or Undefined or IPyAttributes => false,
        _ when ClrInterop.TryAsReadOnlyStringDictionary(target, out _) => IsDictMethod(name),
        IList => name is "index" or "count",
        _ => false,
    };

    /// <summary>Calls the method; false when the value has no such method.</summary>
    public static bool TryCall(object? target, string name, CallArguments args, out object? result)
    {
        result = null;
        CheckMutation(target, name, args);
        switch (target)
        {
            case string s:
                return TryCallStr(s, name, args, out result);
            case Markup m:
                return TryCallMarkup(m, name, args, out result);
            case List<object?> list:
                return TryCallList(list, name, args, out result);
            case PyTuple or ITupleLike:
                return TryCallSequence((IEnumerable)target, name, args, out result);
            case null or Undefined or IPyAttributes:
                return false;
            case PyDict or IDictionary:
                return TryCallDict(target, name, args, out result);
        }
        if (ClrInterop.TryAsReadOnlyStringDictionary(target, out _)) return TryCallDict(target, name, args, out result);
        if (target is IList il) return TryCallSequence(il, name, args, out result);
        return false;
    }

    private static TemplateRuntimeException ArgCount(string name, int min, int max, int given)
    {
        if (min == max) return new TemplateRuntimeException($"{name}() takes exactly {Plural(min, "argument")} ({given} given)");
        if (given < min) return new TemplateRuntimeException($"{name}() takes at least {Plural(min, "argument")} ({given} given)");
        return new TemplateRuntimeException($"{name}() takes at most {Plural(max, "argument")} ({given} given)");
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";

    private static void Arity(string name, CallArguments args, int min, int max)
    {
        var n = args.Count;
        if (n < min || n > max) throw ArgCount(name, min, max, n);
    }
}

/// <summary>Marker for runtime tuple-like objects that expose tuple methods (e.g. groupby's groups).</summary>
/// <remarks>
/// A type that carries it gets the tuple methods <c>.count(x)</c> and <c>.index(x)</c> in templates. It must also be
/// enumerable (<see cref="System.Collections.IEnumerable"/>): the methods run over its items.
/// </remarks>
public interface ITupleLike;
