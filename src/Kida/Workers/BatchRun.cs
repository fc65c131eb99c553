using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Kida.Workers;

/// <summary>
/// One batch from start to finish: plan (predict, calibrate, decide), dispatch, merge. Jobs are handed out one at a
/// time from a shared counter over a pre-sorted order (heaviest predicted first), so a worker that drew a light job
/// simply comes back sooner: no static chunks that leave one worker with all the heavy jobs. The only per-job
/// allocation is the output string itself.
/// </summary>
internal sealed class BatchRun
{
    /// <summary>Most new templates measured serially before deciding; past that, static weights fill in.</summary>
    public const int MaxCalibrationJobs = 32;

    /// <summary>Render-time guess for a template when nothing at all has been measured yet (only orders jobs).</summary>
    public const double UnmeasuredGuessMicroseconds = 20;

    private readonly IReadOnlyList<RenderJob>? _jobs;
    private readonly Func<int, RenderJob>? _factory;
    private readonly int _count;
    private readonly string?[]? _outputs;
    private readonly Func<int, string, ValueTask>? _sink;
    private readonly BatchOptions _options;
    private readonly CostModel _model;
    private readonly WorkerHost _host;
    private readonly CancellationToken _token;
    private readonly IProgress<BatchProgress>? _progress;
    private readonly int _progressStep;
    private readonly List<BatchError> _errors = [];
    private readonly object _gate = new();
    private readonly long _start;
    private int[]? _order;
    // Every probe's workers (a lazy batch may probe again when it re-plans), each array one probe.
    private readonly List<BatchWorker[]> _probes = [];
    private BatchWorker[] AllProbeWorkers => [.. _probes.SelectMany(p => p)];
    private long _stageEnd;

    /// <summary>Jobs not yet handed out (the counter may run past the end when workers race for the last one).</summary>
    private int Remaining => _count - Math.Min(_count, _next);
    private double _lazyMean;
    private double _lazyLargest;
    private DispatchCosts? _probedCosts;
    private int _next;
    private volatile bool _stopped;
    private int _done;
    private int _failed;
    private int _lastReported;

    public BatchRun(
        IReadOnlyList<RenderJob>? jobs,
        Func<int, RenderJob>? factory,
        int count,
        Func<int, string, ValueTask>? sink,
        BatchOptions? options,
        CancellationToken token)
    {
        _start = Stopwatch.GetTimestamp();
        _jobs = jobs;
        _factory = factory;
        _count = count;
        _sink = sink;
        _outputs = sink is null ? new string?[count] : null;
        _options = options ?? BatchOptions.Default;
        _model = _options.CostModel ?? CostModel.Shared;
        _host = _options.Host ?? WorkerHost.Current;
        _token = token;
        _progress = _options.Progress;
        _progressStep = Math.Max(1, count / 100);
        if (_options.Workers is <= 0) throw new ArgumentOutOfRangeException(nameof(options), _options.Workers, "BatchOptions.Workers must be at least 1 (or null for automatic).");
    }

