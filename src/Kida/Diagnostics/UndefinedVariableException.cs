using Kida.Diagnostics;

namespace Kida;

/// <summary>Whether a missing name was a variable or an attribute/key of a value.</summary>
public enum UndefinedKind { Variable, AttributeOrKey }

/// <summary>A value that does not exist was used where it had to exist.</summary>
public sealed class UndefinedVariableException : TemplateException
{
    public UndefinedVariableException(string name, UndefinedKind kind, string reason) : base(ErrorCode.UndefinedVariable, reason)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }
    public UndefinedKind Kind { get; }
}
