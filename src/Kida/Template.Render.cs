using Kida.Runtime;
using Kida.Runtime.Output;

namespace Kida;

public sealed partial class Template
{
    /// <summary>Renders with a dictionary of variables (null for none). Reads no CLR type by reflection, so it is safe under trimming and Native AOT.</summary>
    public string Render(IReadOnlyDictionary<string, object?>? context) => RenderText(context, CancellationToken.None);

    /// <summary>Renders with no variables.</summary>
    public string Render() => RenderText(null, CancellationToken.None);

    /// <summary>
    /// <see cref="Render(IReadOnlyDictionary{string, object?})"/> that stops at the next loop step once
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled before the render finished.</exception>
    public string Render(IReadOnlyDictionary<string, object?>? context, CancellationToken cancellationToken) => RenderText(context, cancellationToken);

    /// <summary>Renders a dictionary of variables into a writer in chunks, checking <paramref name="cancellationToken"/> between loop iterations.</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Runtime.Members.TrimNotes.DictionaryContext)]
    public void Render(TextWriter writer, IReadOnlyDictionary<string, object?>? context, CancellationToken cancellationToken) =>
        Render(writer, (object?)context, cancellationToken);

    /// <summary>Renders with no variables into <paramref name="writer"/>, chunk by chunk (see <see cref="RenderAsync(TextWriter, object?, CancellationToken)"/>).</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Runtime.Members.TrimNotes.DictionaryContext)]
    public ValueTask RenderAsync(TextWriter writer) => RenderAsync(writer, (object?)null, CancellationToken.None);

    /// <summary>Renders with no variables into <paramref name="writer"/>, chunk by chunk, until <paramref name="cancellationToken"/> is cancelled.</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Runtime.Members.TrimNotes.DictionaryContext)]
    public ValueTask RenderAsync(TextWriter writer, CancellationToken cancellationToken) => RenderAsync(writer, (object?)null, cancellationToken);

    /// <summary>Renders a dictionary of variables into <paramref name="writer"/>, chunk by chunk (see <see cref="RenderAsync(TextWriter, object?, CancellationToken)"/>).</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Runtime.Members.TrimNotes.DictionaryContext)]
    public ValueTask RenderAsync(TextWriter writer, IReadOnlyDictionary<string, object?>? context, CancellationToken cancellationToken = default) =>
        RenderAsync(writer, (object?)context, cancellationToken);

    /// <summary>
    /// Renders with a model: an anonymous object, POCO or record (public properties), a dictionary,
    /// <c>ExpandoObject</c>, <c>JsonElement</c> or <c>JsonNode</c>; null for none.
    /// </summary>
[System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public string Render(object? model = null) => RenderText(model, CancellationToken.None);

    /// <summary>
    /// <see cref="Render(object?)"/> that stops at the next loop step once <paramref name="cancellationToken"/> is
    /// cancelled, so a batch can be cancelled in the middle of a long render.
    /// </summary>
    internal string RenderText(object? model, CancellationToken cancellationToken)
    {
        var state = RenderThreadState.Current;
        var output = state.TakeBuffer(Math.Max(256, _lastLength));
        try
        {
            RenderInto(state, output, model, cancellationToken);
            var text = output.ToString();
            // Written only when it grows: a store on every render from every thread would keep the cache line this
            // shared template's hot fields live on bouncing between processors (false sharing).
            if (text.Length > _lastLength) _lastLength = text.Length;
            return text;
        }
        finally
        {
            state.GiveBack(output);
        }
    }

    // A hint for the first buffer size: the longest output so far. Races are harmless (any value is a valid hint).
    private int _lastLength;

    /// <summary>Renders a model, checking <paramref name="cancellationToken"/> between loop iterations.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled before the render finished.</exception>
[System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public string Render(object? model, CancellationToken cancellationToken) => RenderText(model, cancellationToken);

    /// <summary>Renders into a writer in chunks, checking <paramref name="cancellationToken"/> between loop iterations.</summary>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public void Render(TextWriter writer, object? model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var output = OutputBuffer.ForWriter(writer);
        try
        {
            RenderInto(RenderThreadState.Current, output, model, cancellationToken);
            output.Flush();
        }
        finally
        {
            output.Release();
        }
    }

    /// <summary>Renders into a writer, in chunks; the output is never held whole in memory.</summary>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public void Render(TextWriter writer, object? model = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var output = OutputBuffer.ForWriter(writer);
        try
        {
            RenderInto(RenderThreadState.Current, output, model, CancellationToken.None);
            output.Flush();
        }
        finally
        {
            output.Release();
        }
    }

[System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Runtime.Members.TrimNotes.DictionaryContext)]
    public void Render(TextWriter writer, IReadOnlyDictionary<string, object?>? context) => Render(writer, (object?)context);

    /// <summary>
    /// Renders into <paramref name="writer"/>, writing each chunk as soon as it completes: the text up to each top-level
    /// <c>{% flush %}</c>, then the rest. Checks <paramref name="cancellationToken"/> between chunks and in loops.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public ValueTask RenderAsync(TextWriter writer, object? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return RenderChunksAsync(writer, context, cancellationToken);
    }

    private void RenderInto(RenderThreadState state, OutputBuffer output, object? model, CancellationToken cancellationToken)
    {
        var ctx = state.TakeContext(Environment, model, output, cancellationToken);
        var previousPolicy = state.SwapPolicy(Environment.Options.MemberAccess);
        try
        {
            TemplateRendering.RenderChain(ctx, this);
            if (ctx.UsesStacks)
            {
                // {% stack %} markers are filled in once every push of the render is known.
                var text = ctx.ResolveStacks(output.ToString());
                output.Clear();
                output.Write(text);
            }
            output.CheckLimit();
        }
        finally
        {
            state.SwapPolicy(previousPolicy);
            state.GiveBack(ctx);
        }
    }

    public override string ToString() => $"<Template '{Name ?? "<string>"}'>";
}
