using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Kida.Compilation.Tiering;
using Kida.Syntax.Statements;

namespace Kida;

public sealed partial class Template
{
    // The compiled tier, once published (one reference write); null while interpreted.
    private volatile TierCode? _tier;

    // Renders left until the background compile is scheduled; 0 or less once it is (or when tiering is off), so the
    // render path stops writing it: a plain decrement, no interlocked operation (a lost update only delays the compile).
    private int _tierCountdown;

    // 0: not scheduled; 1: scheduled or done. Set by one compare-exchange, so a template compiles at most once.
    private int _tierScheduled;

    /// <summary>
    /// Which tier renders this template now: <see cref="TemplateTier.Interpreted"/> until it is hot (it has rendered
    /// <see cref="TemplateEnvironmentOptions.TieredCompilationThreshold"/> times) and its background compile has finished,
    /// <see cref="TemplateTier.Compiled"/> after. Always interpreted where dynamic code is not supported, when
    /// <see cref="TemplateEnvironmentOptions.TieredCompilation"/> is off, or when the compile failed (counted in
    /// <see cref="TemplateEnvironment.TierStatistics"/>). Both tiers render the same text and raise the same errors.
    /// </summary>
    public TemplateTier Tier => _tier is null ? TemplateTier.Interpreted : TemplateTier.Compiled;

    /// <summary>Test hook: an exception to raise inside the compile of a template (null: none), to prove failures stay invisible to renders.</summary>
    internal static Func<Template, Exception?>? TierCompileFault;

    /// <summary>Why the last compile of this template failed (for tests and diagnostics); null when none failed.</summary>
    internal Exception? TierFailure { get; private set; }

    /// <summary>How long this template's compile took and what it allocated (zero until compiled).</summary>
    internal (TimeSpan Elapsed, long Bytes) TierCompileCost { get; private set; }

    /// <summary>Called once the tree is bound: a threshold of zero compiles now, on the calling thread.</summary>
    internal void InitializeTier()
    {
        for (var i = 0; i < _blocks.Length; i++) _blocks[i].Block.TierIndex = i;
        if (!Environment.TieringEnabled) return;
        var threshold = Environment.Options.TieredCompilationThreshold;
        if (threshold <= 0)
        {
            _tierScheduled = 1;
            if (RuntimeFeature.IsDynamicCodeSupported) CompileTier();
            return;
        }
        _tierCountdown = threshold;
    }

    /// <summary>Runs this template's top level on its current tier, counting the render towards the compile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void RenderRootBody(Runtime.RenderContext ctx)
    {
        var tier = _tier;
        if (tier is not null)
        {
            tier.Code(ctx, -1);
            return;
        }
        if (_tierCountdown > 0 && --_tierCountdown <= 0) ScheduleTier();
        Root.Render(ctx);
    }

    /// <summary>Runs <paramref name="block"/>'s body: compiled when this template owns the block and is compiled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void RenderBlockBody(BlockStatement block, Runtime.RenderContext ctx)
    {
        var tier = _tier;
        var i = block.TierIndex;
        if (tier is not null && (uint)i < (uint)tier.Blocks.Length && ReferenceEquals(tier.Blocks[i], block)) tier.Code(ctx, i);
        else block.Body.Render(ctx);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ScheduleTier()
    {
        _tierCountdown = 0;
        if (Interlocked.CompareExchange(ref _tierScheduled, 1, 0) != 0) return;
        if (!RuntimeFeature.IsDynamicCodeSupported) return;
        ThreadPool.UnsafeQueueUserWorkItem(static t =>
        {
            if (RuntimeFeature.IsDynamicCodeSupported) t.CompileTier();
        }, this, preferLocal: false);
    }

    /// <summary>Compiles and publishes the compiled tier; a failure is recorded and leaves the template interpreted.</summary>
    [RequiresDynamicCode("The compiled tier compiles expression trees; callers check RuntimeFeature.IsDynamicCodeSupported.")]
    private void CompileTier()
    {
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        TierCode? code = null;
        try
        {
            if (TierCompileFault?.Invoke(this) is { } fault) throw fault;
            code = TemplateJit.Compile(this, _blocks.Select(b => b.Block).ToArray());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            TierFailure = e;
        }
        watch.Stop();
        var cost = (watch.Elapsed, GC.GetAllocatedBytesForCurrentThread() - bytes);
        TierCompileCost = cost;
        if (code is not null) _tier = code;
        Environment.RecordTierCompile(code is not null, cost.Elapsed, cost.Item2);
    }
}
