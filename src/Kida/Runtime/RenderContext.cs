using System.Runtime.CompilerServices;
using Kida.Runtime.Output;
using Kida.Runtime.Values;
using Kida.Syntax;

namespace Kida.Runtime;

/// <summary>What a loop body asked for with <c>break</c> or <c>continue</c>.</summary>
internal enum LoopControl : byte { None, Break, Continue }

/// <summary>
/// The state of one render: output, variables, block table, depth counters. One per render call and never shared
/// between threads; everything it points at that outlives the render (templates, environment) is immutable.
/// Synchronous renders reuse one context per thread (<see cref="RenderThreadState"/>), cleared between renders.
/// </summary>
internal sealed class RenderContext
{
    // Allocated on first use: most renders never capture output, set template variables or use blocks.
    private Stack<OutputBuffer>? _spareBuffers;
    private Dictionary<string, object?>? _vars;
    private Dictionary<string, List<BlockDefinition>>? _blocks;

    internal RenderContext(TemplateEnvironment environment, VariableSource root, OutputBuffer output, CancellationToken cancellation)
    {
        Environment = environment;
        Root = root;
        Output = output;
        Template = null!;
        Start(environment, output, cancellation);
    }

    /// <summary>Sets the per-render settings; shared by the constructor and <see cref="Reuse"/>.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Frame))]
    private void Start(TemplateEnvironment environment, OutputBuffer output, CancellationToken cancellation)
    {
        var options = environment.Options;
        OutputLimit = options.MaxOutputLength ?? long.MaxValue;
        output.Limit = OutputLimit;
        Behavior = options.EffectiveUndefined;
        Strict = Behavior == UndefinedBehavior.Strict;
        Native = null;
        KidaDialect = options.Dialect == TemplateDialect.Kida;
        if (cancellation.CanBeCanceled || Cancellation.CanBeCanceled) Cancellation = cancellation;
        if (!ReferenceEquals(Frame, Frame.Empty)) Frame = Frame.Empty;
    }

    /// <summary>Prepares a context kept by <see cref="RenderThreadState"/> for a new render (it was <see cref="Clear"/>ed).</summary>
    internal void Reuse(TemplateEnvironment environment, object? model, OutputBuffer output, CancellationToken cancellation)
    {
        // Stores are skipped when the value is unchanged: each reference store into this long-lived object costs a
        // GC write barrier, and the same environment and buffer are the common case.
        if (!ReferenceEquals(Environment, environment)) Environment = environment;
        var root = VariableSource.FromReusing(model, ref _spareSource);
        if (!ReferenceEquals(Root, root)) Root = root;
        if (!ReferenceEquals(Output, output)) Output = output;
        Start(environment, output, cancellation);
    }

    /// <summary>
    /// Drops everything the finished render pointed at (data, templates, variables, blocks), so a kept context holds
    /// no user objects, and keeps only its small scratch buffers.
    /// </summary>
    internal void Clear()
    {
        // Root may stay: it is the kept wrapper (which forgets its data) or null'd; Output is the thread's kept buffer
        // or a writer buffer, which is dropped.
        if (_spareSource is not null) VariableSource.Forget(_spareSource);
        if (!ReferenceEquals(Root, _spareSource)) Root = null!;
        if (Output is { WorthKeeping: false }) Output = null!;
        // Template stays: like Environment it is the engine's object, not the caller's data, and keeping it spares
        // the next render of the same template a write barrier.
        if (!ReferenceEquals(Frame, Frame.Empty)) Frame = Frame.Empty;
        _vars = null;
        if (_blocks is { Count: <= 64 } blocks)
        {
            // The block table and its chains are kept for the next render on this thread, emptied.
            foreach (var chain in blocks.Values)
            {
                chain.Clear();
                (_spareChains ??= new Stack<List<BlockDefinition>>()).Push(chain);
            }
            blocks.Clear();
        }
        else _blocks = null;
        _discard?.Clear();
        Autoescape = false;
        PendingParent = null;
        if (ExtendsChain is { } extended)
        {
            // Kept, emptied, for the next render on this thread: a page with a layout needs one every render.
            extended.Clear();
            _spareExtendsChain = extended;
        }
        ExtendsChain = null;
        BlockChain = null;
        BlockIndex = 0;
        IncludeDepth = 0;
        CallDepth = 0;
        Control = LoopControl.None;
        Providers = null;
        Stacks = null;
        UsesStacks = false;
        RootOutput = null;
        FlushHandler = null;
        RenderGlobals = null;
        if (Cancellation.CanBeCanceled) Cancellation = default;
        if (_spareBuffers is not null)
        {
            // Keep a few small capture buffers; the rest go back to the shared pool.
            while (_spareBuffers.Count > 4 || (_spareBuffers.Count > 0 && !_spareBuffers.Peek().WorthKeeping))
                _spareBuffers.Pop().Release();
        }
    }

