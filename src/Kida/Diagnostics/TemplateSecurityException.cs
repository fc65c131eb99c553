using Kida.Diagnostics;

namespace Kida;

/// <summary>
/// A template reached for something the sandbox forbids: a .NET method, a static member, a delegate, or a member of a
/// reflection/runtime type (<see cref="System.Type"/>, <c>Assembly</c>, <c>Process</c> …). Unlike a missing name, which
/// is Jinja2's lenient undefined, this always fails, because it is an attempt to leave the template's data model.
/// Applications widen the sandbox with <see cref="TemplateEnvironmentOptions.MemberAccess"/>. Code
/// <see cref="ErrorCode.SecurityViolation"/>; Jinja2's <c>SecurityError</c>.
/// </summary>
public sealed class TemplateSecurityException : TemplateException
{
    /// <summary>Creates the exception with code <see cref="ErrorCode.SecurityViolation"/>.</summary>
    /// <param name="typeName">The .NET type whose member was asked for.</param>
    /// <param name="memberName">The member name as written in the template.</param>
    /// <param name="reason">Why access was refused.</param>
    public TemplateSecurityException(string typeName, string memberName, string reason)
        : base(ErrorCode.SecurityViolation, reason)
    {
        TypeName = typeName;
        MemberName = memberName;
    }

    /// <summary>The .NET type whose member was asked for.</summary>
    public string TypeName { get; }

    /// <summary>The member name as written in the template.</summary>
    public string MemberName { get; }
}
