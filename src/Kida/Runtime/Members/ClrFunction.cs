using System.Reflection;
using Kida.Runtime.Values;

namespace Kida.Runtime.Members;

/// <summary>
/// An ordinary typed .NET delegate (<c>Func&lt;int, int&gt;</c>, a method group, a custom delegate) that the host
/// registered as a global, filter or test, callable from templates with Python's calling rules: positional and keyword
/// arguments by parameter name, defaults of optional parameters, <c>params</c> arrays, and template values converted
/// to the parameter types (<see cref="ClrArgumentConverter"/>). Everything about the signature is worked out once, in
/// <see cref="Create"/>; a call converts, binds and invokes through a cached <see cref="MethodInvoker"/>.
/// Delegates found in template data never become one of these: the sandbox still refuses to call them.
/// </summary>
internal sealed class ClrFunction : IPyCallable, IPyObject
{
    private sealed record Parameter(string Name, ClrArgumentConverter Converter, bool HasDefault, object? Default, string Label);

    private readonly string _name;
    private readonly Delegate _delegate;
    private readonly MethodInvoker? _invoker;    // null for a multicast delegate (invoked with DynamicInvoke)
    private readonly object? _target;
    private readonly bool _closedStatic;         // a static method bound to its first argument (extension-method delegate)
    private readonly Parameter[] _parameters;    // every parameter but the params array
    private readonly int _required;
    private readonly ClrArgumentConverter? _rest; // the params array's element plan
    private readonly string? _restLabel;
    private readonly Type? _restArrayType;
    private readonly Array? _emptyRest;

