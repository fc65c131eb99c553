using System.Diagnostics;

namespace Kida.Workers;

/// <summary>
/// What going parallel costs on this machine, measured rather than assumed: the fixed price of waking extra workers
/// and waiting for them (fork/join), and the extra cost per job of handing work out from a shared counter instead of
/// a plain loop. <see cref="Measured"/> measures once per process, on first need, in about a millisecond.
/// </summary>
/// <param name="ForkJoinMicroseconds">Starting one extra worker on the thread pool and joining it, with no work.</param>
/// <param name="PerJobMicroseconds">Handing out one job from the shared counter with two workers contending.</param>
public sealed record DispatchCosts(double ForkJoinMicroseconds, double PerJobMicroseconds)
{
    private static readonly Lazy<DispatchCosts> LazyMeasured = new(Measure, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>This process's measurement, taken on first use.</summary>
    public static DispatchCosts Measured => LazyMeasured.Value;

    /// <summary>Whether <see cref="Measured"/> has already been taken (so using it costs nothing).</summary>
    public static bool IsMeasured => LazyMeasured.IsValueCreated;

    /// <summary>
    /// The fixed cost of a batch on <paramref name="workers"/> workers: the caller is one of them, and the others
    /// are started one after another, so the cost grows with each extra worker.
    /// </summary>
    public double ForkJoin(int workers) => workers <= 1 ? 0 : ForkJoinMicroseconds * (workers - 1);

    private static DispatchCosts Measure()
    {
        // Warm the pool first: the first work items may have to create threads, which no later batch pays for.
        for (var i = 0; i < 8; i++) ForkJoinOnce(jobs: 0);

        const int rounds = 31;
        var forkJoin = new double[rounds];
        for (var i = 0; i < rounds; i++) forkJoin[i] = ForkJoinOnce(jobs: 0);
        Array.Sort(forkJoin);
        var forkJoinMedian = forkJoin[rounds / 2];

        const int jobs = 20_000;
        var handout = new double[5];
        for (var i = 0; i < handout.Length; i++) handout[i] = ForkJoinOnce(jobs);
        Array.Sort(handout);
        // Two workers shared the jobs; per job, each spent (elapsed − fork/join) × 2 ÷ jobs of its time handing out.
        var perJob = Math.Max(0, (handout[handout.Length / 2] - forkJoinMedian) * 2 / jobs);
        return new DispatchCosts(forkJoinMedian, perJob);
    }

    // One empty batch on two workers (the caller and one pool item) pulling `jobs` indices from a shared counter,
    // exactly as BatchRenderer hands out work, including its per-job timestamps. Returns microseconds.
    private static double ForkJoinOnce(int jobs)
    {
        var state = new HandoutState(jobs);
        var start = Stopwatch.GetTimestamp();
        ThreadPool.UnsafeQueueUserWorkItem(static s => { s.Drain(); s.Done.Set(); }, state, preferLocal: false);
        state.Drain();
        state.Done.Wait();
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        state.Done.Dispose();
        return elapsed;
    }

    private sealed class HandoutState(int jobs)
    {
        private int _next = -1;
        private long _sink;

        public ManualResetEventSlim Done { get; } = new(false, spinCount: 0);

        public void Drain()
        {
            long local = 0;
            while (Interlocked.Increment(ref _next) < jobs)
            {
                var t0 = Stopwatch.GetTimestamp();
                local += Stopwatch.GetTimestamp() - t0;
            }
            Interlocked.Add(ref _sink, local);
        }
    }
}
