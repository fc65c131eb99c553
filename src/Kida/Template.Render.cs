using Kida.Runtime;
using Kida.Runtime.Output;

namespace Kida;

public sealed partial class Template
{
    /// <summary>
    /// Renders with a dictionary of variables (Jinja2's <c>Template.render(dict)</c>); the same as
    /// <see cref="Render(object?)"/>, but reads no CLR type by reflection, so it is safe under trimming and Native AOT. Thread-safe: any number of threads may render one template at once.
    /// </summary>
    /// <param name="context">The variables by name (values may be <c>JsonElement</c>/<c>JsonNode</c>, lists and dictionaries); null for none. Environment globals of the same name are hidden.</param>
    /// <returns>The rendered text.</returns>
    /// <exception cref="TemplateException">Rendering failed; see <see cref="Render(object?)"/>.</exception>
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
    /// <c>ExpandoObject</c>, <c>JsonElement</c> or <c>JsonNode</c>; null for none (Jinja2's <c>Template.render</c>).
    /// Thread-safe: any number of threads may render one template at once; each render has its own variables.
    /// </summary>
    /// <param name="model">The variables; null for none. Environment globals of the same name are hidden.</param>
    /// <returns>The rendered text.</returns>
    /// <exception cref="UndefinedVariableException">An undefined value was used where it must exist (always for an attribute of one; for any use under <see cref="TemplateEnvironmentOptions.StrictUndefined"/>).</exception>
    /// <exception cref="TemplateRuntimeException">The template failed while rendering: bad operand types, division by zero, a failing filter, a depth or size limit.</exception>
    /// <exception cref="TemplateSecurityException">The template reached for a .NET member the sandbox forbids.</exception>
    /// <exception cref="TemplateNotFoundException">A template it extends, includes or imports does not exist.</exception>
    /// <exception cref="TemplateSyntaxException">A template it extends, includes or imports cannot be compiled.</exception>
    /// <example>
    /// <code>
    /// Template t = env.FromString("{% for u in users %}{{ u.Name }} {% endfor %}");
    /// string s = t.Render(new { users = new[] { new { Name = "Ann" }, new { Name = "Bob" } } });  // "Ann Bob "
    /// </code>
    /// </example>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public string Render(object? model = null) => RenderText(model, CancellationToken.None);

