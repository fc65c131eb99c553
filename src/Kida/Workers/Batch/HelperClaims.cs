namespace Kida.Workers;

/// <summary>
/// Whether each extra worker of a batch started before the work ran out. The caller starts the others and renders at
/// once; when it runs out of jobs, a worker still waiting for a pool thread is released — it will find nothing to do —
/// instead of waited for, so a batch that turned out too small to share never pays for a pool thread's wake-up.
/// Each slot moves once, from not started to started (by the worker) or to released (by the caller), whichever
/// comes first.
/// </summary>
internal sealed class HelperClaims(int helpers)
{
    private const int NotStarted = 0;
    private const int Started = 1;
    private const int Released = 2;

    private readonly int[] _state = new int[helpers];

    /// <summary>Called by helper <paramref name="helper"/> as it starts: false if the caller already released it.</summary>
    public bool TryStart(int helper) => Interlocked.CompareExchange(ref _state[helper], Started, NotStarted) == NotStarted;

    /// <summary>Called by the caller once it ran out of jobs: true if helper <paramref name="helper"/> had started and must be waited for.</summary>
    public bool MustWaitFor(int helper) => Interlocked.CompareExchange(ref _state[helper], Released, NotStarted) == Started;
}
