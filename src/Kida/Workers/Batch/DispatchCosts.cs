using System.Diagnostics;

namespace Kida.Workers;

/// <summary>
/// What going parallel costs on this machine, measured rather than assumed: how long an extra worker takes to wake and
/// what starting it costs the caller, and the extra cost per job of handing work out from a shared counter instead of
/// a plain loop; and how much slower each render gets when every processor renders at once (shared caches, memory
/// bandwidth, hyper-threads, other processes). <see cref="Measured"/> measures once per process, on first need, in a
/// few milliseconds (seven rounds of 40 small renders alone and 40 on every processor at once); batches big enough
/// to pay for it re-measure the slowdown now and then (<see cref="Refreshed"/>).
/// </summary>
/// <param name="WakeMicroseconds">
/// From asking the thread pool for one extra worker to that worker taking its first job. The caller does not wait for
/// it: it renders meanwhile, and a worker that wakes after the work ran out is released, not waited for.
/// </param>
/// <param name="PerJobMicroseconds">Handing out one job from the shared counter with two workers contending.</param>
/// <param name="FullLoadSlowdown">
/// A render's time with all processors rendering ÷ its time alone (1.0 = perfect scaling). Measured with a small
/// built-in template; worker counts in between are interpolated linearly.
/// </param>
/// <param name="StartMicroseconds">What starting one extra worker costs the calling thread (queueing it, waking a pool thread).</param>
public sealed record DispatchCosts(double WakeMicroseconds, double PerJobMicroseconds, double FullLoadSlowdown = 1.0, double StartMicroseconds = 2.0)
{
    /// <summary>
    /// The slowdown of a render when <paramref name="workers"/> of <paramref name="processorCount"/> processors
    /// render at once: 1.0 alone, <see cref="FullLoadSlowdown"/> with all of them, linear in between; above the
    /// processor count, workers take turns, so the slowdown grows in proportion.
    /// </summary>
    public double Slowdown(int workers, int processorCount)
    {
        if (workers <= 1) return 1.0;
        if (processorCount <= 1) return workers;
        var shared = workers > processorCount ? FullLoadSlowdown : 1.0 + (FullLoadSlowdown - 1.0) * (workers - 1) / (processorCount - 1);
        // Time-sharing: each runnable thread gets an equal part of the processors, so a worker runs at
        // share(w) = min(1, P ÷ (w + competing)) of a processor's speed, and a batch is slowed by share(1) ÷ share(w)
        // against one worker alone. With nothing competing this is 1 up to P workers and w ÷ P above.
        return shared * Share(1, processorCount) / Share(workers, processorCount);
    }

    private double Share(int workers, int processorCount) => Math.Min(1.0, processorCount / (workers + CompetingThreads));

    /// <summary>
    /// Runnable threads of other processes competing for the processors (0 on a quiet machine): a noisy neighbour
    /// keeping one processor busy is 1. Estimated from how long real batches' workers waited for a processor
    /// (<see cref="ProcessorShare"/>, the median of the latest <see cref="RecentCompetition"/>), where the platform
    /// says; 0 elsewhere. <see cref="Slowdown"/> includes it: against one busy neighbour on two processors, two
    /// workers get 2/3 of a processor each, so a batch on two runs 1.33×, not 2×, faster than on one.
    /// </summary>
    internal double CompetingThreads { get; init; }

    /// <summary>
    /// The latest wake-up times of real batches' workers, smallest first, or null when only
    /// <see cref="WakeMicroseconds"/> is known. On a machine shared with other processes they spread over three orders
    /// of magnitude — a pool thread finds an idle processor and starts in microseconds, or waits for another process's
    /// time slice to end and starts milliseconds later — and the median alone then says "no batch under a few
    /// milliseconds can gain" where half of them would. When set, the planner predicts a parallel batch once per
    /// wake-up time and takes the mean (see <see cref="BatchPlanner.PredictMicroseconds"/>).
    /// </summary>
    internal double[]? WakeSpread { get; init; }

