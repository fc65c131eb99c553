using System.Globalization;
using System.Reflection;
using Kida.Runtime.Values;

namespace Kida.Runtime.Members;

/// <summary>
/// A public instance .NET method that the environment's <see cref="MemberAccessPolicy"/> explicitly allows.
/// The overload is chosen by argument count; arguments are converted from template values with invariant culture.
/// </summary>
internal sealed class ClrMethod(object target, string name) : IPyCallable, IPyObject
{
    public string PyTypeName => "method";

    public string PyStr() => $"<method {name} of {target.GetType().Name} object>";

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = Kida.Runtime.Members.TrimNotes.ClrMembers)]
    public object? Call(CallArguments args)
    {
        if (args.Named.Count > 0) throw new TemplateRuntimeException($"{name}() takes no keyword arguments");
        var given = args.Positional;
        var overloads = target.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name == name && !m.IsGenericMethodDefinition && m.GetParameters().Length == given.Count)
            .ToList();
        foreach (var m in overloads)
        {
            if (!TryConvert(m.GetParameters(), given, out var converted)) continue;
            try
            {
                return ClrInterop.Normalize(m.Invoke(target, converted));
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                if (e.InnerException is TemplateException te) throw te;
                throw new TemplateRuntimeException($"{name}() failed: {e.InnerException.GetType().Name}: {e.InnerException.Message}", e.InnerException);
            }
        }
        throw new TemplateRuntimeException($"{name}() has no overload taking these {given.Count} argument(s)");
    }

    private static bool TryConvert(ParameterInfo[] parameters, IReadOnlyList<object?> given, out object?[] converted)
    {
        converted = new object?[given.Count];
        for (var i = 0; i < given.Count; i++)
        {
            var p = parameters[i].ParameterType;
            var v = given[i] is Markup m ? m.Value : given[i];
            if (v is null) { if (p.IsValueType && Nullable.GetUnderlyingType(p) is null) return false; continue; }
            if (p.IsInstanceOfType(v)) { converted[i] = v; continue; }
            if (p.IsEnum)
            {
                // Templates have no enums: accept the number or the member name.
                if (v is long l) { converted[i] = Enum.ToObject(p, l); continue; }
                if (v is string name && Enum.TryParse(p, name, ignoreCase: false, out var e)) { converted[i] = e; continue; }
                return false;
            }
            if (v is not IConvertible || !typeof(IConvertible).IsAssignableFrom(Nullable.GetUnderlyingType(p) ?? p)) return false;
            try { converted[i] = Convert.ChangeType(v, Nullable.GetUnderlyingType(p) ?? p, CultureInfo.InvariantCulture); }
            catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException) { return false; }
        }
        return true;
    }
}
