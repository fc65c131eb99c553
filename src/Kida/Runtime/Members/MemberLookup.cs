using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Kida.Runtime.Members;

/// <summary>
/// Finds the public instance property or field a name means on a runtime type, as C# means <c>obj.Name</c> on that
/// type: the most derived declaration wins. <see cref="Type.GetProperty(string, BindingFlags)"/> raises
/// <see cref="AmbiguousMatchException"/> when a subclass hides an inherited property with <c>new</c>; this walks the
/// hierarchy from the type up instead, so such models read like any other.
/// </summary>
internal static class MemberLookup
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    /// <summary>The most derived public instance property named <paramref name="name"/> without index parameters, or null.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = TrimNotes.ClrMembers)]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = TrimNotes.ClrMembers)]
    public static PropertyInfo? Property(Type type, string name)
    {
        for (var t = type; t is not null; t = t.BaseType)
            foreach (var p in t.GetProperties(Declared))
                if (p.Name == name && p.GetIndexParameters().Length == 0) return p;
        return null;
    }

    /// <summary>The most derived public instance field named <paramref name="name"/>, or null.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = TrimNotes.ClrMembers)]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = TrimNotes.ClrMembers)]
    public static FieldInfo? Field(Type type, string name)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.GetField(name, Declared) is { } f) return f;
        return null;
    }
}
