namespace Kida;

/// <summary>
/// What templates may reach on .NET objects beyond the sandbox's defaults (dictionary keys, public instance
/// properties and fields, the Python methods of strings, lists and dicts). Immutable: <see cref="AllowMember"/>,
/// <see cref="AllowType"/> and <see cref="AllowWhen"/> return a widened copy. An allowed member may be a public
/// instance method (templates can then call it) or a property of a type the sandbox otherwise refuses
/// (<see cref="System.Type"/>, reflection, delegates, processes, tasks). Static members are never reachable. Set it with
/// <see cref="TemplateEnvironmentOptions.MemberAccess"/>; anything it does not allow raises
/// <see cref="TemplateSecurityException"/>. The counterpart of overriding Jinja2's <c>SandboxedEnvironment.is_safe_attribute</c>.
/// Immutable and thread-safe.
/// </summary>
/// <example>
/// <code>
/// var options = TemplateEnvironmentOptions.Default with
/// {
///     MemberAccess = MemberAccessPolicy.Default
///         .AllowMember(typeof(string), "ToUpper")                 // {{ s.ToUpper() }}
///         .AllowWhen((type, name) => type == typeof(Money) &amp;&amp; name == "Format"),
/// };
/// </code>
/// </example>
public sealed class MemberAccessPolicy
{
    private readonly HashSet<(Type Type, string Name)> _members;
    private readonly HashSet<Type> _types;
    private readonly Func<Type, string, bool>? _callback;

    /// <summary>The sandbox: nothing beyond the defaults.</summary>
    public static MemberAccessPolicy Default { get; } = new([], [], null);

    private MemberAccessPolicy(HashSet<(Type, string)> members, HashSet<Type> types, Func<Type, string, bool>? callback)
    {
        _members = members;
        _types = types;
        _callback = callback;
    }

    /// <summary>Allows the named public instance member (method or property) of <paramref name="type"/> and its subtypes.</summary>
    public MemberAccessPolicy AllowMember(Type type, string name)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new([.. _members, (type, name)], _types, _callback);
    }

    /// <summary>Allows every public instance member of <paramref name="type"/> and its subtypes. Use with care.</summary>
    public MemberAccessPolicy AllowType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new(_members, [.. _types, type], _callback);
    }

    /// <summary>Asks <paramref name="allow"/> (runtime type, member name as written) for anything the lists do not allow.</summary>
    public MemberAccessPolicy AllowWhen(Func<Type, string, bool> allow)
    {
        ArgumentNullException.ThrowIfNull(allow);
        var previous = _callback;
        return new(_members, _types, previous is null ? allow : (t, n) => previous(t, n) || allow(t, n));
    }

    /// <summary>Whether a template may reach <paramref name="name"/> on an object of runtime type <paramref name="type"/>.</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Kida.Runtime.Members.TrimNotes.KnownInterfaces)]
    public bool IsAllowed(Type type, string name)
    {
        if (_members.Count > 0 || _types.Count > 0)
        {
            // Entries name a declared type; an object of a derived type (RuntimeType for typeof(x)) matches too.
            for (var t = type; t is not null; t = t.BaseType)
                if (_types.Contains(t) || _members.Contains((t, name))) return true;
            foreach (var i in type.GetInterfaces())
                if (_types.Contains(i) || _members.Contains((i, name))) return true;
        }
        return _callback?.Invoke(type, name) ?? false;
    }
}
