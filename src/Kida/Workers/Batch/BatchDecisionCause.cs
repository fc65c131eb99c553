namespace Kida.Workers;

/// <summary>
/// What decided a batch's worker count — the machine-readable form of <see cref="BatchDecision.Reason"/>, for tools
/// that report the decision in their own words (the <c>kida</c> command's <c>Workers:</c> line does).
/// </summary>
public enum BatchDecisionCause
{
    /// <summary>Not stated: a decision made with <see cref="BatchDecision"/>'s public constructors.</summary>
    Other,

    /// <summary>Predicted to finish sooner on several workers: <see cref="BatchDecision.Workers"/> is above 1.</summary>
    Parallel,

    /// <summary>Serial: the batch has no jobs.</summary>
    Empty,

    /// <summary>Serial: a single job cannot be split.</summary>
    SingleJob,

    /// <summary>Serial: the platform runs one thread at a time (browser WebAssembly, WASI).</summary>
    SingleThreaded,

    /// <summary>Serial: the process may use one processor.</summary>
    OneProcessor,

    /// <summary>Serial: the predicted work is less than waking a single worker costs.</summary>
    TooLittleWork,

    /// <summary>
    /// Serial: the best parallel plan was predicted to save too little (under 5% and 2 µs) — see
    /// <see cref="BatchDecision.PredictedParallelTime"/> for what two workers would have taken.
    /// </summary>
    NoGain,

    /// <summary>The worker count was fixed by <see cref="BatchOptions.Workers"/>.</summary>
    Fixed,

    /// <summary>The worker count came from the static workload profile (<see cref="TuningMode.Static"/>).</summary>
    StaticProfile,

    /// <summary>Serial: a lazy batch had measured nothing when it had to decide.</summary>
    NothingMeasured,

    /// <summary>The batch was cancelled before it started.</summary>
    Cancelled,
}