    private VariableSource? _spareSource;
    private List<Template>? _spareExtendsChain;
    private Stack<List<BlockDefinition>>? _spareChains;

    /// <summary>The list of templates a render's <c>extends</c> walked, starting with <paramref name="first"/>; reused per thread.</summary>
    internal List<Template> NewExtendsChain(Template first)
    {
        var chain = _spareExtendsChain ?? new List<Template>(4);
        _spareExtendsChain = null;
        chain.Add(first);
        return chain;
    }

    /// <summary>An empty block chain, reused from an earlier render on this thread when there is one.</summary>
    internal List<BlockDefinition> NewBlockChain() =>
        _spareChains is { Count: > 0 } spare ? spare.Pop() : new List<BlockDefinition>(2);

    public TemplateEnvironment Environment { get; private set; }

    /// <summary>Whether the code now running escapes its output.</summary>
    public bool Autoescape { get; internal set; }

    internal bool Strict;
    /// <summary>What missing names, attributes and keys become in this render.</summary>
    internal UndefinedBehavior Behavior;
    /// <summary>Set during <see cref="Template.RenderNative(object?)"/>: collects the top-level output values.</summary>
    internal Output.NativeOutput? Native;
    internal bool KidaDialect;
    internal CancellationToken Cancellation;
    internal long OutputLimit;

    /// <summary>Where span tags record their ranges (<see cref="TemplateEnvironmentOptions.SpanTags"/>); null when not asked for.</summary>
    internal SpanRecording? Spans;

    // The state below is swapped when a macro, block, include or import runs and restored afterwards.
    internal OutputBuffer Output;
    internal Frame Frame;
    internal Dictionary<string, object?> Vars
    {
        get => _vars ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        set => _vars = value;
    }
    internal VariableSource Root;
    internal Template Template;
    internal Dictionary<string, List<BlockDefinition>> Blocks
    {
        get => _blocks ??= new Dictionary<string, List<BlockDefinition>>(StringComparer.Ordinal);
        set => _blocks = value;
    }

    /// <summary>The template variables without creating the table: null when nothing was assigned yet.</summary>
    internal Dictionary<string, object?>? VarsIfAny
    {
        get => _vars;
        set => _vars = value;
    }

    /// <summary>The block table without creating it: null when no template registered a block yet.</summary>
    internal Dictionary<string, List<BlockDefinition>>? BlocksIfAny
    {
        get => _blocks;
        set => _blocks = value;
    }

    /// <summary>The block chain for a name, without allocating a block table when there is none.</summary>
    internal bool TryGetBlockChain(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out List<BlockDefinition>? chain)
    {
        chain = null;
        return _blocks is { Count: > 0 } && _blocks.TryGetValue(name, out chain);
    }
    internal Template? PendingParent;
    internal List<Template>? ExtendsChain;
    internal List<BlockDefinition>? BlockChain;
    internal int BlockIndex;
    internal int IncludeDepth;
    internal int CallDepth;
    internal LoopControl Control;
    internal int TierStatement; // the running statement of a compiled function, for its error filter (Compilation/Tiering/TierFunction.cs)

    private OutputBuffer? _discard;

    // Kida additions: provide/consume, push/stack, flush. Created on first use.
    internal List<KeyValuePair<string, object?>>? Providers;
    internal Dictionary<string, List<string>>? Stacks;
    internal bool UsesStacks;

    /// <summary>The top-level output of the render; <c>{% flush %}</c> only cuts chunks there.</summary>
    internal OutputBuffer? RootOutput;

    /// <summary>Receives each chunk at a <c>{% flush %}</c> boundary (streaming renders only).</summary>
    internal Action<string>? FlushHandler;

    /// <summary>
    /// Globals of this render only (a web request's <c>request</c>, <c>csrf_token</c>…): looked up after the render
    /// arguments and before the environment's globals, everywhere the render reaches (includes, imports, macros).
    /// </summary>
    internal IReadOnlyDictionary<string, object?>? RenderGlobals;

    /// <summary>The innermost provided value for <paramref name="key"/>.</summary>
    internal bool TryConsume(string key, out object? value)
    {
        var providers = Providers;
        if (providers is not null)
        {
            for (var i = providers.Count - 1; i >= 0; i--)
            {
                if (providers[i].Key == key)
                {
                    value = providers[i].Value;
                    return true;
                }
            }
        }
        value = null;
        return false;
    }