    private ClrFunction(string name, Delegate d, MethodInfo method, ParameterInfo[] parameters, ParameterInfo[] invokeParameters)
    {
        _name = name;
        _delegate = d;
        _closedStatic = method.IsStatic && d.Target is not null;
        _target = method.IsStatic ? null : d.Target;
        if (d.HasSingleTarget) _invoker = MethodInvoker.Create(method);
        var list = new List<Parameter>(parameters.Length);
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            var fromInvoke = i < invokeParameters.Length ? invokeParameters[i] : null;
            var pname = string.IsNullOrEmpty(p.Name) ? fromInvoke?.Name ?? $"arg{i}" : p.Name;
            var isLast = i == parameters.Length - 1;
            var converter = ClrArgumentConverter.For(p.ParameterType, out var refusal)
                ?? throw new ArgumentException($"'{name}' cannot be called from templates: parameter '{pname}' {refusal}.", nameof(d));
            if (isLast && p.ParameterType.IsArray && (p.IsDefined(typeof(ParamArrayAttribute)) || fromInvoke?.IsDefined(typeof(ParamArrayAttribute)) == true))
            {
                _rest = ClrArgumentConverter.For(p.ParameterType.GetElementType()!, out refusal)
                    ?? throw new ArgumentException($"'{name}' cannot be called from templates: parameter '{pname}' {refusal}.", nameof(d));
                _restLabel = $"{name}(): parameter '{pname}'";
                _restArrayType = p.ParameterType;
                _emptyRest = Array.CreateInstanceFromArrayType(p.ParameterType, 0);
                break;
            }
            var source = p.HasDefaultValue ? p : fromInvoke is { HasDefaultValue: true } ? fromInvoke : null;
            var dflt = source?.DefaultValue;
            var ptype = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
            if (dflt is not null && ptype.IsEnum && dflt.GetType() != ptype) dflt = Enum.ToObject(ptype, dflt);
            list.Add(new Parameter(pname, converter, source is not null, dflt, $"{name}(): parameter '{pname}'"));
        }
        _parameters = [.. list];
        _required = _parameters.Count(p => !p.HasDefault);
    }

    /// <summary>
    /// Builds the adapter for <paramref name="d"/>, or throws <see cref="ArgumentException"/> naming why its signature
    /// cannot be called from templates (by-ref, pointer or ref-struct parameters or return, an open generic method).
    /// <paramref name="leading"/> parameters must exist (1 for a filter's value, a test's value).
    /// </summary>
    public static ClrFunction Create(string name, Delegate d, int leading = 0, bool mustReturnBool = false, string kind = "function")
    {
        ArgumentNullException.ThrowIfNull(d);
        var method = d.Method;
        if (method.ContainsGenericParameters)
            throw new ArgumentException($"{kind} '{name}' cannot be called from templates: '{method.Name}' is an open generic method.", nameof(d));
        var ret = method.ReturnType;
        if (ret.IsByRef || ret.IsPointer || ret.IsByRefLike)
            throw new ArgumentException($"{kind} '{name}' cannot be called from templates: it returns {(ret.IsByRef ? "by reference" : ret.IsPointer ? "a pointer" : "a ref struct")}.", nameof(d));
        if (mustReturnBool && ret != typeof(bool))
            throw new ArgumentException($"test '{name}' must return bool, not {ClrArgumentConverter.CSharpName(ret)}.", nameof(d));
        var parameters = method.GetParameters();
        if (method.IsStatic && d.Target is not null) parameters = parameters[1..];
        var invokeParameters = d.GetType().GetMethod("Invoke")?.GetParameters() ?? [];
        if (parameters.Length < leading)
            throw new ArgumentException($"{kind} '{name}' must take the {(kind == "test" ? "tested" : "filtered")} value as its first parameter.", nameof(d));
        return new ClrFunction(name, d, method, parameters, invokeParameters);
    }

    /// <inheritdoc/>
    public string PyTypeName => "function";

    /// <inheritdoc/>
    public string PyStr() => $"<function {_name}>";

    /// <summary>Calls the delegate with template arguments.</summary>
    public object? Call(CallArguments args) => Invoke(null, false, args);

    /// <summary>A filter's call: <paramref name="value"/> is the first positional argument.</summary>
    public object? CallWithValue(object? value, CallArguments args) => Invoke(value, true, args);

    private object? Invoke(object? first, bool hasFirst, CallArguments args)
    {
        var positional = args.Positional;
        var given = positional.Count + (hasFirst ? 1 : 0);
        var regular = _parameters.Length;
        if (given > regular && _rest is null) throw TooMany(given);
        var offset = _closedStatic ? 1 : 0;
        var slots = new object?[offset + regular + (_rest is null ? 0 : 1)];
        if (_closedStatic) slots[0] = _delegate.Target;
        Span<bool> filled = regular <= 32 ? stackalloc bool[regular] : new bool[regular];
        var bound = Math.Min(given, regular);
        for (var i = 0; i < bound; i++)
        {
            var value = hasFirst ? (i == 0 ? first : positional[i - 1]) : positional[i];
            slots[offset + i] = Convert(_parameters[i], value);
            filled[i] = true;
        }
        if (_rest is not null)
        {
            if (given > regular)
            {
                var rest = Array.CreateInstanceFromArrayType(_restArrayType!, given - regular);
                for (var i = regular; i < given; i++)
                {
                    var value = hasFirst ? (i == 0 ? first : positional[i - 1]) : positional[i];
                    if (!_rest.TryConvert(value, $"{_restLabel} item {i - regular}", out var converted, out var problem))
                        throw new TemplateRuntimeException(problem);
                    rest.SetValue(converted, i - regular);
                }
                slots[offset + regular] = rest;
            }
            else
            {
                slots[offset + regular] = _emptyRest;
            }
        }
        foreach (var (key, value) in args.Named)
        {
            var index = IndexOf(key);
            if (index < 0) throw new TemplateRuntimeException($"{_name}() got an unexpected keyword argument '{key}'");
            if (filled[index]) throw new TemplateRuntimeException($"{_name}() got multiple values for argument '{key}'");
            slots[offset + index] = Convert(_parameters[index], value);
            filled[index] = true;
        }
        List<string>? missing = null;
        for (var i = 0; i < regular; i++)
        {
            if (filled[i]) continue;
            var p = _parameters[i];
            if (p.HasDefault) slots[offset + i] = p.Default;
            else (missing ??= []).Add(p.Name);
        }
        if (missing is not null) throw Missing(missing);
        return ClrInterop.Normalize(Run(slots));
    }

    private object? Run(object?[] slots)
    {
        try
        {
            return _invoker is not null ? _invoker.Invoke(_target, slots.AsSpan()) : _delegate.DynamicInvoke(slots);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw Failed(e.InnerException);
        }
        catch (Exception e) when (e is not TemplateException and not OperationCanceledException)
        {
            throw Failed(e);
        }
    }

    private Exception Failed(Exception inner) => inner is TemplateException or OperationCanceledException
        ? inner
        : new TemplateRuntimeException($"{_name}() failed: {inner.GetType().Name}: {inner.Message}", inner);

    private static object? Convert(Parameter p, object? value) =>
        p.Converter.TryConvert(value, p.Label, out var converted, out var problem) ? converted : throw new TemplateRuntimeException(problem);

    private int IndexOf(string name)
    {
        for (var i = 0; i < _parameters.Length; i++)
            if (_parameters[i].Name == name) return i;
        return -1;
    }

    private TemplateRuntimeException TooMany(int given)
    {
        var regular = _parameters.Length;
        var takes = _required == regular ? $"{regular} positional argument{(regular == 1 ? "" : "s")}" : $"from {_required} to {regular} positional arguments";
        return new TemplateRuntimeException($"{_name}() takes {takes} but {given} {(given == 1 ? "was" : "were")} given");
    }

    private TemplateRuntimeException Missing(List<string> names)
    {
        var quoted = names.Select(n => $"'{n}'").ToList();
        var list = quoted.Count switch
        {
            1 => quoted[0],
            2 => $"{quoted[0]} and {quoted[1]}",
            _ => string.Join(", ", quoted[..^1]) + ", and " + quoted[^1],
        };
        return new TemplateRuntimeException($"{_name}() missing {names.Count} required positional argument{(names.Count == 1 ? "" : "s")}: {list}");
    }
}
