using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Kida.Compilation.Tiering;
using Kida.Syntax.Statements;

namespace Kida;

public sealed partial class Template
{
    // The compiled tier, once published (one reference write); null while interpreted. A later compile that adds block
    // bodies publishes a new TierCode the same way.
    private volatile TierCode? _tier;

    // Renders left until the background compile is scheduled; 0 or less once it is (or when tiering is off), so the
    // render path stops writing it: a plain decrement, no interlocked operation (a lost update only delays the compile).
    private int _tierCountdown;

    // Compiles of this template: 0 none in flight, 1 one queued or running (set by one compare-exchange, so compiles of
    // one template never overlap and each publishes on top of the last), 2 a compile failed (no more are tried).
    private int _tierState;

    // The blocks this template defines (their TierIndex is the position here), and how often each body ran on the
    // interpreter: a body compiles only once it has run, so a layout's blocks that every page overrides never compile.
    private BlockStatement[] _tierBlocks = [];
    private int[] _tierBlockRuns = [];

    // Whether block runs are counted: tiering on, with a threshold (a threshold of zero compiles every function at once).
    private bool _tierCounting;

    /// <summary>
    /// Which tier renders this template now: <see cref="TemplateTier.Interpreted"/> until it is hot (it has rendered
    /// <see cref="TemplateEnvironmentOptions.TieredCompilationThreshold"/> times) and its background compile has finished,
    /// <see cref="TemplateTier.Compiled"/> after. Always interpreted where dynamic code is not supported, when
    /// <see cref="TemplateEnvironmentOptions.TieredCompilation"/> is off, or when the compile failed (counted in
    /// <see cref="TemplateEnvironment.TierStatistics"/>). Both tiers render the same text and raise the same errors.
    /// </summary>
    /// <remarks>
    /// Compiled means the top level is; a block body compiles once it has run (a layout's block that every page
    /// overrides stays uncompiled), either with the top level or, when it first runs later, after it has run the
    /// threshold's number of times on the interpreter.
    /// </remarks>
    public TemplateTier Tier => _tier is null ? TemplateTier.Interpreted : TemplateTier.Compiled;

    /// <summary>Test hook: an exception to raise inside the compile of a template (null: none), to prove failures stay invisible to renders.</summary>
    internal static Func<Template, Exception?>? TierCompileFault;

    /// <summary>Why the last compile of this template failed (for tests and diagnostics); null when none failed.</summary>
    internal Exception? TierFailure { get; private set; }

    /// <summary>How long this template's compiles took and what they allocated, summed (zero until compiled).</summary>
    internal (TimeSpan Elapsed, long Bytes) TierCompileCost { get; private set; }

    /// <summary>The blocks this template defines, in the order of their tier index.</summary>
    internal IReadOnlyList<BlockStatement> TierBlocks => _tierBlocks;

    /// <summary>Whether the body of the block named <paramref name="name"/> (defined by this template) runs compiled now.</summary>
    internal bool IsBlockCompiled(string name)
    {
        var tier = _tier;
        if (tier is null) return false;
        for (var i = 0; i < _tierBlocks.Length; i++)
            if (_tierBlocks[i].Name == name) return tier.Blocks[i] is not null;
        return false;
    }

    /// <summary>Called once the tree is bound: a threshold of zero compiles now, on the calling thread.</summary>
    internal void InitializeTier()
    {
        _tierBlocks = _blocks.Select(b => b.Block).ToArray();
        _tierBlockRuns = new int[_tierBlocks.Length];
        for (var i = 0; i < _tierBlocks.Length; i++) _tierBlocks[i].TierIndex = i;
        if (!Environment.TieringEnabled) return;
        var threshold = Environment.Options.TieredCompilationThreshold;
        if (threshold <= 0)
        {
            _tierState = 1;
            if (RuntimeFeature.IsDynamicCodeSupported) CompileTier(everyFunction: true);
            return;
        }
        _tierCountdown = threshold;
        _tierCounting = true;
    }

    /// <summary>Runs this template's top level on its current tier, counting the render towards the compile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void RenderRootBody(Runtime.RenderContext ctx)
    {
        var tier = _tier;
        if (tier is not null)
        {
            tier.Root.Run(ctx);
            return;
        }
        if (_tierCountdown > 0 && --_tierCountdown <= 0) ScheduleTier();
        Root.Render(ctx);
    }

