namespace Kida.Workers;

/// <summary>
/// The outcome of planning a batch: how many workers, and the sentence explaining why. The sentence is only written
/// when someone reads it, so deciding stays a few arithmetic steps (formatting a dozen numbers would cost more than
/// the decision itself).
/// </summary>
public sealed class BatchDecision
{
    private readonly Func<string>? _explain;
    private string? _reason;

    /// <summary>A decision with a fixed reason.</summary>
    public BatchDecision(int workers, string reason)
    {
        Workers = workers;
        _reason = reason ?? throw new ArgumentNullException(nameof(reason));
    }

    /// <summary>A decision whose reason is written on first read.</summary>
    public BatchDecision(int workers, Func<string> explain)
    {
        Workers = workers;
        _explain = explain ?? throw new ArgumentNullException(nameof(explain));
    }

    /// <summary>Workers to run (1 = serial on the calling thread).</summary>
    public int Workers { get; }

    /// <summary>Whether the batch goes parallel.</summary>
    public bool IsParallel => Workers > 1;

    /// <summary>Why, with the figures the decision used.</summary>
    public string Reason => _reason ??= _explain!();

    /// <summary>What decided the worker count (the <see cref="Reason"/> in machine-readable form).</summary>
    public BatchDecisionCause Cause { get; internal init; }

    /// <summary>
    /// The predicted render time of the jobs still to run when the decision was made, in serial units (one worker,
    /// no interference); null when the decision predicted nothing (fixed, static profile, empty, cancelled).
    /// </summary>
    public TimeSpan? PredictedWork { get; internal init; }

    /// <summary>
    /// The predicted wall time of the parallel plan the decision weighed: on <see cref="Workers"/> workers when it
    /// went parallel, on two workers when it stayed serial for lack of gain (<see cref="BatchDecisionCause.NoGain"/>);
    /// null when no parallel plan was predicted.
    /// </summary>
    public TimeSpan? PredictedParallelTime { get; internal init; }

    /// <summary>
    /// <see cref="PredictedWork"/> ÷ <see cref="PredictedParallelTime"/>: how much faster the weighed parallel plan was
    /// predicted to be (below 1 means slower); null when either is unknown.
    /// </summary>
    public double? PredictedSpeedup =>
        PredictedWork is { } work && PredictedParallelTime is { } parallel && parallel > TimeSpan.Zero ? work / parallel : null;
}