    /// <summary>Marks where <c>{% stack name %}</c> goes; replaced when the render ends, so later pushes count too.</summary>
    internal static string StackMarker(string name) => "\uE000kida-stack:" + name + "\uE001";

    /// <summary>Replaces stack markers with everything pushed during the render.</summary>
    internal string ResolveStacks(string text)
    {
        if (!UsesStacks) return text;
        var sb = new System.Text.StringBuilder(text.Length);
        var pos = 0;
        while (true)
        {
            var start = text.IndexOf("\uE000kida-stack:", pos, StringComparison.Ordinal);
            if (start < 0) break;
            var end = text.IndexOf('\uE001', start);
            if (end < 0) break;
            sb.Append(text, pos, start - pos);
            var name = text.Substring(start + 12, end - start - 12);
            if (Stacks is not null && Stacks.TryGetValue(name, out var pushed)) foreach (var p in pushed) sb.Append(p);
            pos = end + 1;
        }
        sb.Append(text, pos, text.Length - pos);
        return sb.ToString();
    }

    /// <summary>Where a child template's top-level output goes after <c>extends</c>: nowhere.</summary>
    internal OutputBuffer Discard => _discard ??= OutputBuffer.Discarding();

    /// <summary>Looks up a name that is not a local: template variables, then render arguments, then globals.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal object? Lookup(string name)
    {
        object? v;
        if (_vars is { Count: > 0 } vars && vars.TryGetValue(name, out v)) return v;
        if (Root.TryGet(name, out v)) return v;
        return LookupGlobal(name);
    }

    private object? LookupGlobal(string name)
    {
        object? v;
        if (RenderGlobals is { } scoped && scoped.TryGetValue(name, out v)) return v;
        if (Environment.Globals.TryGetValue(name, out v)) return v;
        if (name == "self") return new TemplateReference(this);
        // The Kida dialect: an unknown variable raises on use even when not strict (missing attributes stay lenient).
        return new Undefined(name, null, UndefinedKind.Variable, KidaDialect ? UndefinedBehavior.Strict : Behavior);
    }


    /// <summary>
    /// Last line of defence at each recursion point (macro call, include, import, recursive loop): depth is limited
    /// by counters, but the stack the render runs on may be small, and a stack overflow would end the process.
    /// </summary>
    internal static void EnsureStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new TemplateRuntimeException(Diagnostics.ErrorCode.DepthExceeded, "template nesting is too deep to render (the thread's stack is nearly exhausted)");
    }

    internal Undefined MakeUndefined(string? name, object? owner, UndefinedKind kind, string? hint = null) => new(name, owner, kind, Behavior, hint);

    /// <summary>Redirects output into a fresh buffer; pair with <see cref="EndCapture"/>.</summary>
    internal OutputBuffer BeginCapture()
    {
        var previous = Output;
        var buffer = _spareBuffers is { Count: > 0 } spare ? spare.Pop() : new OutputBuffer(256);
        buffer.KidaQuotes = KidaDialect;
        buffer.Limit = OutputLimit;
        Output = buffer;
        return previous;
    }

    /// <summary>Restores the previous output and returns what was captured.</summary>
    internal string EndCapture(OutputBuffer previous)
    {
        var buffer = Output;
        var over = buffer.Length > OutputLimit;
        var text = over ? "" : buffer.ToString();
        buffer.Clear();
        (_spareBuffers ??= new Stack<OutputBuffer>()).Push(buffer);
        Output = previous;
        if (over) throw OutputBuffer.LimitExceeded(OutputLimit);
        return text;
    }

    internal void ReleaseBuffers()
    {
        if (_spareBuffers is null) return;
        while (_spareBuffers.Count > 0) _spareBuffers.Pop().Release();
    }

    /// <summary>Renders <paramref name="body"/> into a string instead of the current output.</summary>
    internal string RenderToString(Syntax.Statement body)
    {
        var previous = BeginCapture();
        string text;
        try { body.Render(this); }
        finally { text = EndCapture(previous); }
        return text;
    }

    /// <summary>
    /// What <c>{% set x %}</c>, <c>{% filter %}</c> and <c>{% capture %}</c> share: the body's text, safe under
    /// autoescape, passed through the given filters in order.
    /// </summary>
    internal object? RenderFiltered(Syntax.Statement body, Syntax.Expressions.FilterExpression[] filters)
    {
        object? value = MarkSafe(RenderToString(body));
        foreach (var f in filters) value = f.Apply(this, value);
        return value;
    }

    /// <summary>Wraps text produced by template code as safe when the template autoescapes (Jinja2's Markup on macro output).</summary>
    internal object MarkSafe(string text) => Autoescape ? new Markup(text) : text;
}
