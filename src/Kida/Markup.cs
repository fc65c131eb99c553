namespace Kida;

/// <summary>
/// A string that is already safe for HTML output: the escaper passes it through unchanged (Python's
/// <c>markupsafe.Markup</c>). Produced by <c>|safe</c>, <c>|escape</c>, macro calls and <c>caller()</c>.
/// </summary>
public sealed class Markup : IEquatable<Markup>
{
    public static readonly Markup Empty = new("");

    public Markup(string value) => Value = value ?? "";

    public string Value { get; }

    public override string ToString() => Value;

    public bool Equals(Markup? other) => other is not null && other.Value == Value;

    public override bool Equals(object? obj) => obj is Markup m && Equals(m);

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);
}
