namespace Kida.Cli.Rendering;

/// <summary>
/// Early in a process the GC's first gen-0 budget (about 64 MB on the development VM) is fresh memory: every
/// allocation into it first touches its page, and until the first collections a page of the site cost about twice
/// what it cost later (bench/site-scale.sh, docs/cli.md). Collecting gen 0 every <see cref="StepBytes"/> during the
/// first <see cref="WindowBytes"/> of allocation lets later pages reuse memory already touched; past that window the
/// GC's own budgets take over. Costs a few cheap collections (little survives a page).
/// </summary>
internal static class EarlyNursery
{
    public const long StepBytes = 16L << 20;
    public const long WindowBytes = 256L << 20;

    private static long _next = StepBytes;

    /// <summary>Called after each page; collects gen 0 when the process has allocated another step inside the window.</summary>
    public static void AfterPage()
    {
        var next = Volatile.Read(ref _next);
        if (next > WindowBytes) return;
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        if (allocated < next) return;
        if (Interlocked.CompareExchange(ref _next, allocated + StepBytes, next) != next) return;
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
    }
}
