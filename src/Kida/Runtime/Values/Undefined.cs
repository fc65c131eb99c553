namespace Kida.Runtime.Values;

/// <summary>
/// The value of a name or attribute that does not exist (Jinja2's <c>Undefined</c>). Lenient: prints as "",
/// is false, has length 0 and iterates as empty. Under <c>StrictUndefined</c> the runtime raises
/// <see cref="UndefinedVariableException"/> when it is printed, iterated, compared or tested for truth.
/// </summary>
public sealed class Undefined
{
    /// <summary>An undefined value with no name (e.g. the result of a missing <c>else</c>).</summary>
    public static readonly Undefined Instance = new(null, null, UndefinedKind.Variable);

    public Undefined(string? name, object? owner, UndefinedKind kind, bool strict = false)
    {
        Name = name;
        Owner = owner;
        Kind = kind;
        Strict = strict;
    }

    /// <summary>True under <c>StrictUndefined</c>: every use other than <c>is defined</c>/<c>default</c> raises.</summary>
    public bool Strict { get; }

    /// <summary>Raises when strict; the runtime calls this before printing, iterating or testing truth.</summary>
    public void ThrowIfStrict()
    {
        if (Strict) throw ToException();
    }

    /// <summary>The missing name or attribute.</summary>
    public string? Name { get; }

    /// <summary>For a missing attribute or key: the value it was looked up on.</summary>
    public object? Owner { get; }

    public UndefinedKind Kind { get; }

    /// <summary>The message Jinja2 gives when this value is used where a real one is needed.</summary>
    public string Describe()
    {
        if (Name is null) return "value is undefined";
        if (Kind == UndefinedKind.Variable) return $"'{Name}' is undefined";
        return $"{PyFormat.TypeName(Owner)} object has no attribute '{Name}'";
    }

    public UndefinedVariableException ToException() => new(Name ?? "", Kind, Describe());

    public override string ToString() => "";
}
