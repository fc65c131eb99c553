using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Kida.Runtime;
using Kida.Runtime.Output;
using Kida.Syntax.Statements;

namespace Kida;

// Partial and chunked rendering: RenderBlock (blocks, fragments, regions), RenderStream and the {% flush %} boundaries.
public sealed partial class Template
{
    /// <summary>
    /// Renders one block, <c>{% fragment %}</c> or <c>{% region %}</c> of this template on its own, with the blocks of
    /// the whole (literal) extends chain reachable. Top-level defs, imports and <c>{% globals %}</c> of the chain run
    /// first; block guards are ignored. A region takes its parameters from <paramref name="context"/> by name (missing
    /// ones use their defaults). Kida's <c>render_block(name, ctx)</c>; use it to re-render part of a page, e.g. for an
    /// HTMX request. Thread-safe, like every render.
    /// </summary>
    /// <param name="blockName">The block, fragment or region to render, defined in this template or a template it extends.</param>
    /// <param name="context">The variables, as for <see cref="Render(object?)"/>; null for none.</param>
    /// <returns>The block's rendered text (with <c>super()</c> and the child's overrides applied as in a full render).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="blockName"/> is null.</exception>
    /// <exception cref="TemplateRuntimeException">No block, fragment or region has that name, or rendering failed.</exception>
    /// <exception cref="TemplateNotFoundException">A template of the extends chain does not exist.</exception>
    /// <example>
    /// <code>
    /// // base.html: &lt;title&gt;{% block title %}Site{% endblock %}&lt;/title&gt;{% block body %}{% endblock %}
    /// // page.html: {% extends 'base.html' %}{% block title %}{{ title }} - {{ super() }}{% endblock %}
    /// string title = env.GetTemplate("page.html").RenderBlock("title", new { title = "Home" });  // "Home - Site"
    /// </code>
    /// </example>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public string RenderBlock(string blockName, object? context = null)
    {
        ArgumentNullException.ThrowIfNull(blockName);
        var output = new OutputBuffer(256);
        var ctx = new RenderContext(Environment, VariableSource.From(context), output, CancellationToken.None);
        ctx.RootOutput = output;
        output.KidaQuotes = ctx.KidaDialect;
        var policy = Runtime.Members.Sandbox.Enter(Environment.Options.MemberAccess);
        try
        {
            var chain = new List<Template>();
            for (var t = this; t is not null; t = t.Parent is null ? null : Environment.GetTemplate(t.Parent))
            {
                if (chain.Contains(t) || chain.Count > Environment.Options.MaxExtendsDepth)
                    throw new TemplateRuntimeException(Diagnostics.ErrorCode.DepthExceeded, $"template '{t.Name}' extends itself");
                chain.Add(t);
            }
            foreach (var t in chain) t.RegisterBlocks(ctx);
            for (var i = chain.Count - 1; i >= 0; i--) RunSetup(ctx, chain[i]);

            ctx.Template = this;
            ctx.Autoescape = Autoescape;
            ctx.Frame = Frame.For(RootSlotCount, null);
            if (ctx.Blocks.TryGetValue(blockName, out var blocks))
            {
                BlockStatement.RenderChain(ctx, blocks, 0);
            }
            else if (chain.Any(t => t.RegionNames.Contains(blockName)) && ctx.Vars.TryGetValue(blockName, out var value) && value is Macro region)
            {
                var named = new List<KeyValuePair<string, object?>>();
                foreach (var p in region.Signature.Parameters)
                    if (ctx.Root.TryGet(p, out var v)) named.Add(new(p, v));
                output.WriteValue(region.Call(new CallArguments([], named.ToArray(), ctx)), Autoescape);
            }
            else
            {
                throw new TemplateRuntimeException($"template '{Name ?? "<string>"}' has no block, fragment or region named '{blockName}'");
            }
            output.CheckLimit();
            return ctx.ResolveStacks(output.ToString());
        }
        finally
        {
            Runtime.Members.Sandbox.Exit(policy);
            ctx.ReleaseBuffers();
            output.Release();
        }
    }

    /// <summary>Runs the definitions at a template's top level (defs, regions, imports, <c>{% globals %}</c>), dropping their output.</summary>
    private static void RunSetup(RenderContext ctx, Template t)
    {
        ctx.Template = t;
        ctx.Autoescape = t.Autoescape;
        ctx.Frame = Frame.For(t.RootSlotCount, null);
        var previous = ctx.BeginCapture();
        try
        {
            foreach (var s in t.Root.Items)
                if (s is MacroStatement or ImportStatement or FromImportStatement or GlobalsStatement) s.Render(ctx);
        }
        finally
        {
            ctx.EndCapture(previous);
        }
    }

