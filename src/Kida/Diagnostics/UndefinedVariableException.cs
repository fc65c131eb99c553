using Kida.Diagnostics;

namespace Kida;

/// <summary>Whether a missing name was a variable or an attribute/key of a value (Kida's <c>"variable"</c> and <c>"attribute/key"</c>).</summary>
public enum UndefinedKind
{
    /// <summary>A variable: <c>{{ name }}</c> where no variable, global or loop variable has that name.</summary>
    Variable,

    /// <summary>An attribute or key of a value: <c>{{ user.nickname }}</c> or <c>{{ user['nickname'] }}</c> where the value has none.</summary>
    AttributeOrKey,
}

/// <summary>
/// A value that does not exist was used where it had to exist (code <see cref="ErrorCode.UndefinedVariable"/>;
/// Jinja2's <c>UndefinedError</c>). By default, as in Jinja2, a missing name prints as empty and is false, and this is
/// raised only when the missing value is used further (an attribute of it, arithmetic on it); under
/// <see cref="TemplateEnvironmentOptions.StrictUndefined"/> any use but <c>is defined</c> and <c>| default</c> raises it.
/// </summary>
public sealed class UndefinedVariableException : TemplateException
{
    /// <summary>Creates the exception with code <see cref="ErrorCode.UndefinedVariable"/>.</summary>
    /// <param name="name">The missing variable, attribute or key.</param>
    /// <param name="kind">Whether it was a variable or an attribute/key.</param>
    /// <param name="reason">The message, e.g. <c>'user' is undefined</c>.</param>
    public UndefinedVariableException(string name, UndefinedKind kind, string reason) : base(ErrorCode.UndefinedVariable, reason)
    {
        Name = name;
        Kind = kind;
    }

    /// <summary>The missing variable, attribute or key, as written in the template.</summary>
    public string Name { get; }
    /// <summary>Whether <see cref="Name"/> was a variable or an attribute/key of a value.</summary>
    public UndefinedKind Kind { get; }
}