    public async Task<BatchResult> RunAsync()
    {
        var calibration = new BatchWorker();
        // Cancelled before it began: nothing ran, and no job should start.
        if (_token.IsCancellationRequested)
            throw new BatchCanceledException(Finish(new BatchDecision(1, "Cancelled before the batch started."), calibration, [new BatchWorker()]), _token);
        BatchDecision decision;
        if (_count == 0) decision = new BatchDecision(1, "Serial: the batch is empty.");
        else if (_jobs is not null) decision = await PlanListAsync(calibration).ConfigureAwait(false);
        else
        {
            decision = await PlanLazyAsync(calibration).ConfigureAwait(false);
            decision = await ReplanWhileSerialAsync(decision, calibration).ConfigureAwait(false);
        }

        var remaining = Remaining;
        var workerCount = Math.Max(1, Math.Min(decision.Workers, remaining));
        var workers = new BatchWorker[workerCount];
        for (var i = 0; i < workerCount; i++) workers[i] = new BatchWorker();
        if (remaining > 0 && !_stopped && !_token.IsCancellationRequested)
        {
            Task[]? others = null;
            HelperClaims? claims = null;
            if (workerCount > 1)
            {
                others = new Task[workerCount - 1];
                claims = new HelperClaims(workerCount - 1);
                // I/O-bound batches may run more workers than processors; those block, so give them their own
                // threads instead of starving the pool (whose thread injection is slow).
                var dedicated = workerCount > _host.ProcessorCount;
                var creation = dedicated ? TaskCreationOptions.LongRunning : TaskCreationOptions.None;
                // How long pool threads take to wake is learned from every batch that measures the machine.
                var observe = !dedicated && _options.DispatchCosts is null;
                for (var i = 1; i < workerCount; i++)
                {
                    var worker = workers[i];
                    var helper = i - 1;
                    var asked = Stopwatch.GetTimestamp();
                    others[helper] = _sink is null
                        ? Task.Factory.StartNew(() =>
                        {
                            var woke = Stopwatch.GetTimestamp();
                            if (claims.TryStart(helper)) Work(worker);
                            if (observe) DispatchCosts.ObserveWake(Stopwatch.GetElapsedTime(asked, woke).TotalMicroseconds);
                        }, CancellationToken.None, creation, TaskScheduler.Default)
                        : Task.Factory.StartNew(async () =>
                        {
                            var woke = Stopwatch.GetTimestamp();
                            if (claims.TryStart(helper)) await WorkAsync(worker).ConfigureAwait(false);
                            if (observe) DispatchCosts.ObserveWake(Stopwatch.GetElapsedTime(asked, woke).TotalMicroseconds);
                        }, CancellationToken.None, creation, TaskScheduler.Default).Unwrap();
                }
            }
            // The calling thread is worker 0: one fewer thread to wake, and a serial batch never leaves it.
            if (_sink is null) Work(workers[0]);
            else await WorkAsync(workers[0]).ConfigureAwait(false);
            if (others is not null)
            {
                // Only helpers that started can hold a job; the others are released (see HelperClaims).
                var started = new List<Task>(others.Length);
                for (var i = 0; i < others.Length; i++)
                    if (claims!.MustWaitFor(i)) started.Add(others[i]);
                // The synchronous path blocks here rather than awaiting: an await would finish the batch on whichever
                // pool thread completes last and leave the caller blocked on it, one more wake-up.
                if (_sink is null) Task.WhenAll(started).GetAwaiter().GetResult();
                else await Task.WhenAll(started).ConfigureAwait(false);
            }
        }

        var result = Finish(decision, calibration, workers);
        if (_token.IsCancellationRequested && result.Completed < _count) throw new BatchCanceledException(result, _token);
        return result;
    }

    // ---- planning -------------------------------------------------------------------------------------------

    private async ValueTask<BatchDecision> PlanListAsync(BatchWorker calibration)
    {
        var jobs = _jobs!;
        var slotOf = new Dictionary<Template, int>(ReferenceEqualityComparer.Instance);
        var templates = new List<Template>();
        var jobSlot = new int[_count];
        var perSlot = new List<int>();
        var firstJob = new List<int>();
        for (var i = 0; i < _count; i++)
        {
            var template = jobs[i].Template ?? throw new ArgumentException($"Job {i} has no template (a default RenderJob).", "jobs");
            if (!slotOf.TryGetValue(template, out var slot))
            {
                slot = templates.Count;
                slotOf.Add(template, slot);
                templates.Add(template);
                perSlot.Add(0);
                firstJob.Add(i);
            }
            jobSlot[i] = slot;
            perSlot[slot]++;
        }

        var slots = templates.Count;
        var cost = new double[slots];
        var known = new bool[slots];
        var weight = new double[slots];
        var unknown = 0;
        for (var s = 0; s < slots; s++)
        {
            weight[s] = WorkerTuning.EstimateTemplateWeight(templates[s]);
            if (_model.TryGetMicroseconds(CostModel.KeyOf(templates[s]), out var us))
            {
                cost[s] = us;
                known[s] = true;
            }
            else unknown++;
        }

        var calibrated = 0;
        BatchDecision decision;
        if (_options.Workers is { } fixedWorkers)
        {
            EstimateUnknown(cost, known, weight);
            decision = new(Math.Min(fixedWorkers, _count), $"Fixed at {fixedWorkers} worker{(fixedWorkers == 1 ? "" : "s")} by BatchOptions.Workers.");
        }
        else if (_options.Tuning == TuningMode.Static)
        {
            // The seed orders by static weight alone, whatever has been measured.
            Array.Copy(weight, cost, slots);
            decision = StaticDecision();
        }
        else
        {
            var remainingJobs = _count;
            while (true)
            {
                EstimateUnknown(cost, known, weight);
                double total = 0, largest = 0;
                for (var s = 0; s < slots; s++)
                {
                    if (perSlot[s] == 0) continue;
                    total += perSlot[s] * cost[s];
                    largest = Math.Max(largest, cost[s]);
                }
                var estimated = 0;
                for (var s = 0; s < slots; s++) if (!known[s] && perSlot[s] > 0) estimated++;
                var basis = calibrated == 0 ? "learned render times" : $"{calibrated} new template{(calibrated == 1 ? "" : "s")} measured on a first job";
                if (estimated > 0) basis += $", {estimated} unmeasured template{(estimated == 1 ? "" : "s")} estimated from static weight";
                var costs = ResolveCosts(total, remainingJobs);
                decision = BatchPlanner.Decide(remainingJobs, total, largest, _host, _options.WorkloadType, costs, _model, basis);
                if (!decision.IsParallel && InDoubt(remainingJobs, total, largest, costs, basis))
                    decision = BatchPlanner.Decide(remainingJobs, total, largest, _host, _options.WorkloadType, DispatchCosts.Refreshed(total, inDoubt: true), _model, basis);
                if (decision.IsParallel || estimated == 0 || calibrated >= MaxCalibrationJobs || _stopped || _token.IsCancellationRequested) break;

                // Measure the heaviest-looking new template on its first job, rendered for real on this thread.
                var pick = -1;
                for (var s = 0; s < slots; s++)
                    if (!known[s] && perSlot[s] > 0 && (pick < 0 || weight[s] > weight[pick])) pick = s;
                var index = firstJob[pick];
                var before = calibration.BusyTicks;
                if (!(await RunCalibrationJobAsync(index, calibration).ConfigureAwait(false)).Ran) break;
                cost[pick] = Stopwatch.GetElapsedTime(0, calibration.BusyTicks - before).TotalMicroseconds;
                known[pick] = true;
                perSlot[pick]--;
                remainingJobs--;
                jobSlot[index] = -1;
                calibrated++;
                _next++;
            }
        }

        _order = OrderHeaviestFirst(jobSlot, cost, perSlot, calibrated);
        return decision;
    }

