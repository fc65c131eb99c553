namespace Kida;

public sealed partial class TemplateEnvironment
{
    private int _tierCompiled;
    private int _tierFailed;
    private long _tierTicks;
    private long _tierBytes;

    /// <summary>
    /// What the compiled tier has done in this environment: templates compiled, compiles that failed (those templates
    /// stay interpreted), and the time and memory the compiles took. All zero when
    /// <see cref="TemplateEnvironmentOptions.TieredCompilation"/> is off or dynamic code is not supported.
    /// </summary>
    public CompiledTierStatistics TierStatistics => new(
        Volatile.Read(ref _tierCompiled),
        Volatile.Read(ref _tierFailed),
        TimeSpan.FromTicks(Interlocked.Read(ref _tierTicks)),
        Interlocked.Read(ref _tierBytes));

    /// <summary>Whether templates of this environment move to the compiled tier at all (the option, and dynamic code supported).</summary>
    internal bool TieringEnabled => Options.TieredCompilation && System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported;

    internal void RecordTierCompile(bool succeeded, TimeSpan elapsed, long bytes)
    {
        Interlocked.Increment(ref succeeded ? ref _tierCompiled : ref _tierFailed);
        Interlocked.Add(ref _tierTicks, elapsed.Ticks);
        Interlocked.Add(ref _tierBytes, bytes);
    }

    /// <summary>A later compile of an already compiled template (block bodies that first ran after it): its cost only.</summary>
    internal void RecordTierCompileCost(TimeSpan elapsed, long bytes)
    {
        Interlocked.Add(ref _tierTicks, elapsed.Ticks);
        Interlocked.Add(ref _tierBytes, bytes);
    }
}