    private static readonly Lazy<DispatchCosts> LazyMeasured = new(Measure, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// This process's measurement, taken on first use; then its <see cref="FullLoadSlowdown"/> follows the latest
    /// slowdown measurements (<see cref="Refreshed"/>) and its <see cref="WakeMicroseconds"/> the latest batches'
    /// workers (<see cref="ObserveWake"/>).
    /// </summary>
    public static DispatchCosts Measured => _refreshed ?? LazyMeasured.Value;

    /// <summary>Whether <see cref="Measured"/> has already been taken (so using it costs nothing).</summary>
    public static bool IsMeasured => LazyMeasured.IsValueCreated;

    /// <summary>
    /// What the caller spends starting the other workers of a batch on <paramref name="workers"/> workers: the caller
    /// is one of them, and the others are started one after another.
    /// </summary>
    public double Start(int workers) => workers <= 1 ? 0 : StartMicroseconds * (workers - 1);

    private static readonly Lazy<DispatchCosts> LazyHandout = new(MeasureHandout, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Wake, start and hand-out costs only (a few milliseconds, mostly starting pool threads a parallel batch needs
    /// anyway), with <see cref="FullLoadSlowdown"/> left at 1.0: for a batch that measures the slowdown on its own
    /// jobs instead (see docs/tuning.md).
    /// </summary>
    internal static DispatchCosts Handout => LazyMeasured.IsValueCreated ? Measured with { FullLoadSlowdown = 1.0, CompetingThreads = 0 } : LazyHandout.Value;

    /// <summary>
    /// The <see cref="FullLoadSlowdown"/> that gives <paramref name="slowdown"/> on <paramref name="workers"/> of
    /// <paramref name="processorCount"/> processors, inverting <see cref="Slowdown"/>'s linear interpolation;
    /// clamped to 1.0…processors.
    /// </summary>
    internal static double FullLoadFrom(double slowdown, int workers, int processorCount)
    {
        if (workers <= 1 || processorCount <= 1) return 1.0;
        var full = workers >= processorCount
            ? slowdown * processorCount / workers
            : 1.0 + (slowdown - 1.0) * (processorCount - 1) / (workers - 1);
        return Math.Clamp(full, 1.0, processorCount);
    }

    // ---- refreshing the slowdown ------------------------------------------------------------------------------
    // One measurement takes a few milliseconds, and on a shared machine a few milliseconds are unrepresentative: on the
    // 2-vCPU development VM, back-to-back measurements read anywhere from 1.0× to 2.0× (at 2.0× both threads ran at
    // half speed, as if they had one processor between them), and one read in a bad moment would keep every later
    // batch of the process serial — serial batches never show it wrong. So batches big enough to pay for it re-measure
    // briefly now and then, and decisions use the lower quartile of the latest several, which follows the machine over
    // seconds rather than an instant.

    /// <summary>
    /// A batch re-measures only when its predicted work is at least this many µs: a re-measurement renders for about
    /// 0.5 ms, but waking a sleeping worker for it took 1–20 ms on the development VM.
    /// </summary>
    internal const double RefreshMinimumWorkMicroseconds = 25_000;

    /// <summary>
    /// At most one re-measurement per this many milliseconds once settled. It is paid inside a batch (at 250 ms,
    /// nearly every 40 ms adaptive batch of the tuning matrix paid for one and measured 5–20% slower than the same
    /// plan on fixed workers).
    /// </summary>
    internal const int RefreshIntervalMilliseconds = 1000;

    /// <summary>
    /// The interval while the window holds fewer than <see cref="SettledCount"/> measurements: the first one is taken
    /// at start-up, while the JIT still compiles on the other processors, and reads high (1.4–1.7× where later
    /// ones read 1.1–1.2× on the development VM), so the next few follow quickly.
    /// </summary>
    internal const int EarlyRefreshIntervalMilliseconds = 50;

    /// <summary>Measurements after which the window counts as settled.</summary>
    internal const int SettledCount = 5;

    /// <summary>Rounds of a re-measurement (of 20 renders alone and 20 on every processor): short, since its value is in being one of several spread over time.</summary>
    internal const int RefreshRounds = 2;

    /// <summary>Slowdown measurements the estimate is taken over (their lower quartile).</summary>
    internal const int RecentSlowdowns = 9;

    /// <summary>Wake-up times of real batches' workers the median is taken over.</summary>
    internal const int RecentWakes = 15;

    private static readonly object RefreshGate = new();
    private static readonly object PublishGate = new();
    // The lower quartile, not the median: interference — another process, the JIT compiling in the background at
    // start-up, a vCPU stalled by its host — only ever makes a reading high, and on the development VM the readings
    // spread from 1.0× to 2.0× (the median after start-up read 1.75–1.9× while real batches ran 1.6–1.9× faster on two
    // workers). A machine that is really loaded reads high every time, and its lower quartile stays high.
    private static readonly MeasurementWindow Recent = new(RecentSlowdowns, quantile: 0.25);
    private static readonly MeasurementWindow Wakes = new(RecentWakes);
    private static DispatchCosts? _refreshed;
    private static double _slowdownEstimate = double.NaN;
    private static double _wakeEstimate = double.NaN;
    private static double[]? _wakeSpread;
    private static double _competingEstimate = double.NaN;
    private static readonly MeasurementWindow Competition = new(RecentCompetition);

    /// <summary>Batches' estimates of the competing threads the median is taken over.</summary>
    internal const int RecentCompetition = 9;
    private static long _lastMeasuredAt;

    // Measured with the latest estimates (a quantile of the recent readings) in place of the first measurement's figures.
    private static DispatchCosts Publish(double slowdown = double.NaN, double wake = double.NaN, double[]? wakeSpread = null, double competing = double.NaN)
    {
        lock (PublishGate)
        {
            if (!double.IsNaN(competing)) _competingEstimate = competing;
            if (!double.IsNaN(slowdown)) _slowdownEstimate = slowdown;
            if (!double.IsNaN(wake)) _wakeEstimate = wake;
            if (wakeSpread is not null) _wakeSpread = wakeSpread;
            var first = LazyMeasured.Value;
            return _refreshed = first with
            {
                FullLoadSlowdown = double.IsNaN(_slowdownEstimate) ? first.FullLoadSlowdown : _slowdownEstimate,
                WakeMicroseconds = double.IsNaN(_wakeEstimate) ? first.WakeMicroseconds : _wakeEstimate,
                WakeSpread = _wakeSpread,
                CompetingThreads = double.IsNaN(_competingEstimate) ? 0 : _competingEstimate,
            };
        }
    }

    /// <summary>
    /// A real batch's extra worker took <paramref name="microseconds"/> from being asked for to starting (whether it
    /// still found work or not). How fast a pool thread wakes depends on what the process did just before — a thread
    /// that finished work a moment ago is still spinning and starts in a microsecond or two, one asleep takes tens —
    /// so the estimate follows the median of the latest batches rather than a one-off measurement.
    /// </summary>
    internal static void ObserveWake(double microseconds)
    {
        if (!LazyMeasured.IsValueCreated || !(microseconds >= 0)) return;
        var median = Wakes.Add(microseconds);
        Publish(wake: median, wakeSpread: Wakes.Sorted());
    }

    /// <summary>
    /// A real batch's workers estimated <paramref name="competingThreads"/> runnable threads of other processes
    /// (<see cref="ProcessorShare.EstimateCompetingThreads"/>); decisions follow the median of the latest
    /// <see cref="RecentCompetition"/>, so one batch that met a burst of load moves it by one rank.
    /// </summary>
    internal static void ObserveCompetition(double competingThreads)
    {
        if (!LazyMeasured.IsValueCreated || !(competingThreads >= 0)) return;
        Publish(competing: Competition.Add(competingThreads));
    }

    /// <summary>
    /// Whether a batch of <paramref name="predictedWorkMicroseconds"/> should re-measure the slowdown,
    /// <paramref name="sinceLast"/> after the last measurement, when a pool thread takes
    /// <paramref name="wakeMicroseconds"/> to wake (the median of the latest batches).
    /// </summary>
    /// <remarks>
    /// Each round of a re-measurement waits for a pool thread, and the batch that re-measures pays for it: under a
    /// noisy neighbour (another process keeping a processor busy) a pool thread waits milliseconds for a processor,
    /// and a 40 ms batch re-measuring then paid 10–20 ms. So the rounds' wake-ups may cost at most
    /// <see cref="RefreshCostShare"/> of a batch's predicted work — or, for a batch in doubt, its whole predicted work
    /// (it is small, and re-measures at most once per interval).
    /// </remarks>
    internal static bool ShouldRefresh(double predictedWorkMicroseconds, TimeSpan sinceLast, int processorCount, int measurements = SettledCount, bool inDoubt = false, double wakeMicroseconds = 0) =>
        processorCount > 1
        && (inDoubt || predictedWorkMicroseconds >= RefreshMinimumWorkMicroseconds)
        && RefreshRounds * wakeMicroseconds <= (inDoubt ? 1.0 : RefreshCostShare) * predictedWorkMicroseconds
        && sinceLast.TotalMilliseconds >= (measurements < SettledCount ? EarlyRefreshIntervalMilliseconds : RefreshIntervalMilliseconds);

    /// <summary>Share of a batch's predicted work its re-measurement's wake-ups may cost (see <see cref="ShouldRefresh"/>).</summary>
    internal const double RefreshCostShare = 0.02;

    /// <summary>
    /// <see cref="Measured"/>, first re-measuring the slowdown when a batch of <paramref name="predictedWorkMicroseconds"/>
    /// can pay for it and the last measurement is over <see cref="RefreshIntervalMilliseconds"/> old. A batch
    /// that finds another thread re-measuring does not wait for it.
    /// </summary>
    /// <param name="predictedWorkMicroseconds">The batch's predicted work.</param>
    /// <param name="inDoubt">
    /// The batch would go parallel if renders did not slow each other down, and stays serial only because of the
    /// measured slowdown: then even a small batch may re-measure (at the same interval), or one high reading — the
    /// start-up ones are — would keep a process of small batches serial for good.
    /// </param>
    internal static DispatchCosts Refreshed(double predictedWorkMicroseconds, bool inDoubt = false)
    {
        var current = Measured;
        if (!inDoubt && predictedWorkMicroseconds < RefreshMinimumWorkMicroseconds) return current; // most batches: no clock, no lock
        var processors = System.Environment.ProcessorCount;
        if (!ShouldRefresh(predictedWorkMicroseconds, Stopwatch.GetElapsedTime(Volatile.Read(ref _lastMeasuredAt)), processors, Recent.Count, inDoubt, current.WakeMicroseconds)) return current;
        if (!Monitor.TryEnter(RefreshGate)) return current;
        try
        {
            if (!ShouldRefresh(predictedWorkMicroseconds, Stopwatch.GetElapsedTime(_lastMeasuredAt), processors, Recent.Count, inDoubt, current.WakeMicroseconds)) return Measured;
            var published = Publish(slowdown: Recent.Add(MeasureSlowdown(RefreshRounds)));
            Volatile.Write(ref _lastMeasuredAt, Stopwatch.GetTimestamp());
            return published;
        }
        finally
        {
            Monitor.Exit(RefreshGate);
        }
    }

    private static DispatchCosts Measure()
    {
        var measured = LazyHandout.Value with { FullLoadSlowdown = MeasureSlowdown(rounds: 7) };
        Recent.Add(measured.FullLoadSlowdown);
        Wakes.Add(measured.WakeMicroseconds);
        Volatile.Write(ref _lastMeasuredAt, Stopwatch.GetTimestamp());
        return measured;
    }

    private static DispatchCosts MeasureHandout()
    {
        // Warm the pool first: the first work items may have to create threads, which no later batch pays for.
        for (var i = 0; i < 8; i++) ForkJoinOnce(jobs: 0);

        const int rounds = 31;
        var start = new double[rounds];
        var whole = new double[rounds];
        for (var i = 0; i < rounds; i++) (_, start[i], whole[i]) = ForkJoinOnce(jobs: 0);
        Array.Sort(start);
        Array.Sort(whole);
        // Back to back, as above, the pool thread is still spinning from the round before and starts in a microsecond
        // or two; a batch usually finds it asleep. So the first estimate of the wake-up is taken after a pause long
        // enough for the thread to block (real batches then correct it, see ObserveWake).
        const int wakeRounds = 7;
        var wake = new double[wakeRounds];
        for (var i = 0; i < wakeRounds; i++)
        {
            Thread.Sleep(1);
            wake[i] = ForkJoinOnce(jobs: 0).Wake;
        }
        Array.Sort(wake);

        const int jobs = 5_000;
        var handout = new double[5];
        for (var i = 0; i < handout.Length; i++) handout[i] = ForkJoinOnce(jobs).Whole;
        Array.Sort(handout);
        // Two workers shared the jobs; per job, each spent (elapsed − empty fork/join) × 2 ÷ jobs of its time handing out.
        var perJob = Math.Max(0, (handout[handout.Length / 2] - whole[rounds / 2]) * 2 / jobs);
        return new DispatchCosts(wake[wakeRounds / 2], perJob, StartMicroseconds: start[rounds / 2]);
    }

    // The template is what most page templates do — a loop, attribute output with escaping, numbers — and allocates
    // little besides its output: an allocation-heavy one (it used title and round filters) read 1.6–2.0× on the
    // development VM, where allocation-heavy code scales worst, while real batches there ran 1.6–1.8× faster on two
    // workers.
    // Renders a small loop template R times alone, then R times on each of P threads that start together
    // (a barrier), each thread timing its own loop; slowdown = mean parallel loop time ÷ the loop time alone, median of
    // the rounds. Timing inside the threads, after the barrier, keeps the cost of waking workers (measured separately)
    // out of it: timing the whole parallel step made the caller run both halves itself whenever a pool
    // thread woke later than the work took, and read as "no gain from parallel" (2.00×) on a machine where two
    // workers ran batches 1.6× faster. A real render, so allocation and memory traffic are shared as in a batch, and
    // other processes on the machine show up as they would in a batch.
    // Compiled once: a re-measurement must cost a fraction of a millisecond, not a template compilation.
    private static readonly Lazy<(Template Template, Dictionary<string, object?> Model)> MeasurementWork = new(() =>
        (new TemplateEnvironment().FromString(
            "{% for item in items %}<li class=\"{{ loop.cycle('odd', 'even') }}\"><a href=\"{{ item.url }}\">{{ item.name }}</a> {{ item.price }}</li>{% endfor %}"),
         new Dictionary<string, object?>
         {
             ["items"] = Enumerable.Range(0, 20).Select(i => (object?)new Dictionary<string, object?> { ["name"] = $"Item <{i}>", ["url"] = $"/items/{i}/", ["price"] = i * 1.5 }).ToList(),
         }));

    private static double MeasureSlowdown(int rounds)
    {
        var processors = System.Environment.ProcessorCount;
        if (processors <= 1) return 1.0;
        var first = !MeasurementWork.IsValueCreated;
        var (template, model) = MeasurementWork.Value;
        var renders = first ? 40 : 20;
        double TimeRenders()
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < renders; i++) template.Render(model);
            return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        if (first) TimeRenders();
        var slowdowns = new double[rounds];
        var times = new double[processors];
        for (var round = 0; round < slowdowns.Length; round++)
        {
            var alone = TimeRenders();
            using var start = new Barrier(processors);
            using var done = new CountdownEvent(processors - 1);
            for (var p = 1; p < processors; p++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(index =>
                {
                    start.SignalAndWait();
                    TimeRenders();
                    start.SignalAndWait();
                    times[index] = TimeRenders();
                    done.Signal();
                }, p, preferLocal: false);
            }
            // Every thread renders once untimed first: a processor that was idle has cold caches for the template and
            // its data (and on a VM may still be ramping up), which a batch pays once but 20 timed renders would
            // multiply — it read 1.7× at times when real batches ran 1.1–1.2× slower on two workers.
            start.SignalAndWait();
            TimeRenders();
            start.SignalAndWait();
            times[0] = TimeRenders();
            done.Wait();
            slowdowns[round] = times.Average() / alone;
        }
        Array.Sort(slowdowns);
        return Math.Clamp(slowdowns[slowdowns.Length / 2], 1.0, processors);
    }

    // One empty batch on two workers (the caller and one pool item) pulling `jobs` indices from a shared counter,
    // exactly as BatchRenderer hands out work, including its per-job timestamps. Returns microseconds: until the pool
    // item started, spent by the caller queueing it, and the whole batch.
    private static (double Wake, double Start, double Whole) ForkJoinOnce(int jobs)
    {
        var state = new HandoutState(jobs);
        var start = Stopwatch.GetTimestamp();
        ThreadPool.UnsafeQueueUserWorkItem(static s =>
        {
            s.StartedAt = Stopwatch.GetTimestamp();
            s.Drain();
            s.Done.Set();
        }, state, preferLocal: false);
        var queued = Stopwatch.GetTimestamp();
        state.Drain();
        state.Done.Wait();
        var end = Stopwatch.GetTimestamp();
        state.Done.Dispose();
        return (Stopwatch.GetElapsedTime(start, state.StartedAt).TotalMicroseconds, Stopwatch.GetElapsedTime(start, queued).TotalMicroseconds, Stopwatch.GetElapsedTime(start, end).TotalMicroseconds);
    }

    private sealed class HandoutState(int jobs)
    {
        private int _next = -1;
        private long _sink;

        public long StartedAt;

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