    /// <summary>
    /// Serial samples a lazy batch takes before it may go parallel: one per 16 jobs, at least 3 (fewer only if the
    /// batch is smaller) and at most 8. Samples are real work, so more of them cost little, and the mean they give is
    /// what the probe's slowdown is measured against.
    /// </summary>
    internal static int MinLazySamples(int count) => Math.Min(count, Math.Clamp(count / 16, 3, 8));

    private async ValueTask<BatchDecision> PlanLazyAsync(BatchWorker calibration)
    {
        if (_options.Workers is { } fixedWorkers)
            return new(Math.Min(fixedWorkers, _count), $"Fixed at {fixedWorkers} worker{(fixedWorkers == 1 ? "" : "s")} by BatchOptions.Workers.");
        if (_options.Tuning == TuningMode.Static) return StaticDecision();

        // Jobs come from a factory, so the batch cannot be looked at ahead: render some of them here and
        // extrapolate. The samples are spread over the whole batch (callers often pass their jobs heaviest first,
        // so the first few would overstate the rest), and each is timed whole — building the job, rendering it and
        // handing the output to the sink — because workers run all three: that is the work parallel divides.
        var taken = new bool[_count];
        var sampledOrder = new List<int>();
        var samples = new List<double>();
        // Unless the machine's slowdown is given (options, cost model), the batch measures it on
        // its own jobs: once serial samples predict that parallel would pay with perfect scaling, a few more spread
        // jobs run on that many workers, and their wall time against the serial mean is the slowdown. The probe's
        // jobs are real work, so on a machine where parallel does not pay, finding out costs next to nothing.
        var probe = _options.DispatchCosts is null && !_model.HasSlowdownOverride;
        var probeNote = "";
        BatchDecision decision;
        while (true)
        {
            var remaining = _count - sampledOrder.Count;
            var (mean, largest) = LazyEstimate(samples);
            var total = mean * remaining;
            var basis = $"extrapolated from {samples.Count} job{(samples.Count == 1 ? "" : "s")} spread over the batch, each timed with building its input and writing its output{probeNote}";
            decision = samples.Count == 0
                ? new BatchDecision(1, "Serial: nothing measured yet.")
                : BatchPlanner.Decide(remaining, total, largest, _host, _options.WorkloadType, LazyCosts(total, remaining, probe), _model, basis);
            var enough = samples.Count >= MinLazySamples(_count);
            if (decision.IsParallel && enough && probe && _probedCosts is null)
            {
                var workers = decision.Workers;
                var size = ProbeSize(workers, mean, remaining);
                if (size == 0)
                {
                    probe = false; // too few jobs left to measure on: measure the machine instead
                    continue;
                }
                var positions = new int[size];
                for (var k = 0; k < size; k++)
                {
                    positions[k] = SamplePosition(sampledOrder.Count + k, _count, taken);
                    taken[positions[k]] = true;
                }
                var (ran, wall) = await ProbeAsync(positions, workers).ConfigureAwait(false);
                for (var k = 0; k < size; k++)
                {
                    if (k < ran) sampledOrder.Add(positions[k]);
                    else taken[positions[k]] = false;
                }
                if (ran < size) break;
                _probedCosts = ProbedCosts(workers, wall, ran, mean);
                probeNote = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"; {ran} more run on {workers} workers in {BatchPlanner.Time(wall)} to measure the slowdown");
                continue;
            }
            if ((decision.IsParallel && enough) || remaining == 0 || samples.Count >= MaxCalibrationJobs || _stopped || _token.IsCancellationRequested) break;

            var index = SamplePosition(sampledOrder.Count, _count, taken);
            taken[index] = true;
            var before = calibration.BusyTicks;
            var started = Stopwatch.GetTimestamp();
            var (sampleRan, template) = await RunCalibrationJobAsync(index, calibration).ConfigureAwait(false);
            if (!sampleRan)
            {
                taken[index] = false;
                break;
            }
            sampledOrder.Add(index);
            var whole = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            var rendering = Stopwatch.GetElapsedTime(0, calibration.BusyTicks - before).TotalMicroseconds;
            // One render is a noisy sample (and the first of a template pays for cold caches); a learned average
            // is the better guess for the render where there is one, plus what building and writing took.
            if (template is not null && _model.TryGetMicroseconds(CostModel.KeyOf(template), out var learned))
                whole = learned + Math.Max(0, whole - rendering);
            samples.Add(whole);
        }

