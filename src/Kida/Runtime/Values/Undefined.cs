namespace Kida.Runtime.Values;

/// <summary>
/// The value of a name or attribute that does not exist (Jinja2's <c>Undefined</c>). How it behaves is its
/// <see cref="Behavior"/>: lenient by default (prints as "", is false, has length 0 and iterates as empty); under
/// <see cref="UndefinedBehavior.Strict"/> the runtime raises <see cref="UndefinedVariableException"/> when it is printed,
/// iterated, compared or tested for truth; <see cref="UndefinedBehavior.Chainable"/> lets attributes and items of it
/// be read; <see cref="UndefinedBehavior.Debug"/> prints what was missing.
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
    /// <param name="strict">Whether using the value raises (Jinja2's <c>StrictUndefined</c>) instead of acting as empty; the other constructor takes any <see cref="UndefinedBehavior"/>.</param>
    public Undefined(string? name, object? owner, UndefinedKind kind, bool strict = false)
        : this(name, owner, kind, strict ? UndefinedBehavior.Strict : UndefinedBehavior.Default) { }

    /// <summary>
    /// Makes an undefined value that behaves as <paramref name="behavior"/>. <paramref name="hint"/>, when given, is the
    /// whole message of the error it raises (Jinja2's <c>hint</c>); <paramref name="key"/> is a non-string item key
    /// that was missing (<c>d[1]</c>), which Jinja2 reports as "has no element".
    /// </summary>
    public Undefined(string? name, object? owner, UndefinedKind kind, UndefinedBehavior behavior, string? hint = null, object? key = null)
    {
        Name = name;
        Owner = owner;
        Kind = kind;
        Behavior = behavior;
        Hint = hint;
        Key = key;
    }

    /// <summary>How this value behaves when used (set by the environment's <see cref="TemplateEnvironmentOptions.UndefinedBehavior"/>).</summary>
    public UndefinedBehavior Behavior { get; }

    /// <summary>True under <c>StrictUndefined</c>: every use other than <c>is defined</c>/<c>default</c> raises.</summary>
    public bool Strict => Behavior == UndefinedBehavior.Strict;

    /// <summary>Whether an attribute or item of this value is this value again (Jinja2's <c>ChainableUndefined</c>).</summary>
    public bool Chainable => Behavior == UndefinedBehavior.Chainable;

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

    /// <summary>The explanation given instead of the generic message (e.g. "parameter 'a' was not provided"), or null.</summary>
    public string? Hint { get; }

    /// <summary>Stands for a missing <c>None</c> key in <see cref="Key"/>.</summary>
    internal static readonly object NoneKey = new();

    /// <summary>A missing item key that is not a string (<c>d[1]</c>), or null.</summary>
    public object? Key { get; }

    /// <summary>The message Jinja2 gives when this value is used where a real one is needed.</summary>
    public string Describe()
    {
        if (!string.IsNullOrEmpty(Hint)) return Hint;
        if (Kind == UndefinedKind.Variable) return Name is null ? "value is undefined" : $"{PyFormat.Repr(Name)} is undefined";
        if (Key is not null) return $"{ObjectTypeRepr(Owner)} has no element {KeyRepr()}";
        return $"{PyFormat.Repr(ObjectTypeRepr(Owner))} has no attribute {PyFormat.Repr(Name ?? "")}";
    }

    private string KeyRepr() => PyFormat.Repr(ReferenceEquals(Key, NoneKey) ? null : Key);

    /// <summary>Jinja2's <c>object_type_repr</c>: "None" or "dict object".</summary>
    internal static string ObjectTypeRepr(object? owner) => owner is null ? "None" : $"{PyFormat.TypeName(owner)} object";

    /// <summary>The error to throw when this value is used where a real one is needed, with <see cref="Describe"/> as its
    /// message (e.g. <c>'user' is undefined</c>). It does not throw; the runtime adds template name, line and column.</summary>
    public UndefinedVariableException ToException() => new(Name ?? "", Kind, Describe());

    /// <summary>What printing this value shows: "" (Debug: the missing name), or raises when strict.</summary>
    public string Text()
    {
        ThrowIfStrict();
        return Behavior == UndefinedBehavior.Debug ? DebugText() : "";
    }

    private string DebugText()
    {
        string message;
        if (!string.IsNullOrEmpty(Hint)) message = "undefined value printed: " + Hint;
        else if (Kind == UndefinedKind.Variable) message = Name ?? "None";
        else message = $"no such element: {ObjectTypeRepr(Owner)}[{(Key is not null ? KeyRepr() : PyFormat.Repr(Name ?? ""))}]";
        return "{{ " + message + " }}";
    }

    /// <summary>The printed form: <c>""</c>, or under <see cref="UndefinedBehavior.Debug"/> the <c>{{ name }}</c> text Jinja2's
    /// <c>DebugUndefined</c> prints. Never raises, even when <see cref="Strict"/>: printing a strict undefined from a template
    /// raises, but .NET code calling <see cref="ToString"/> gets the text.</summary>
    public override string ToString() => Behavior == UndefinedBehavior.Debug ? DebugText() : "";
}
