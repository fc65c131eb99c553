namespace Kida;

/// <summary>
/// A range of a render's output produced by the body of a span tag (<see cref="TemplateEnvironmentOptions.SpanTags"/>),
/// in UTF-16 code units (<see cref="string"/> indices) from the start of the output — also when the output went to a
/// <see cref="TextWriter"/> in chunks.
/// </summary>
/// <param name="Tag">The span tag's name, e.g. <c>"generation"</c>.</param>
/// <param name="Start">The offset of the first character the body wrote.</param>
/// <param name="Length">The number of characters the body wrote (0 for an empty body).</param>
public readonly record struct OutputSpan(string Tag, long Start, long Length)
{
    /// <summary>The offset just past the body's last character (<see cref="Start"/> + <see cref="Length"/>).</summary>
    public long End => Start + Length;
}
