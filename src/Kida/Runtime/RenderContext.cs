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
/// </summary>
public sealed class RenderContext
{
    private readonly Stack<OutputBuffer> _spareBuffers = new();

    internal RenderContext(TemplateEnvironment environment, VariableSource root, OutputBuffer output, CancellationToken cancellation)
    {
        Environment = environment;
        Root = root;
        Output = output;
        OutputLimit = environment.Options.MaxOutputLength ?? long.MaxValue;
        output.Limit = OutputLimit;
        Strict = environment.Options.StrictUndefined;
        KidaDialect = environment.Options.Dialect == TemplateDialect.Kida;
        Cancellation = cancellation;
        Vars = new Dictionary<string, object?>(StringComparer.Ordinal);
        Blocks = new Dictionary<string, List<BlockDefinition>>(StringComparer.Ordinal);
        Frame = new Frame(0, null);
        Template = null!;
    }

    public TemplateEnvironment Environment { get; }

    /// <summary>Whether the code now running escapes its output.</summary>
    public bool Autoescape { get; internal set; }

    internal readonly bool Strict;
    internal readonly bool KidaDialect;
    internal readonly CancellationToken Cancellation;
    internal readonly long OutputLimit;

    // The state below is swapped when a macro, block, include or import runs and restored afterwards.
    internal OutputBuffer Output;
    internal Frame Frame;
    internal Dictionary<string, object?> Vars;
    internal VariableSource Root;
    internal Template Template;
    internal Dictionary<string, List<BlockDefinition>> Blocks;
    internal Template? PendingParent;
    internal List<BlockDefinition>? BlockChain;
    internal int BlockIndex;
    internal int IncludeDepth;
    internal int CallDepth;
    internal LoopControl Control;

    private OutputBuffer? _discard;

    /// <summary>Where a child template's top-level output goes after <c>extends</c>: nowhere.</summary>
    internal OutputBuffer Discard => _discard ??= OutputBuffer.Discarding();

    /// <summary>Looks up a name that is not a local: template variables, then render arguments, then globals.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal object? Lookup(string name)
    {
        if (Vars.Count != 0 && Vars.TryGetValue(name, out var v)) return v;
        if (Root.TryGet(name, out v)) return v;
        return LookupGlobal(name);
    }

    private object? LookupGlobal(string name)
    {
        if (Environment.Globals.TryGetValue(name, out var v)) return v;
        if (name == "self") return new TemplateReference(this);
        return new Undefined(name, null, UndefinedKind.Variable, Strict);
    }

    /// <summary>Whether a name resolves outside the locals (for <c>is defined</c> on globals).</summary>
    internal bool TryLookup(string name, out object? value)
    {
        if (Vars.TryGetValue(name, out value)) return true;
        if (Root.TryGet(name, out value)) return true;
        return Environment.Globals.TryGetValue(name, out value);
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

    internal Undefined MakeUndefined(string? name, object? owner, UndefinedKind kind) => new(name, owner, kind, Strict);

    /// <summary>Redirects output into a fresh buffer; pair with <see cref="EndCapture"/>.</summary>
    internal OutputBuffer BeginCapture()
    {
        var previous = Output;
        var buffer = _spareBuffers.Count > 0 ? _spareBuffers.Pop() : new OutputBuffer(256);
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
        _spareBuffers.Push(buffer);
        Output = previous;
        if (over) throw OutputBuffer.LimitExceeded(OutputLimit);
        return text;
    }

    internal void ReleaseBuffers()
    {
        while (_spareBuffers.Count > 0) _spareBuffers.Pop().Release();
    }

    /// <summary>Wraps text produced by template code as safe when the template autoescapes (Jinja2's Markup on macro output).</summary>
    internal object MarkSafe(string text) => Autoescape ? new Markup(text) : text;
}
