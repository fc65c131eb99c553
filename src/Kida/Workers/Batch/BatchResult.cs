namespace Kida.Workers;

/// <summary>What a batch produced and how it ran.</summary>
public sealed class BatchResult
{
    internal BatchResult(
        IReadOnlyList<string?> outputs,
        IReadOnlyList<BatchError> errors,
        int jobCount,
        int completed,
        int workersUsed,
        BatchDecision decision,
        TimeSpan elapsed,
        TimeSpan totalWork,
        IReadOnlyList<JobTiming> slowestJobs,
        bool stoppedEarly)
    {
        Outputs = outputs;
        Errors = errors;
        JobCount = jobCount;
        Completed = completed;
        WorkersUsed = workersUsed;
        _decision = decision;
        Elapsed = elapsed;
        TotalWork = totalWork;
        SlowestJobs = slowestJobs;
        StoppedEarly = stoppedEarly;
    }

    /// <summary>
    /// The rendered text of each job, in input order; null for a job that failed or never ran. Empty in streaming
    /// mode, where every output went to the sink instead.
    /// </summary>
    public IReadOnlyList<string?> Outputs { get; }

    /// <summary>The failed jobs, in input order.</summary>
    public IReadOnlyList<BatchError> Errors { get; }

    /// <summary>Jobs in the batch.</summary>
    public int JobCount { get; }

    /// <summary>Jobs that finished (rendered or failed); less than <see cref="JobCount"/> after cancellation or <see cref="BatchOptions.FailFast"/>.</summary>
    public int Completed { get; }

    /// <summary>Jobs rendered without error.</summary>
    public int Succeeded => Completed - Errors.Count;

    /// <summary>
    /// Workers the parallel part of the batch was started on (1 when serial). A worker that woke only after the jobs
    /// ran out was released rather than waited for, and rendered nothing (see docs/tuning.md).
    /// </summary>
    public int WorkersUsed { get; }

    /// <summary>Whether the batch was started on more than one worker.</summary>
    public bool RanInParallel => WorkersUsed > 1;

    private readonly BatchDecision _decision;

    /// <summary>One sentence: why the batch ran serially, or why on this many workers, with what was measured.</summary>
    public string Reason => _decision.Reason;

    /// <summary>
    /// The plan the batch ran with: the worker count asked for, its <see cref="BatchDecision.Cause"/> and the predicted
    /// figures behind it (<see cref="Reason"/> is its sentence).
    /// </summary>
    public BatchDecision Decision => _decision;

    /// <summary>Wall-clock time of the whole batch, planning included.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Sum of the individual jobs' render times: what a serial loop would have spent rendering.</summary>
    public TimeSpan TotalWork { get; }

    /// <summary>Estimated speedup over a serial loop: <see cref="TotalWork"/> ÷ <see cref="Elapsed"/>.</summary>
    public double Speedup => Elapsed > TimeSpan.Zero ? TotalWork / Elapsed : 1.0;

    /// <summary>Estimated share of the workers' time spent rendering: <see cref="Speedup"/> ÷ <see cref="WorkersUsed"/>.</summary>
    public double Efficiency => Speedup / Math.Max(1, WorkersUsed);

    /// <summary>The slowest jobs (up to five), slowest first.</summary>
    public IReadOnlyList<JobTiming> SlowestJobs { get; }

    /// <summary>True when <see cref="BatchOptions.FailFast"/> stopped the batch before every job ran.</summary>
    public bool StoppedEarly { get; }
}
