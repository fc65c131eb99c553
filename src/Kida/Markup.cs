namespace Kida;

/// <summary>
/// A string that is already safe for HTML output: the escaper passes it through unchanged (Python's
/// <c>markupsafe.Markup</c>). Produced by <c>|safe</c>, <c>|escape</c>, macro calls and <c>caller()</c>. Return one from a
/// filter or function, or put one in the render's variables, for HTML that must not be escaped; only do so for text you
/// trust, since it reaches the output as is. Immutable and thread-safe.
/// </summary>
/// <example>
/// <code>
/// env.AddFilter("bold", v => new Markup("&lt;b&gt;" + System.Net.WebUtility.HtmlEncode(v?.ToString()) + "&lt;/b&gt;"));
/// page.Render(new { banner = new Markup("&lt;em&gt;Sale!&lt;/em&gt;") });   // {{ banner }} prints &lt;em&gt;Sale!&lt;/em&gt; unescaped
/// </code>
/// </example>
public sealed class Markup : IEquatable<Markup>
{
    /// <summary>The empty markup string.</summary>
    public static readonly Markup Empty = new("");

    /// <summary>Marks <paramref name="value"/> as safe HTML (Python's <c>Markup(value)</c>); it is not checked or escaped.</summary>
    /// <param name="value">The HTML text; null is taken as the empty string.</param>
    public Markup(string value) => Value = value ?? "";

    /// <summary>The HTML text, exactly as given.</summary>
    public string Value { get; }

    /// <summary>Returns <see cref="Value"/>.</summary>
    public override string ToString() => Value;

    /// <summary>Whether <paramref name="other"/> holds the same text (ordinal comparison).</summary>
    public bool Equals(Markup? other) => other is not null && other.Value == Value;

    /// <summary>Whether <paramref name="obj"/> is a <see cref="Markup"/> with the same text; a plain string is never equal.</summary>
    public override bool Equals(object? obj) => obj is Markup m && Equals(m);

    /// <summary>A hash of <see cref="Value"/>, consistent with <see cref="Equals(Markup?)"/>.</summary>
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);
}
