using System.Diagnostics;

namespace Kida.Workers;

// Planning a list batch: predict every job, calibrate unknown templates, decide, order heaviest first.
internal sealed partial class BatchRun
{
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
            decision = new(Math.Min(fixedWorkers, _count), $"Fixed at {fixedWorkers} worker{(fixedWorkers == 1 ? "" : "s")} by BatchOptions.Workers.") { Cause = BatchDecisionCause.Fixed };
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


    private BatchDecision StaticDecision()
    {
        var tuner = WorkerTuning.For(_host);
        var environment = _options.Environment ?? tuner.DetectEnvironment();
        var profile = tuner.GetProfile(_options.WorkloadType, environment);
        if (!tuner.ShouldParallelize(_count, _options.WorkloadType, environment))
            return new(1, $"Serial: static {_options.WorkloadType}/{environment} profile, {_count} jobs is below its threshold of {profile.ParallelThreshold}.") { Cause = BatchDecisionCause.StaticProfile };
        var workers = tuner.GetOptimalWorkers(_count, _options.WorkloadType, environment);
        return new(workers, $"{(workers > 1 ? "Parallel" : "Serial")} on {workers} worker{(workers == 1 ? "" : "s")}: static {_options.WorkloadType}/{environment} profile for {_host.ProcessorCount} processors and {_count} jobs.") { Cause = BatchDecisionCause.StaticProfile };
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
        && BatchPlanner.Decide(jobs, total, largest, _host, _options.WorkloadType, costs with { FullLoadSlowdown = 1.0, CompetingThreads = 0 }, _model, basis).IsParallel;
}