    /// <summary>
    /// Renders in chunks cut at each top-level <c>{% flush %}</c>; joined, the chunks equal <see cref="Render(object?)"/>.
    /// Rendering starts when the sequence is first enumerated and runs on a worker thread at most one chunk ahead of
    /// the consumer, so the whole output is never held at once. A <c>{% stack %}</c> is filled when its chunk is cut,
    /// with the pushes made before then (a chunk already sent cannot change). Disposing the enumerator early cancels
    /// the render and waits for it to stop; a render error is rethrown from <c>MoveNext</c>. Kida's <c>render_stream</c>
    /// (Jinja2's <c>Template.generate</c>). Thread-safe; each enumeration of the sequence is a new render.
    /// </summary>
    /// <param name="context">The variables, as for <see cref="Render(object?)"/>; null for none.</param>
    /// <returns>The chunks, lazily: nothing renders until enumeration starts.</returns>
    /// <exception cref="TemplateException">Rendering failed (thrown from <c>MoveNext</c>); see <see cref="Render(object?)"/>.</exception>
    /// <example>
    /// <code>
    /// // report.txt: "header{% flush %}{% for row in rows %}{{ row }}{% endfor %}"
    /// foreach (string chunk in env.GetTemplate("report.txt").RenderStream(new { rows }))
    ///     output.Write(chunk);   // "header" arrives before the rows are rendered
    /// </code>
    /// </example>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public IEnumerable<string> RenderStream(object? context = null)
    {
        // Capacity 1: the render blocks once one finished chunk is waiting, which bounds memory to about two chunks.
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(1)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var cancel = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        // A dedicated thread, not the pool: the consumer blocks while waiting, and a starved pool would deadlock both.
        var render = Task.Factory.StartNew(() =>
        {
            try
            {
                RenderChunks(context, chunk => channel.Writer.WriteAsync(chunk, cancel.Token).AsTask().GetAwaiter().GetResult(), cancel.Token);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                // The consumer stopped early: nothing is waiting for the rest.
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            while (channel.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                while (channel.Reader.TryRead(out var chunk))
                    yield return chunk;
            render.GetAwaiter().GetResult();
            failure?.Throw();
        }
        finally
        {
            cancel.Cancel();
            // Wait so the render's pooled buffers are released before the caller moves on; it stops at its next
            // write or cancellation check.
            render.Wait(CancellationToken.None);
        }
    }

    private void RenderChunks(object? context, Action<string> send, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, object?>? globals = null, bool cutBySize = false)
    {
        long total = 0;
        void sink(string chunk)
        {
            total += chunk.Length;
            send(chunk);
        }
        var output = new OutputBuffer(4096);
        var ctx = new RenderContext(Environment, VariableSource.From(context), output, cancellationToken);
        ctx.RootOutput = output;
        ctx.RenderGlobals = globals;
        ctx.FlushHandler = chunk =>
        {
            _usesFlush = true;
            sink(ctx.ResolveStacks(chunk));
        };
        // Cut by size only until a {% stack %} marker is written: text after one must wait for the render's pushes.
        if (cutBySize) output.ChunkReady = () => { if (!ctx.UsesStacks) sink(output.TakeChunk()); };
        // The sandbox policy is per thread: RenderStream and RenderAsync run here, possibly on a worker thread.
        var policy = Runtime.Members.Sandbox.Enter(Environment.Options.MemberAccess);
        try
        {
            TemplateRendering.RenderRoot(ctx, this);
            output.CheckLimit();
            var rest = output.ToString();
            if (rest.Length > 0) sink(ctx.ResolveStacks(rest));
            // The page's size decides how the next RenderAsync goes (see RenderChunksAsync); written only when it grows.
            if (total > _lastLength) _lastLength = (int)Math.Min(total, int.MaxValue);
        }
        finally
        {
            Runtime.Members.Sandbox.Exit(policy);
            ctx.ReleaseBuffers();
            output.Release();
        }
    }

    /// <summary>
    /// Renders on a worker thread and writes each <c>{% flush %}</c> chunk (and each ~16K characters of a long page) to
    /// <paramref name="writer"/> as soon as it is complete. At most <see cref="AsyncChunksAhead"/> chunks wait for a slow writer (the render then pauses), and a
    /// writer that fails or a cancelled token stops the render.
    /// </summary>
    private async ValueTask RenderChunksAsync(TextWriter writer, object? context, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, object?>? globals = null)
    {
        if (!_usesFlush && _lastLength is > 0 and <= InlineAsyncLimit)
        {
            // A page known to be small and never cut by {% flush %} would be one chunk anyway: render it on the
            // caller's thread with its pooled context and write it in one piece — no worker thread, channel or string.
            var (text, length) = RenderPooled(context, cancellationToken, globals);
            try
            {
                await writer.WriteAsync(text.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                System.Buffers.ArrayPool<char>.Shared.Return(text);
            }
            return;
        }
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(AsyncChunksAhead)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var render = Task.Run(() =>
        {
            try
            {
                RenderChunks(context, chunk => channel.Writer.WriteAsync(chunk, stop.Token).AsTask().GetAwaiter().GetResult(), stop.Token,
                    globals, cutBySize: true);
                channel.Writer.TryComplete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var chunk in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false);
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Normally the render has finished; after a writer error or cancellation this unblocks and stops it.
            await stop.CancelAsync().ConfigureAwait(false);
            await render.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Renders with the thread's pooled context into a rented array (the caller returns it to the shared pool).</summary>
    private (char[] Text, int Length) RenderPooled(object? context, CancellationToken cancellationToken, IReadOnlyDictionary<string, object?>? globals)
    {
        var state = RenderThreadState.Current;
        var output = state.TakeBuffer(Math.Max(256, _lastLength));
        try
        {
            RenderInto(state, output, context, cancellationToken, globals);
            var length = output.Length;
            if (length > _lastLength) _lastLength = length;
            var text = System.Buffers.ArrayPool<char>.Shared.Rent(length);
            output.Written.CopyTo(text);
            return (text, length);
        }
        finally
        {
            state.GiveBack(output);
        }
    }

    /// <summary>
    /// The longest page <see cref="RenderAsync(TextWriter, object?, CancellationToken)"/> renders on the caller's thread in
    /// one piece; longer (or not yet measured) pages are rendered on a worker and streamed in ~16K chunks.
    /// </summary>
    internal const int InlineAsyncLimit = 8 * 1024;

    // Set once a render of this template was cut by {% flush %}: its async renders always stream, so the text before
    // each flush goes out early. Races are harmless (a late reader streams one render later).
    private bool _usesFlush;

    /// <summary>How many finished chunks <see cref="RenderAsync(TextWriter, object?, CancellationToken)"/> lets wait for the writer.</summary>
    internal const int AsyncChunksAhead = 4;
}