    /// <summary>
    /// Runs <paramref name="block"/>'s body: compiled when this template owns the block and has compiled its body;
    /// otherwise on the interpreter, counting the run (a body that runs the threshold's times after the template was
    /// compiled schedules its own compile).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void RenderBlockBody(BlockStatement block, Runtime.RenderContext ctx)
    {
        var i = block.TierIndex;
        var blocks = _tierBlocks;
        if ((uint)i < (uint)blocks.Length && ReferenceEquals(blocks[i], block))
        {
            if (_tier?.Blocks[i] is { } code)
            {
                code.Run(ctx);
                return;
            }
            if (_tierCounting) CountBlockRun(i);
        }
        block.Body.Render(ctx);
    }

    private void CountBlockRun(int i)
    {
        var runs = ++_tierBlockRuns[i];
        // Before the template is compiled, the top level's countdown decides; the count says which bodies ran.
        if (runs >= Environment.Options.TieredCompilationThreshold && _tier is not null) ScheduleTier();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ScheduleTier()
    {
        _tierCountdown = 0;
        if (!RuntimeFeature.IsDynamicCodeSupported) return;
        if (Interlocked.CompareExchange(ref _tierState, 1, 0) != 0) return;
        ThreadPool.UnsafeQueueUserWorkItem(static t =>
        {
            if (RuntimeFeature.IsDynamicCodeSupported) t.CompileTier(everyFunction: false);
        }, this, preferLocal: false);
    }

    /// <summary>
    /// Test and measurement hook: the compile a background compile would run now (the top level, and every block body
    /// that has run), on the calling thread; false when a compile is already in flight, one failed, or tiering is off.
    /// </summary>
    internal bool CompileTierNow()
    {
        if (!Environment.TieringEnabled || !RuntimeFeature.IsDynamicCodeSupported) return false;
        if (Interlocked.CompareExchange(ref _tierState, 1, 0) != 0) return false;
        _tierCountdown = 0;
        CompileTier(everyFunction: false);
        return _tier is not null;
    }

    /// <summary>
    /// Compiles what is not compiled yet — the top level, and the block bodies that have run (all of them with
    /// <paramref name="everyFunction"/>) — and publishes the result on top of the current tier; a failure is recorded
    /// and leaves the template as it was (and no further compile is tried). Runs with <see cref="_tierState"/> at 1.
    /// </summary>
    [RequiresDynamicCode("The compiled tier compiles expression trees; callers check RuntimeFeature.IsDynamicCodeSupported.")]
    private void CompileTier(bool everyFunction)
    {
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var current = _tier;
        TierCode? code = null;
        var added = 0;
        try
        {
            if (TierCompileFault?.Invoke(this) is { } fault) throw fault;
            var functions = new List<StatementList>();
            if (current is null) functions.Add(Root);
            var blocks = current is null ? new TierFunction?[_tierBlocks.Length] : (TierFunction?[])current.Blocks.Clone();
            var compiledBlocks = new List<int>();
            for (var i = 0; i < blocks.Length; i++)
            {
                if (blocks[i] is not null || !(everyFunction || Volatile.Read(ref _tierBlockRuns[i]) > 0)) continue;
                compiledBlocks.Add(i);
                functions.Add(_tierBlocks[i].Body);
            }
            added = functions.Count;
            var root = current?.Root;
            if (added > 0)
            {
                var compiled = TemplateJit.Compile(functions, out var spans);
                var entry = 0;
                if (root is null) root = new TierFunction(compiled, entry++, spans);
                foreach (var i in compiledBlocks) blocks[i] = new TierFunction(compiled, entry++, spans);
            }
            code = added > 0 ? new TierCode(root!, blocks) : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            TierFailure = e;
        }
        watch.Stop();
        var cost = (watch.Elapsed, GC.GetAllocatedBytesForCurrentThread() - bytes);
        TierCompileCost = (TierCompileCost.Elapsed + cost.Elapsed, TierCompileCost.Bytes + cost.Item2);
        if (code is not null) _tier = code;
        if (TierFailure is not null) Environment.RecordTierCompile(false, cost.Elapsed, cost.Item2);
        else if (current is null) Environment.RecordTierCompile(true, cost.Elapsed, cost.Item2);
        else Environment.RecordTierCompileCost(cost.Elapsed, cost.Item2);
        Volatile.Write(ref _tierState, TierFailure is null ? 0 : 2);
    }
}