    /// <summary>
    /// <see cref="Render(object?)"/> that stops at the next loop step once <paramref name="cancellationToken"/> is
    /// cancelled, so a batch can be cancelled in the middle of a long render.
    /// </summary>
    internal string RenderText(object? model, CancellationToken cancellationToken, ICollection<OutputSpan>? spans = null)
    {
        var state = RenderThreadState.Current;
        var output = state.TakeBuffer(Math.Max(256, _lastLength));
        try
        {
            RenderInto(state, output, model, cancellationToken, spans: spans);
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

    /// <summary>
    /// Renders a model as <see cref="Render(object?)"/> does, checking <paramref name="cancellationToken"/> between loop
    /// iterations, so a long render can be stopped (e.g. when the HTTP request is aborted).
    /// </summary>
    /// <param name="model">The variables, as for <see cref="Render(object?)"/>; null for none.</param>
    /// <param name="cancellationToken">Stops the render at its next loop step.</param>
    /// <returns>The rendered text.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled before the render finished.</exception>
    /// <exception cref="TemplateException">Rendering failed; see <see cref="Render(object?)"/>.</exception>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public string Render(object? model, CancellationToken cancellationToken) => RenderText(model, cancellationToken);

    /// <summary>
    /// Renders into a writer as <see cref="Render(TextWriter, object?)"/> does, checking <paramref name="cancellationToken"/>
    /// between loop iterations.
    /// </summary>
    /// <param name="writer">Receives the text; it is neither flushed nor disposed.</param>
    /// <param name="model">The variables, as for <see cref="Render(object?)"/>; null for none.</param>
    /// <param name="cancellationToken">Stops the render at its next loop step.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; text written so far stays in the writer.</exception>
    /// <exception cref="TemplateException">Rendering failed; see <see cref="Render(object?)"/>.</exception>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public void Render(TextWriter writer, object? model, CancellationToken cancellationToken) =>
        RenderToWriter(writer, model, cancellationToken);

    /// <summary>
    /// Renders into a writer, in chunks of about 16K characters, so the output is never held whole in memory (use it to
    /// write straight to a file or response stream). The writer is neither flushed nor disposed. If the render fails,
    /// the text written before the failure stays in the writer.
    /// </summary>
    /// <param name="writer">Receives the text.</param>
    /// <param name="model">The variables, as for <see cref="Render(object?)"/>; null for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <exception cref="TemplateException">Rendering failed; see <see cref="Render(object?)"/>.</exception>
    /// <example>
    /// <code>
    /// using var file = new StreamWriter("out/index.html");
    /// env.GetTemplate("index.html").Render(file, new { title = "Home" });
    /// </code>
    /// </example>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public void Render(TextWriter writer, object? model = null) => RenderToWriter(writer, model, CancellationToken.None);

    /// <summary>Renders into a writer with a dictionary of variables; see <see cref="Render(TextWriter, object?)"/>.</summary>
    /// <param name="writer">Receives the text; it is neither flushed nor disposed.</param>
    /// <param name="context">The variables by name; null for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <exception cref="TemplateException">Rendering failed; see <see cref="Render(object?)"/>.</exception>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Runtime.Members.TrimNotes.DictionaryContext)]
    public void Render(TextWriter writer, IReadOnlyDictionary<string, object?>? context) => Render(writer, (object?)context);

    /// <summary>
    /// Renders into <paramref name="writer"/>, writing each chunk as soon as it completes: the text up to each top-level
    /// <c>{% flush %}</c> and each ~16K characters of a long page (until a <c>{% stack %}</c> is written), then the rest (Jinja2's <c>render_async</c>, streaming). Checks <paramref name="cancellationToken"/>
    /// between chunks and in loops. The render runs on a thread-pool thread and the writes (<c>WriteAsync</c>, then
    /// <c>FlushAsync</c> after each chunk) happen on the caller's async flow; a few finished chunks may wait for a slow
    /// writer, after which the render pauses. A writer that throws, or cancellation, stops the render. The writer is not disposed.
    /// </summary>
    /// <param name="writer">Receives the chunks, e.g. a <c>StreamWriter</c> over an HTTP response body.</param>
    /// <param name="context">The variables, as for <see cref="Render(object?)"/>; null for none.</param>
    /// <param name="cancellationToken">Stops the render and the writing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="TemplateException">Rendering failed (raised from the returned task); see <see cref="Render(object?)"/>.</exception>
    /// <example>
    /// <code>
    /// // The layout's head goes out before the slow body is rendered: "{% block head %}…{% endblock %}{% flush %}…"
    /// await using var body = new StreamWriter(response.Body);
    /// await template.RenderAsync(body, new { user }, cancellationToken);
    /// </code>
    /// </example>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public ValueTask RenderAsync(TextWriter writer, object? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return RenderChunksAsync(writer, context, cancellationToken);
    }

    /// <summary>
    /// Renders into a writer as <see cref="Render(TextWriter, object?, CancellationToken)"/> does, with globals that
    /// belong to this render only: <paramref name="globals"/> are visible everywhere the render reaches (layouts,
    /// includes, imported macros), are shadowed by <paramref name="model"/>'s variables and shadow the environment's
    /// globals. Use them for what differs per call but is not page data, as Flask's context processors do: a web
    /// request's <c>request</c>, <c>csrf_token()</c> or <c>url_for()</c>.
    /// </summary>
    /// <param name="writer">Receives the text; it is neither flushed nor disposed.</param>
    /// <param name="model">The variables, as for <see cref="Render(object?)"/>; null for none.</param>
    /// <param name="globals">This render's globals by name; null for none. Read, never changed or kept.</param>
    /// <param name="cancellationToken">Stops the render at its next loop step.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; text written so far stays in the writer.</exception>
    /// <exception cref="TemplateException">Rendering failed; see <see cref="Render(object?)"/>.</exception>
    /// <example>
    /// <code>
    /// var globals = new Dictionary&lt;string, object?&gt; { ["user_name"] = User.Identity?.Name };
    /// template.Render(writer, new { items }, globals, cancellationToken);   // {{ user_name }} in the layout
    /// </code>
    /// </example>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public void Render(TextWriter writer, object? model, IReadOnlyDictionary<string, object?>? globals, CancellationToken cancellationToken) =>
        RenderToWriter(writer, model, cancellationToken, globals);

    /// <summary>
    /// Renders into a writer as <see cref="RenderAsync(TextWriter, object?, CancellationToken)"/> does — chunks written
    /// as they complete, at each <c>{% flush %}</c> and every ~16K characters — with globals of this render only, as
    /// <see cref="Render(TextWriter, object?, IReadOnlyDictionary{string, object?}?, CancellationToken)"/> describes.
    /// </summary>
    /// <param name="writer">Receives the chunks, e.g. a writer over an HTTP response body.</param>
    /// <param name="model">The variables, as for <see cref="Render(object?)"/>; null for none.</param>
    /// <param name="globals">This render's globals by name; null for none. Read from the render's worker thread.</param>
    /// <param name="cancellationToken">Stops the render and the writing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="TemplateException">Rendering failed (raised from the returned task).</exception>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public ValueTask RenderAsync(TextWriter writer, object? model, IReadOnlyDictionary<string, object?>? globals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return RenderChunksAsync(writer, model, cancellationToken, globals);
    }

