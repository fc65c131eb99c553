using System.Diagnostics;

namespace Kida.Workers;

// Merging the workers into a BatchResult and learning from what they measured.
internal sealed partial class BatchRun
{
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
        if (_observeShare) ObserveCompetition(workers);
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
    /// What the workers that rendered saw of the scheduler — time running and time waiting for a processor — becomes
    /// an estimate of other processes' runnable threads (<see cref="ProcessorShare.EstimateCompetingThreads"/>).
    /// </summary>
    private void ObserveCompetition(BatchWorker[] workers)
    {
        long running = 0, waiting = 0;
        var observed = 0;
        foreach (var w in workers)
        {
            if (w.RunningNanoseconds <= 0) continue;
            running += w.RunningNanoseconds;
            waiting += w.WaitingNanoseconds;
            observed++;
        }
        var competing = ProcessorShare.EstimateCompetingThreads(running, waiting, observed, _host.ProcessorCount);
        if (!double.IsNaN(competing)) DispatchCosts.ObserveCompetition(competing);
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
