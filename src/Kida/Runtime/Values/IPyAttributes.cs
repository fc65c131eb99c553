namespace Kida.Runtime.Values;

/// <summary>A runtime object whose attributes templates may read (loop, namespace, cycler, imported module…).</summary>
public interface IPyAttributes
{
    bool TryGetAttribute(string name, out object? value);
}

/// <summary>A runtime object templates may call (macros, bound methods, registered functions).</summary>
public interface IPyCallable
{
    object? Call(CallArguments args);
}

/// <summary>A Python method looked up on a builtin value and not yet called (<c>d.items</c> without parentheses).</summary>
internal sealed class BoundMethod(object target, string name) : IPyObject, IPyCallable
{
    public object Target { get; } = target;
    public string Name { get; } = name;
    public string PyTypeName => "builtin_function_or_method";
    public string PyStr() => $"<built-in method {Name} of {PyFormat.TypeName(Target)} object>";

    public object? Call(CallArguments args)
    {
        if (PyMethods.TryCall(Target, Name, args, out var result)) return result;
        throw new TemplateRuntimeException($"'{PyFormat.TypeName(Target)}' object has no attribute '{Name}'");
    }
}

/// <summary>An object whose attributes <c>{% set obj.attr = … %}</c> may assign (Jinja2's <c>namespace</c>).</summary>
public interface IPyMutableAttributes : IPyAttributes
{
    void SetAttribute(string name, object? value);
}
