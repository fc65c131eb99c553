namespace Kida.Runtime.Values;

/// <summary>
/// The value of a name or attribute that does not exist (Jinja2's <c>Undefined</c>). Lenient: prints as "",
/// is false, has length 0 and iterates as empty. Under <c>StrictUndefined</c> the runtime raises
/// <see cref="UndefinedVariableException"/> when it is printed, iterated, compared or tested for truth.
/// </summary>
/// <remarks>
/// <para>
/// A custom filter or test receives an <see cref="Undefined"/> as its value or argument when the template names
/// something that does not exist (<c>{{ user.nickname | shout }}</c> with no <c>nickname</c>). Check for it with
/// <c>value is Undefined</c> — it is never <see langword="null"/>, which is the template's <c>none</c>. To act like a builtin
/// filter, treat it as empty when <see cref="Strict"/> is false and call <see cref="ThrowIfStrict"/> before using it.
/// </para>
/// <para>An <see cref="Undefined"/> never changes after construction and is safe to share between threads.</para>
/// </remarks>
/// <example>
/// <code>
/// env.AddFilter("shout", (value, args) =>
/// {
///     if (value is Undefined u) { u.ThrowIfStrict(); return ""; }
///     return (value as string ?? "").ToUpperInvariant() + "!";
/// });
/// </code>
/// </example>
public sealed class Undefined
{
    /// <summary>An undefined value with no name (e.g. the result of a missing <c>else</c>).</summary>
    public static readonly Undefined Instance = new(null, null, UndefinedKind.Variable);

    /// <summary>An undefined value, e.g. for a filter or <see cref="IPyAttributes"/> that wants to report a missing
    /// value the way the engine does.</summary>
    /// <param name="name">The missing variable, attribute or key name; <see langword="null"/> when there is none.</param>
    /// <param name="owner">For a missing attribute or key: the value it was looked up on; else <see langword="null"/>.</param>
    /// <param name="kind">Whether a variable or an attribute/key is missing; it chooses the error message.</param>
    /// <param name="strict">Whether using the value raises (Jinja2's <c>StrictUndefined</c>) instead of acting as empty.</param>
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

    /// <summary>What is missing: a variable (<c>{{ nope }}</c>) or an attribute or key of a value (<c>{{ user.nope }}</c>).</summary>
    public UndefinedKind Kind { get; }

    /// <summary>The message Jinja2 gives when this value is used where a real one is needed.</summary>
    public string Describe()
    {
        if (Name is null) return "value is undefined";
        if (Kind == UndefinedKind.Variable) return $"'{Name}' is undefined";
        return $"{PyFormat.TypeName(Owner)} object has no attribute '{Name}'";
    }

    /// <summary>The error to throw when this value is used where a real one is needed, with <see cref="Describe"/> as its
    /// message (e.g. <c>'user' is undefined</c>). It does not throw; the runtime adds template name, line and column.</summary>
    public UndefinedVariableException ToException() => new(Name ?? "", Kind, Describe());

    /// <summary>Always <c>""</c>, even when <see cref="Strict"/>: printing a strict undefined from a template raises,
    /// but .NET code calling <see cref="ToString"/> gets the empty text.</summary>
    public override string ToString() => "";
}
