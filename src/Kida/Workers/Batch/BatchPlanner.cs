using System.Globalization;

namespace Kida.Workers;

/// <summary>
/// The adaptive decision, as a pure function of predictions and measurements so it can be tested with injected
/// figures. It predicts the batch's wall time on 1…N workers and picks the fastest, going parallel only when that
/// beats a serial loop by a clear margin (prediction errors then cost little: the serial loop is the fallback).
/// </summary>
internal static class BatchPlanner
{
    /// <summary>
    /// Parallel must be predicted at most this fraction of the serial time (a 5% gain) to be chosen. The margin is
    /// small because a wrong call costs little: jobs are handed out one at a time, so two workers finish no later than
    /// one unless the machine gives the second nothing, and a worker that wakes too late is released, not waited for.
    /// (It was 10% while the caller waited for every worker it had started.)
    /// </summary>
    public const double RequiredRatio = 0.95;

    /// <summary>
    /// Parallel must also save at least this many µs, besides the 5%: a smaller predicted saving is within the timer's
    /// resolution and the spread of a task's start (0.5 µs with the pool awake, 3–4 µs asleep; the model charges the
    /// former). Set from the tuning matrix's 8-job batches of 2 µs jobs: at 2 µs the skewed ones go parallel, where two
    /// workers gain 10–15%, and the uniform ones, where they gain nothing, stay serial. (It was 10 µs, from 8 jobs of
    /// 3 µs timed at 34 µs on two workers against 27 µs on one — JIT warm-up, it turned out: once the batch machinery
    /// is warm such batches take 12–15 µs on either.)
    /// </summary>
    public const double MinimumSavingMicroseconds = 2;

    /// <summary>Each extra worker must cut the predicted time by at least 2%, so marginal gains don't oversubscribe.</summary>
    public const double ExtraWorkerRatio = 0.98;

    /// <summary>Below this much predicted work, no parallel plan can win, so the machine is not even measured.</summary>
    public const double TrivialMicroseconds = 10;

    /// <summary>
    /// Predicted wall time on <paramref name="workers"/> workers. The caller starts the others and renders at once;
    /// they join after <see cref="DispatchCosts.WakeMicroseconds"/>, and from then on the rest of the work spreads over
    /// all of them, each render stretched by the measured slowdown of sharing the machine. When the largest job is
    /// more than a worker's share (a job is never split), it starts first (heaviest first) and sets the makespan: the
    /// other workers share the rest, slowed down while they run beside it, and once they are done it runs alone at
    /// full speed; the slowed part of the rest, rest × (slowdown − 1) ÷ (workers − 1), is what the large job loses to
    /// them. With a spread of recent wake-up times (<see cref="DispatchCosts.WakeSpread"/>) the prediction is the mean
    /// over them. At the end a worker waits, on average, half a job for the others to finish theirs — one of the smaller
    /// jobs, heaviest first having handed out the largest at the start. Never more than the
    /// serial time plus starting the workers: workers that wake after the work ran out are released, not waited for.
    /// Handing out each job from the shared counter comes on top.
    /// </summary>
    public static double PredictMicroseconds(int workers, int jobCount, double totalMicroseconds, double largestMicroseconds, double slowdown, DispatchCosts costs)
    {
        if (workers <= 1) return totalMicroseconds;
        // A spread of recent wake-up times: the expected time over them. Each one's prediction is capped at serial
        // plus starting the workers (a worker that wakes too late is released), so a batch shorter than the median
        // wake-up still goes parallel when enough of the wake-ups are short enough to gain — the pool thread
        // sometimes finds a processor at once even when another process keeps one busy.
        if (costs.WakeSpread is { Length: > 0 } spread)
        {
            double sum = 0;
            foreach (var wake in spread) sum += PredictWithWake(workers, jobCount, totalMicroseconds, largestMicroseconds, slowdown, costs, wake);
            return sum / spread.Length;
        }
        return PredictWithWake(workers, jobCount, totalMicroseconds, largestMicroseconds, slowdown, costs, costs.WakeMicroseconds);
    }

    private static double PredictWithWake(int workers, int jobCount, double totalMicroseconds, double largestMicroseconds, double slowdown, DispatchCosts costs, double wake)
    {
        var overhead = costs.Start(workers) + jobCount * costs.PerJobMicroseconds / workers;
        if (totalMicroseconds <= wake) return totalMicroseconds + overhead;
        var spread = wake + (totalMicroseconds - wake) * slowdown / workers;
        if (largestMicroseconds * workers > totalMicroseconds)
            spread = Math.Max(spread, largestMicroseconds + (totalMicroseconds - largestMicroseconds) * (slowdown - 1) / (workers - 1));
        var tail = (totalMicroseconds - largestMicroseconds) / Math.Max(1, jobCount - 1) * slowdown / 2;
        return Math.Min(totalMicroseconds, spread + tail) + overhead;
    }

    /// <summary>
    /// Highest worker count worth considering: processors for CPU-bound work, up to four times that for I/O-bound.
    /// Not more against competing processes either (<see cref="DispatchCosts.CompetingThreads"/>): in theory each
    /// runnable thread gets its share, so a third worker on two processors beside a busy neighbour would get 1.5
    /// processors where two get 1.33; on the development VM (other helpers' builds, load average 15–35) the matrix's
    /// big cells on three or four workers were as often slower as faster than on two, and its small ones up to 15×
    /// slower — an extra worker descheduled while it holds a job stalls the batch for a time slice, and the scheduler
    /// shares the processors between sessions (autogroups) before threads, so the extra share is mostly not there.
    /// </summary>
    public static int MaxWorkers(int jobCount, int processorCount, WorkloadType workloadType) =>
        Math.Max(1, Math.Min(jobCount, workloadType == WorkloadType.IoBound ? 4 * processorCount : processorCount));

