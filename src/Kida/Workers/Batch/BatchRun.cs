using System.Diagnostics;

namespace Kida.Workers;

/// <summary>
/// One batch from start to finish: plan (predict, calibrate, decide), dispatch, merge. Jobs are handed out one at a
/// time from a shared counter over a pre-sorted order (heaviest predicted first), so a worker that drew a light job
/// simply comes back sooner: no static chunks that leave one worker with all the heavy jobs. The only per-job
/// allocation is the output string itself.
/// </summary>
internal sealed partial class BatchRun
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
    private bool _observeShare;

    /// <summary>An adaptive batch predicted at least this long (µs) reads how long its workers wait for a processor.</summary>
    internal const double ShareObservationMinimumMicroseconds = 10_000;

    // Only adaptive batches on the real machine, long enough to span several time slices, and only the synchronous
    // path (an awaited sink may move a worker to another thread, whose figures would be someone else's).
    private bool ObservesShare(BatchDecision decision) =>
        _sink is null && _options.DispatchCosts is null && _options.Host is null && _options.Workers is null
        && _options.Tuning == TuningMode.Adaptive && _host.ProcessorCount > 1 && ProcessorShare.IsAvailable
        && decision.PredictedWork is { } work && work.TotalMicroseconds >= ShareObservationMinimumMicroseconds;

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
            throw new BatchCanceledException(Finish(new BatchDecision(1, "Cancelled before the batch started.") { Cause = BatchDecisionCause.Cancelled }, calibration, [new BatchWorker()]), _token);
        BatchDecision decision;
        if (_count == 0) decision = new BatchDecision(1, "Serial: the batch is empty.") { Cause = BatchDecisionCause.Empty };
        else if (_jobs is not null) decision = await PlanListAsync(calibration).ConfigureAwait(false);
        else
        {
            decision = await PlanLazyAsync(calibration).ConfigureAwait(false);
            decision = await ReplanWhileSerialAsync(decision, calibration).ConfigureAwait(false);
        }

        var remaining = Remaining;
        var workerCount = Math.Max(1, Math.Min(decision.Workers, remaining));
        _observeShare = ObservesShare(decision);
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
}
