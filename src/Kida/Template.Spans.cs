
namespace Kida;

// Rendering that also reports the output ranges of span tags (TemplateEnvironmentOptions.SpanTags).
public sealed partial class Template
{
    /// <summary>
    /// Renders as <see cref="Render(IReadOnlyDictionary{string, object?})"/> does and adds to <paramref name="spans"/> the
    /// range of the output each span tag's body produced (<see cref="TemplateEnvironmentOptions.SpanTags"/>), in the
    /// order the bodies finished. Spans are added as they complete, so after a failed render the collection holds those
    /// finished before the failure. Thread-safe as every render, provided each call has its own collection.
    /// </summary>
    /// <param name="context">The variables by name; null for none.</param>
    /// <param name="spans">Receives the spans (it is not cleared first).</param>
    /// <returns>The rendered text; every span indexes into it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spans"/> is null.</exception>
    /// <exception cref="TemplateException">Rendering failed; see <see cref="Render(object?)"/>.</exception>
    /// <example>
    /// <code>
    /// var env = new TemplateEnvironment(TemplateEnvironmentOptions.Default with { SpanTags = ["mark"] });
    /// var spans = new List&lt;OutputSpan&gt;();
    /// var text = env.FromString("a{% mark %}{{ x }}{% endmark %}c").Render(new Dictionary&lt;string, object?&gt; { ["x"] = "B" }, spans);
    /// // text == "aBc", spans == [OutputSpan("mark", 1, 1)]
    /// </code>
    /// </example>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Runtime.Members.TrimNotes.DictionaryContext)]
    public string Render(IReadOnlyDictionary<string, object?>? context, ICollection<OutputSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        return RenderText(context, CancellationToken.None, spans);
    }

    /// <summary>
    /// Renders into a writer in chunks, as <see cref="Render(TextWriter, IReadOnlyDictionary{string, object?})"/> does,
    /// and adds the span tags' ranges to <paramref name="spans"/>, counted from the first character this call writes.
    /// </summary>
    /// <param name="writer">Receives the text; it is neither flushed nor disposed.</param>
    /// <param name="context">The variables by name; null for none.</param>
    /// <param name="spans">Receives the spans (it is not cleared first).</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="spans"/> is null.</exception>
    /// <exception cref="TemplateException">Rendering failed; see <see cref="Render(object?)"/>.</exception>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Runtime.Members.TrimNotes.DictionaryContext)]
    public void Render(TextWriter writer, IReadOnlyDictionary<string, object?>? context, ICollection<OutputSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        RenderToWriter(writer, context, CancellationToken.None, spans: spans);
    }
}
