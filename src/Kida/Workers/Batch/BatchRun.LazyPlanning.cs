using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Kida.Workers;

// Planning a lazy batch (jobs known only by count): samples, probes of the machine, re-planning while serial.
internal sealed partial class BatchRun
{
    /// <summary>
    /// Serial samples a lazy batch takes before it may go parallel: one per 16 jobs, at least 3 (fewer only if the
    /// batch is smaller) and at most 8. Samples are real work, so more of them cost little, and the mean they give is
    /// what the probe's slowdown is measured against.
    /// </summary>
    internal static int MinLazySamples(int count) => Math.Min(count, Math.Clamp(count / 16, 3, 8));

    private async ValueTask<BatchDecision> PlanLazyAsync(BatchWorker calibration)
    {
        if (_options.Workers is { } fixedWorkers)
            return new(Math.Min(fixedWorkers, _count), $"Fixed at {fixedWorkers} worker{(fixedWorkers == 1 ? "" : "s")} by BatchOptions.Workers.") { Cause = BatchDecisionCause.Fixed };
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
                ? new BatchDecision(1, "Serial: nothing measured yet.") { Cause = BatchDecisionCause.NothingMeasured }
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
}
