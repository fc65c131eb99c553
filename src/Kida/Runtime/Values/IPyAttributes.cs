namespace Kida.Runtime.Values;

/// <summary>A runtime object whose attributes templates may read (loop, namespace, cycler, imported module…).</summary>
/// <remarks>
/// <para>
/// Implement it on a host type to decide exactly what <c>{{ obj.name }}</c>, <c>{{ obj["name"] }}</c> and the
/// <c>attr</c> filter see: for such an object the engine asks only <see cref="TryGetAttribute"/> and never reads
/// its .NET properties or fields by reflection. It is Python's <c>__getattr__</c>. Whatever the method returns reaches
/// the template as is, so return template values (see <see cref="CallArguments"/>) and nothing you would not let
/// a template author touch.
/// </para>
/// <para>
/// An object shared between renders (a global, a cached model) is read from many threads at once: keep
/// <see cref="TryGetAttribute"/> free of unsynchronised mutation.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// sealed class Settings(IReadOnlyDictionary&lt;string, string&gt; values) : IPyAttributes
/// {
///     public bool TryGetAttribute(string name, out object? value)
///     {
///         var found = values.TryGetValue(name, out var text);
///         value = text;
///         return found;
///     }
/// }
/// // {{ settings.site_name }}; {{ settings.missing }} is undefined ("" unless strict)
/// </code>
/// </example>
public interface IPyAttributes
{
    /// <summary>Looks up the attribute <paramref name="name"/> (<c>obj.name</c>).</summary>
    /// <param name="name">The attribute name exactly as the template wrote it (case-sensitive).</param>
    /// <param name="value">The attribute's value when found; a callable attribute such as <c>obj.next</c> should be an
    /// <see cref="IPyCallable"/>.</param>
    /// <returns><see langword="true"/> when the object has the attribute. On <see langword="false"/> the template sees an
    /// <see cref="Undefined"/> (an error under <c>StrictUndefined</c>), as Jinja2 does for a missing attribute.</returns>
    bool TryGetAttribute(string name, out object? value);
}

/// <summary>A runtime object templates may call (macros, bound methods, registered functions).</summary>
/// <remarks>
/// A template may call an <see cref="IPyCallable"/> it finds anywhere — a global, a context value, an attribute
/// (<c>{{ obj.method(1) }}</c>) — as Python calls an object with <c>__call__</c>. Plain .NET delegates found in the context
/// are refused with a <see cref="TemplateSecurityException"/>; implement this interface or register a
/// <see cref="TemplateFunction"/> instead. A filter that receives one (a macro, <c>joiner()</c>, <c>loop</c>) may call it,
/// but see <see cref="Kida.Runtime.Macro"/>: a macro only runs while its template renders.
/// </remarks>
/// <example>
/// <code>
/// sealed class Counter : IPyCallable
/// {
///     private long _n;
///     public object? Call(CallArguments args) => Interlocked.Add(ref _n, args.GetInt(0, "step", 1));
/// }
/// // {{ counter() }} {{ counter(step=10) }} -> 1 11 (for a fresh Counter in the context)
/// </code>
/// </example>
public interface IPyCallable
{
    /// <summary>Calls the object: <c>obj(args)</c> in a template.</summary>
    /// <param name="args">The call's positional and named arguments.</param>
    /// <returns>The call's value, a template value (<see langword="null"/> prints as <c>None</c>).</returns>
    /// <exception cref="TemplateRuntimeException">Implementations throw it for bad arguments; the engine adds the
    /// template name, line and column.</exception>
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
/// <remarks>
/// Jinja2 lets templates assign attributes of a <c>namespace()</c> only; this interface opens the same door for a host
/// type. Assigning an attribute of any other object is a template error.
/// </remarks>
public interface IPyMutableAttributes : IPyAttributes
{
    /// <summary>Assigns the attribute <paramref name="name"/>: <c>{% set obj.name = value %}</c>.</summary>
    /// <param name="name">The attribute name as written in the template.</param>
    /// <param name="value">The assigned template value.</param>
    /// <remarks>
    /// Called during rendering; an object shared between concurrent renders must synchronise its own state.
    /// </remarks>
    void SetAttribute(string name, object? value);
}