        _next = sampledOrder.Count;
        _order = LazyOrder(sampledOrder, taken);
        (_lazyMean, _lazyLargest) = LazyEstimate(samples);
        return decision;
    }

    /// <summary>A serial lazy batch with at least this much predicted work left re-plans after a stage (µs).</summary>
    internal const double ReplanMinimumMicroseconds = 200_000;

    /// <summary>Re-plans a lazy batch makes at most.</summary>
    internal const int MaxReplans = 3;

    /// <summary>
    /// Length of a serial stage before re-planning: a tenth of the predicted work left, 100–250 ms — long enough for a
    /// fresh mean to be worth more than the cold samples, short enough that a cold prediction (often 2–3× too high)
    /// does not keep a batch serial for long.
    /// </summary>
    internal static double StageMicroseconds(double predictedRemainingMicroseconds) => Math.Clamp(predictedRemainingMicroseconds / 10, 100_000, 250_000);

    /// <summary>Whether a serial lazy batch should run a stage and then decide again.</summary>
    internal static bool ShouldReplan(double predictedRemainingMicroseconds, int remainingJobs, int processorCount, bool parallelCapable) =>
        predictedRemainingMicroseconds >= ReplanMinimumMicroseconds && remainingJobs >= 4 && processorCount > 1 && parallelCapable;

    /// <summary>
    /// A lazy batch decides on a handful of samples taken first — in a fresh process, while the JIT still compiles and
    /// before the caches are warm — and on a probe of a few milliseconds whose wall time includes waking pool threads:
    /// on the development VM a 100,000-job batch (6.5 s predicted, 2.8 s serial in fact) read a 2.0× slowdown from a
    /// 4 ms probe and stayed serial throughout. So when such a batch starts serial and has a lot left, it runs a
    /// serial stage, takes the stage's own mean per job (warm, and timed whole like the samples), probes again on the
    /// next jobs and decides again: at most <see cref="MaxReplans"/> times (see <see cref="StageMicroseconds"/>).
    /// </summary>
    private async ValueTask<BatchDecision> ReplanWhileSerialAsync(BatchDecision decision, BatchWorker serial)
    {
        if (decision.IsParallel || _options.Workers is not null || _options.Tuning == TuningMode.Static
            || _options.DispatchCosts is not null || _model.HasSlowdownOverride) return decision;
        var staged = 0;
        var stagedMicroseconds = 0.0;
        for (var replans = 0; replans < MaxReplans; replans++)
        {
            var remaining = Remaining;
            if (_stopped || _token.IsCancellationRequested
                || !ShouldReplan(_lazyMean * remaining, remaining, _host.ProcessorCount, _host.IsParallelCapable)) break;

            var doneBefore = serial.Completed;
            var started = Stopwatch.GetTimestamp();
            _stageEnd = started + (long)(StageMicroseconds(_lazyMean * remaining) * Stopwatch.Frequency / 1_000_000);
            if (_sink is null) Work(serial);
            else await WorkAsync(serial).ConfigureAwait(false);
            _stageEnd = 0;
            var ran = serial.Completed - doneBefore;
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            staged += ran;
            stagedMicroseconds += elapsed;
            remaining = Remaining;
            if (ran == 0 || remaining < 4 || _stopped || _token.IsCancellationRequested) break;
            _lazyMean = elapsed / ran;

            // Would parallel pay even with perfect scaling? Then measure the slowdown on the next jobs.
            var total = _lazyMean * remaining;
            var optimistic = BatchPlanner.Decide(remaining, total, _lazyLargest, _host, _options.WorkloadType, DispatchCosts.Handout, _model, "a serial stage");
            if (!optimistic.IsParallel) break;
            var size = ProbeSize(optimistic.Workers, _lazyMean, remaining);
            if (size == 0) break;
            var positions = new int[size];
            for (var k = 0; k < size; k++) positions[k] = _order is null ? _next + k : _order[_next + k];
            _next += size;
            var (probeRan, wall) = await ProbeAsync(positions, optimistic.Workers).ConfigureAwait(false);
            if (probeRan < size) break;
            _probedCosts = ProbedCosts(optimistic.Workers, wall, probeRan, _lazyMean);
            remaining = Remaining;
            var basis = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"decided again after {staged} jobs ran serially in {BatchPlanner.Time(stagedMicroseconds)}, {BatchPlanner.Time(_lazyMean)} each, and {probeRan} more on {optimistic.Workers} workers in {BatchPlanner.Time(wall)}; the first plan, on the cold first samples, was serial");
            decision = BatchPlanner.Decide(remaining, _lazyMean * remaining, _lazyLargest, _host, _options.WorkloadType, _probedCosts, _model, basis);
            if (decision.IsParallel) break;
        }
        return decision;
    }

    /// <summary>
    /// The machine's costs as a probe found them: <paramref name="ran"/> jobs of <paramref name="meanMicroseconds"/>
    /// serially took <paramref name="wallMicroseconds"/> on <paramref name="workers"/> workers, so each job ran
    /// workers × wall ÷ (ran × mean) times slower than alone.
    /// </summary>
    private DispatchCosts ProbedCosts(int workers, double wallMicroseconds, int ran, double meanMicroseconds)
    {
        var slowdown = workers * wallMicroseconds / (ran * Math.Max(meanMicroseconds, 1e-3));
        return DispatchCosts.Handout with { FullLoadSlowdown = DispatchCosts.FullLoadFrom(slowdown, workers, _host.ProcessorCount) };
    }

    /// <summary>Jobs a probe runs: enough for each worker to spend about 10 ms, 2–32 jobs each, at most half of those left; 0 if that is under 2 each.</summary>
    internal static int ProbeSize(int workers, double meanMicroseconds, int remaining)
    {
        var each = (int)Math.Clamp(Math.Ceiling(10_000 / Math.Max(meanMicroseconds, 1)), 2, 32);
        var size = Math.Min(workers * each, remaining / 2);
        return size < 2 * workers ? 0 : size;
    }

    // The costs a lazy batch decides with: the options' or the measured ones; while probing, fork/join and hand-out
    // costs with no slowdown (so "would parallel pay even at best?"), then the probe's.
    private DispatchCosts? LazyCosts(double totalMicroseconds, int jobCount, bool probe)
    {
        if (!probe) return ResolveCosts(totalMicroseconds, jobCount);
        if (_probedCosts is not null) return _probedCosts;
        return jobCount > 1 && _host.ProcessorCount > 1 && _host.IsParallelCapable && totalMicroseconds >= BatchPlanner.TrivialMicroseconds
            ? DispatchCosts.Handout
            : null;
    }

    /// <summary>Runs the jobs at <paramref name="positions"/> on <paramref name="workers"/> workers; how many ran, and the wall time in µs.</summary>
    private async Task<(int Ran, double WallMicroseconds)> ProbeAsync(int[] positions, int workers)
    {
        var probe = new BatchWorker[workers];
        for (var i = 0; i < workers; i++) probe[i] = new BatchWorker();
        _probes.Add(probe);
        var counter = new StrongBox<int>(0);
        var started = Stopwatch.GetTimestamp();
        var others = new Task[workers - 1];
        for (var i = 1; i < workers; i++)
        {
            var worker = probe[i];
            others[i - 1] = Task.Run(() => ProbeWorkAsync(positions, counter, worker));
        }
        await ProbeWorkAsync(positions, counter, probe[0]).ConfigureAwait(false);
        await Task.WhenAll(others).ConfigureAwait(false);
        var wall = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        var ran = 0;
        foreach (var w in probe) ran += w.Completed;
        return (Math.Min(ran, positions.Length), wall);
    }

    private async Task ProbeWorkAsync(int[] positions, StrongBox<int> counter, BatchWorker worker)
    {
        while (!_stopped && !_token.IsCancellationRequested)
        {
            var k = Interlocked.Increment(ref counter.Value) - 1;
            if (k >= positions.Length) return;
            var index = positions[k];
            if (!RunOne(index, worker, out var rendered, out var template)) return;
            if (rendered is not null) await DeliverAsync(index, rendered, template!.Name).ConfigureAwait(false);
            if (_progress is not null) Progressed();
        }
    }

    /// <summary>
    /// The mean per-job cost to extrapolate from samples, and the largest: with three samples or more, the slowest is
    /// left out of the mean — usually a cold first run (JIT, first file written), which would otherwise be multiplied
    /// by the whole batch — but still counts as the largest job.
    /// </summary>
    internal static (double Mean, double Largest) LazyEstimate(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0) return (0, 0);
        double sum = 0, largest = 0;
        foreach (var s in samples)
        {
            sum += s;
            largest = Math.Max(largest, s);
        }
        return samples.Count >= 3 ? ((sum - largest) / (samples.Count - 1), largest) : (sum / samples.Count, largest);
    }

    /// <summary>
    /// The job to sample <paramref name="k"/>-th: the van der Corput sequence (0, ½, ¼, ¾, ⅛, …) scaled to the batch,
    /// so however many samples are taken they cover it evenly; the next free index if that one was taken.
    /// </summary>
    internal static int SamplePosition(int k, int count, bool[] taken)
    {
        double fraction = 0, unit = 0.5;
        for (var bits = (uint)k; bits != 0; bits >>= 1, unit /= 2)
            if ((bits & 1) != 0) fraction += unit;
        var index = Math.Min(count - 1, (int)(fraction * count));
        for (var i = 0; i < count; i++)
        {
            var candidate = (index + i) % count;
            if (!taken[candidate]) return candidate;
        }
        throw new InvalidOperationException("Every job has already been sampled.");
    }

    /// <summary>Dispatch order of a lazy batch: the sampled jobs (already rendered) first, then the rest in input order.</summary>
    internal static int[] LazyOrder(IReadOnlyList<int> sampled, bool[] taken)
    {
        var order = new int[taken.Length];
        var next = 0;
        foreach (var i in sampled) order[next++] = i;
        for (var i = 0; i < taken.Length; i++)
            if (!taken[i]) order[next++] = i;
        return order;
    }

    private BatchDecision StaticDecision()
    {
        var tuner = WorkerTuning.For(_host);
        var environment = _options.Environment ?? tuner.DetectEnvironment();
        var profile = tuner.GetProfile(_options.WorkloadType, environment);
        if (!tuner.ShouldParallelize(_count, _options.WorkloadType, environment))
            return new(1, $"Serial: static {_options.WorkloadType}/{environment} profile, {_count} jobs is below its threshold of {profile.ParallelThreshold}.");
        var workers = tuner.GetOptimalWorkers(_count, _options.WorkloadType, environment);
        return new(workers, $"{(workers > 1 ? "Parallel" : "Serial")} on {workers} worker{(workers == 1 ? "" : "s")}: static {_options.WorkloadType}/{environment} profile for {_host.ProcessorCount} processors and {_count} jobs.");
    }

    /// <summary>Fills in templates never measured: static weight × the mean measured cost per unit of weight.</summary>
    private void EstimateUnknown(double[] cost, bool[] known, double[] weight)
    {
        double knownCost = 0, knownWeight = 0;
        for (var s = 0; s < cost.Length; s++)
        {
            if (!known[s]) continue;
            knownCost += cost[s];
            knownWeight += weight[s];
        }
        double perWeight;
        if (knownWeight > 0) perWeight = knownCost / knownWeight;
        else
        {
            var mean = _model.MeanMicroseconds();
            perWeight = mean > 0 ? mean : UnmeasuredGuessMicroseconds;
        }
        for (var s = 0; s < cost.Length; s++)
            if (!known[s]) cost[s] = weight[s] * perWeight;
    }

    /// <summary>
    /// The dispatch order: jobs already rendered during calibration first (the counter starts past them), then the
    /// rest heaviest predicted template first. A counting sort by template: linear in the jobs, and stable, so jobs
    /// of one template keep their input order.
    /// </summary>
    private int[] OrderHeaviestFirst(int[] jobSlot, double[] cost, List<int> perSlot, int calibrated)
    {
        var slots = cost.Length;
        var slotOrder = new int[slots];
        for (var s = 0; s < slots; s++) slotOrder[s] = s;
        Array.Sort(slotOrder, (a, b) => cost[a] != cost[b] ? cost[b].CompareTo(cost[a]) : a.CompareTo(b));
        var position = new int[slots];
        var next = calibrated;
        foreach (var s in slotOrder)
        {
            position[s] = next;
            next += perSlot[s];
        }
        var order = new int[_count];
        var front = 0;
        for (var i = 0; i < _count; i++)
        {
            var s = jobSlot[i];
            if (s < 0) order[front++] = i;
            else order[position[s]++] = i;
        }
        return order;
    }

    // The machine is measured only when the answer could depend on it: more than one job, more than one processor,
    // and enough work that parallel is not ruled out already; a batch big enough to pay for it refreshes the
    // slowdown now and then (DispatchCosts.Refreshed).
    private DispatchCosts? ResolveCosts(double totalMicroseconds, int jobCount)
    {
        if (_options.DispatchCosts is { } injected) return injected;
        var mayRunParallel = jobCount > 1 && _host.ProcessorCount > 1 && _host.IsParallelCapable && totalMicroseconds >= BatchPlanner.TrivialMicroseconds;
        if (mayRunParallel) return DispatchCosts.Refreshed(totalMicroseconds);
        return DispatchCosts.IsMeasured ? DispatchCosts.Measured : null;
    }

    /// <summary>
    /// Whether a batch planned serial would go parallel if renders did not slow each other down: then the measured
    /// slowdown alone decides, and it may be re-measured (see <see cref="DispatchCosts.Refreshed"/>).
    /// </summary>
    private bool InDoubt(int jobs, double total, double largest, DispatchCosts? costs, string basis) =>
        costs is not null && _options.DispatchCosts is null && !_model.HasSlowdownOverride && costs.FullLoadSlowdown > 1.0
        && BatchPlanner.Decide(jobs, total, largest, _host, _options.WorkloadType, costs with { FullLoadSlowdown = 1.0 }, _model, basis).IsParallel;

    // ---- running --------------------------------------------------------------------------------------------

    private async ValueTask<(bool Ran, Template? Template)> RunCalibrationJobAsync(int index, BatchWorker calibration)
    {
        if (!RunOne(index, calibration, out var rendered, out var template)) return (false, template);
        if (rendered is not null)
        {
            if (_outputs is not null) _outputs[index] = rendered;
            else await DeliverAsync(index, rendered, template!.Name).ConfigureAwait(false);
        }
        if (_progress is not null) Progressed();
        return (true, template);
    }

    private void Work(BatchWorker worker)
    {
        var order = _order;
        var outputs = _outputs!;
        var stageEnd = _stageEnd;
        while (!_stopped && !_token.IsCancellationRequested)
        {
            if (stageEnd != 0 && Stopwatch.GetTimestamp() >= stageEnd) return;
            var position = Interlocked.Increment(ref _next) - 1;
            if (position >= _count) return;
            var index = order is null ? position : order[position];
            if (!RunOne(index, worker, out var rendered, out _)) return;
            if (rendered is not null) outputs[index] = rendered;
            if (_progress is not null) Progressed();
        }
    }

    private async Task WorkAsync(BatchWorker worker)
    {
        var order = _order;
        var stageEnd = _stageEnd;
        while (!_stopped && !_token.IsCancellationRequested)
        {
            if (stageEnd != 0 && Stopwatch.GetTimestamp() >= stageEnd) return;
            var position = Interlocked.Increment(ref _next) - 1;
            if (position >= _count) return;
            var index = order is null ? position : order[position];
            if (!RunOne(index, worker, out var rendered, out var template)) return;
            if (rendered is not null) await DeliverAsync(index, rendered, template!.Name).ConfigureAwait(false);
            if (_progress is not null) Progressed();
        }
    }

    /// <summary>Renders one job, timing it on this worker. False when cancellation interrupted it.</summary>
    private bool RunOne(int index, BatchWorker worker, out string? rendered, out Template? template)
    {
        rendered = null;
        template = null;
        RenderJob job;
        if (_jobs is not null) job = _jobs[index];
        else
        {
            try
            {
                job = _factory!(index);
                if (job.Template is null) throw new InvalidOperationException($"The job factory returned a job without a template for index {index}.");
            }
            catch (Exception ex)
            {
                Fail(index, null, ex);
                worker.RecordUntimed();
                return true;
            }
        }

        template = job.Template;
        var start = Stopwatch.GetTimestamp();
        try
        {
            rendered = template.RenderText(job.Model, _token);
        }
        catch (OperationCanceledException) when (_token.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            Fail(index, template.Name, ex);
        }
        worker.Record(template, index, Stopwatch.GetTimestamp() - start);
        return true;
    }

    private async ValueTask DeliverAsync(int index, string rendered, string? templateName)
    {
        try
        {
            await _sink!(index, rendered).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Fail(index, templateName, ex);
        }
    }

    private void Fail(int index, string? templateName, Exception exception)
    {
        lock (_gate)
        {
            _errors.Add(new BatchError(index, templateName, exception));
            _failed++;
        }
        if (_options.FailFast) _stopped = true;
    }

    private void Progressed()
    {
        var done = Interlocked.Increment(ref _done);
        if (done % _progressStep != 0 && done != _count) return;
        // Under the lock so reports never go backwards when two workers cross a step at once.
        lock (_gate)
        {
            if (done <= _lastReported) return;
            _lastReported = done;
            _progress!.Report(new BatchProgress(done, _failed, _count, Stopwatch.GetElapsedTime(_start)));
        }
    }

    // ---- merging --------------------------------------------------------------------------------------------

    private BatchResult Finish(BatchDecision decision, BatchWorker calibration, BatchWorker[] workers)
    {
        // Workers that rendered: a released helper (HelperClaims) never shared the machine.
        var sharing = 0;
        foreach (var w in workers) if (w.Completed > 0) sharing++;
        var parallel = sharing > 1;
        long busy = calibration.BusyTicks;
        var completed = calibration.Completed;
        var probed = AllProbeWorkers;
        foreach (var w in workers.Concat(probed))
        {
            busy += w.BusyTicks;
            completed += w.Completed;
        }

        // Learn, in serial units: times measured while workers shared the machine are divided by its slowdown. A
        // fixed or static parallel batch may run before the machine was ever measured; rather than pay for that
        // measurement just to learn, it then learns only from its serial (calibration) samples.
        var costs = _options.DispatchCosts ?? _probedCosts ?? (DispatchCosts.IsMeasured ? DispatchCosts.Measured : null);
        var groups = new List<(BatchWorker Worker, double Slowdown)> { (calibration, 1.0) };
        if (!parallel) groups.AddRange(workers.Select(w => (w, 1.0)));
        else if (costs is not null) groups.AddRange(workers.Select(w => (w, BatchPlanner.SlowdownOf(sharing, _model, costs, _host, _options.WorkloadType))));
        if (costs is not null)
            foreach (var probe in _probes)
                groups.AddRange(probe.Select(w => (w, BatchPlanner.SlowdownOf(probe.Length, _model, costs, _host, _options.WorkloadType))));
        Learn(groups);
        if (_model.FilePath is not null)
        {
            try
            {
                _model.Save();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A cost model is a hint; failing to persist it must not fail a batch whose outputs are fine.
            }
        }

        List<BatchError> errors;
        lock (_gate) errors = [.. _errors.OrderBy(e => e.JobIndex)];
        return new BatchResult(
            _outputs ?? (IReadOnlyList<string?>)[],
            errors,
            _count,
            completed,
            workers.Length,
            decision,
            Stopwatch.GetElapsedTime(_start),
            Stopwatch.GetElapsedTime(0, busy),
            Slowest([calibration, .. workers, .. probed]),
            _options.FailFast && _stopped && completed < _count);
    }

    /// <summary>
    /// Feeds each template's mean time into the model. Each template's slowest render in the batch is left out when
    /// there are others: it is usually the first render in the process, paying for cold caches, and one such
    /// outlier would otherwise make a 2 µs template look like a 500 µs one for several batches.
    /// </summary>
    private void Learn(List<(BatchWorker Worker, double Slowdown)> groups)
    {
        var merged = new Dictionary<Template, (double Sum, int Count, double Max)>(ReferenceEqualityComparer.Instance);
        foreach (var (worker, factor) in groups)
        {
            foreach (var (template, (ticks, count, max)) in worker.PerTemplate)
            {
                merged.TryGetValue(template, out var m);
                var maxUs = Stopwatch.GetElapsedTime(0, max).TotalMicroseconds / factor;
                merged[template] = (m.Sum + Stopwatch.GetElapsedTime(0, ticks).TotalMicroseconds / factor, m.Count + count, Math.Max(m.Max, maxUs));
            }
        }
        foreach (var (template, (sum, count, max)) in merged)
        {
            if (count >= 2) _model.Record(CostModel.KeyOf(template), sum - max, count - 1);
            else _model.Record(CostModel.KeyOf(template), sum, count);
        }
    }

    private static JobTiming[] Slowest(BatchWorker[] workers)
    {
        var all = new List<JobTiming>();
        foreach (var w in workers)
            for (var i = 0; i < BatchWorker.SlowestKept && w.SlowTemplate[i] is { } t; i++)
                all.Add(new JobTiming(w.SlowIndex[i], t.Name, Stopwatch.GetElapsedTime(0, w.SlowTicks[i])));
        return [.. all.OrderByDescending(j => j.Elapsed).ThenBy(j => j.JobIndex).Take(BatchWorker.SlowestKept)];
    }
}