    /// <summary>Renders a dictionary of variables with this render's globals; see <see cref="RenderAsync(TextWriter, object?, IReadOnlyDictionary{string, object?}?, CancellationToken)"/>.</summary>
    /// <param name="writer">Receives the chunks.</param>
    /// <param name="context">The variables by name; null for none.</param>
    /// <param name="globals">This render's globals by name; null for none.</param>
    /// <param name="cancellationToken">Stops the render and the writing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="TemplateException">Rendering failed (raised from the returned task).</exception>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Runtime.Members.TrimNotes.DictionaryContext)]
    public ValueTask RenderAsync(TextWriter writer, IReadOnlyDictionary<string, object?>? context, IReadOnlyDictionary<string, object?>? globals, CancellationToken cancellationToken = default) =>
        RenderAsync(writer, (object?)context, globals, cancellationToken);

    /// <summary>Every writer render: 16K chunks into <paramref name="writer"/>, flushed into it at the end (not flushed itself).</summary>
    private void RenderToWriter(TextWriter writer, object? model, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, object?>? globals = null, ICollection<OutputSpan>? spans = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var output = OutputBuffer.ForWriter(writer);
        try
        {
            RenderInto(RenderThreadState.Current, output, model, cancellationToken, globals, spans);
            output.Flush();
        }
        finally
        {
            output.Release();
        }
    }

    private void RenderInto(RenderThreadState state, OutputBuffer output, object? model, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, object?>? globals = null, ICollection<OutputSpan>? spans = null)
    {
        var ctx = state.TakeContext(Environment, model, output, cancellationToken);
        if (globals is not null) ctx.RenderGlobals = globals;   // Clear left it null
        var previousPolicy = state.SwapPolicy(Environment.Options.MemberAccess);
        if (spans is not null) ctx.Spans = new SpanRecording(output, spans);
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
            ctx.Spans = null;
            state.SwapPolicy(previousPolicy);
            state.GiveBack(ctx);
        }
    }

    /// <summary>A short description for debugging, as Jinja2 prints a named template: <c>&lt;Template 'page.html'&gt;</c>, or <c>&lt;Template '&lt;string&gt;'&gt;</c> when unnamed.</summary>
    public override string ToString() => $"<Template '{Name ?? "<string>"}'>";
}