    /// <param name="jobCount">Jobs still to run.</param>
    /// <param name="totalMicroseconds">Their predicted total render time, in serial units.</param>
    /// <param name="largestMicroseconds">The largest single job's predicted time.</param>
    /// <param name="host">Processors and whether threads run in parallel.</param>
    /// <param name="workloadType">CPU-bound or I/O-bound.</param>
    /// <param name="costs">This machine's dispatch costs; null when not measured (only allowed for trivial work).</param>
    /// <param name="model">Source of the measured slowdown per worker count.</param>
    /// <param name="basis">How the prediction was obtained, quoted in the reason (e.g. "learned costs").</param>
    public static BatchDecision Decide(
        int jobCount,
        double totalMicroseconds,
        double largestMicroseconds,
        WorkerHost host,
        WorkloadType workloadType,
        DispatchCosts? costs,
        CostModel model,
        string basis)
    {
        string Work() => $"{jobCount.ToString(CultureInfo.InvariantCulture)} jobs predicted at {Time(totalMicroseconds)} of work ({basis}";
        var work = TimeSpan.FromMicroseconds(totalMicroseconds);
        if (jobCount <= 1) return new(1, () => $"Serial: {Work()}) — a single job cannot be split.") { Cause = BatchDecisionCause.SingleJob, PredictedWork = work };
        if (!host.IsParallelCapable) return new(1, () => $"Serial: {Work()}) — this platform runs one thread at a time.") { Cause = BatchDecisionCause.SingleThreaded, PredictedWork = work };
        var cap = MaxWorkers(jobCount, host.ProcessorCount, workloadType);
        if (cap <= 1) return new(1, () => $"Serial: {Work()}) — the process has one processor.") { Cause = BatchDecisionCause.OneProcessor, PredictedWork = work };
        if (costs is null || totalMicroseconds < TrivialMicroseconds)
            return new(1, () => $"Serial: {Work()}) — below {Time(TrivialMicroseconds)}, less than waking a single worker costs.") { Cause = BatchDecisionCause.TooLittleWork, PredictedWork = work };

        var best = 1;
        var bestTime = totalMicroseconds;
        for (var w = 2; w <= cap; w++)
        {
            var t = PredictMicroseconds(w, jobCount, totalMicroseconds, largestMicroseconds, SlowdownOf(w, model, costs, host, workloadType), costs);
            if (t < bestTime * (best == 1 ? 1.0 : ExtraWorkerRatio))
            {
                best = w;
                bestTime = t;
            }
        }

        string Wake() => costs.WakeSpread is { Length: > 1 } spread
            ? $"a worker wakes in {Time(costs.WakeMicroseconds)} (median of the latest {spread.Length.ToString(CultureInfo.InvariantCulture)} batches', {Time(spread[0])}–{Time(spread[^1])}; predicted over all of them)"
            : $"a worker wakes in {Time(costs.WakeMicroseconds)}";
        string Measured() => $"{Wake()} and costs {Time(costs.StartMicroseconds)} to start, {costs.PerJobMicroseconds.ToString("0.###", CultureInfo.InvariantCulture)} µs per job handed out, measured on this machine{Competing()}";
        string Competing() => costs.CompetingThreads >= 0.25
            ? $"; {costs.CompetingThreads.ToString("0.#", CultureInfo.InvariantCulture)} runnable threads of other processes compete for the processors"
            : "";
        if (best == 1 || bestTime > totalMicroseconds * RequiredRatio || totalMicroseconds - bestTime < MinimumSavingMicroseconds)
        {
            var two = PredictMicroseconds(2, jobCount, totalMicroseconds, largestMicroseconds, SlowdownOf(2, model, costs, host, workloadType), costs);
            return new(1, () => $"Serial: {Work()}, largest {Time(largestMicroseconds)}) would take about {Time(two)} on 2 workers, not {(1 - RequiredRatio) * 100:0}% and {Time(MinimumSavingMicroseconds)} under serial ({Measured()}).")
            {
                Cause = BatchDecisionCause.NoGain, PredictedWork = work, PredictedParallelTime = TimeSpan.FromMicroseconds(two),
            };
        }
        var slowdown = SlowdownOf(best, model, costs, host, workloadType);
        return new(best, () => $"Parallel on {best} workers: {Work()}, largest {Time(largestMicroseconds)}) should finish in about {Time(bestTime)} instead of {Time(totalMicroseconds)} serially ({Measured()}; slowdown {slowdown.ToString("0.00", CultureInfo.InvariantCulture)}× when {best} share the machine).")
        {
            Cause = BatchDecisionCause.Parallel, PredictedWork = work, PredictedParallelTime = TimeSpan.FromMicroseconds(bestTime),
        };
    }

    /// <summary>The slowdown set in the cost model for this worker count if any (tests, what-ifs), else the machine's measured one.</summary>
    /// I/O-bound jobs mostly wait, so their workers do not slow each other down.
    public static double SlowdownOf(int workers, CostModel model, DispatchCosts costs, WorkerHost host, WorkloadType workloadType) =>
        model.HasSlowdownOverride ? model.GetSlowdown(workers)
        : workloadType == WorkloadType.IoBound ? 1.0
        : costs.Slowdown(workers, host.ProcessorCount);

    internal static string Time(double microseconds) => microseconds switch
    {
        >= 1_000_000 => (microseconds / 1_000_000).ToString("0.##", CultureInfo.InvariantCulture) + " s",
        >= 1000 => (microseconds / 1000).ToString("0.##", CultureInfo.InvariantCulture) + " ms",
        _ => microseconds.ToString("0.#", CultureInfo.InvariantCulture) + " µs",
    };
}
