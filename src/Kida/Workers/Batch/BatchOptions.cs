namespace Kida.Workers;

/// <summary>How <see cref="BatchRenderer"/> runs a batch. Every property has a sensible default.</summary>
public sealed record BatchOptions
{
    /// <summary>The defaults: adaptive tuning, process-wide cost model, errors captured, no progress.</summary>
    public static BatchOptions Default { get; } = new();

    /// <summary>
    /// Number of workers: null (the default) chooses automatically per <see cref="Tuning"/>; a number fixes it
    /// (capped at the job count; 1 means serial on the calling thread).
    /// </summary>
    public int? Workers { get; init; }

    /// <summary>
    /// The kind of work. <see cref="WorkloadType.IoBound"/> (templates whose loaders or filters wait on I/O) may use
    /// more workers than processors; CPU-bound work never does in <see cref="TuningMode.Adaptive"/>.
    /// </summary>
    public WorkloadType WorkloadType { get; init; } = WorkloadType.Render;

    /// <summary>The deployment environment for <see cref="TuningMode.Static"/> profiles; null detects it.</summary>
    public DeploymentEnvironment? Environment { get; init; }

    /// <summary><see cref="TuningMode.Adaptive"/> (measured, the default) or <see cref="TuningMode.Static"/> (the seed's profiles).</summary>
    public TuningMode Tuning { get; init; } = TuningMode.Adaptive;

    /// <summary>Receives progress from worker threads (see <see cref="BatchProgress"/>); null for none.</summary>
    public IProgress<BatchProgress>? Progress { get; init; }

    /// <summary>
    /// Stop handing out jobs after the first failure (jobs already rendering finish). The default, false, renders
    /// every job and collects the failures in <see cref="BatchResult.Errors"/>.
    /// </summary>
    public bool FailFast { get; init; }

    /// <summary>
    /// Where measured render times are learned and read: null uses <see cref="Kida.Workers.CostModel.Shared"/> (this
    /// process only); <see cref="Kida.Workers.CostModel.Load(string)"/> names a JSON file that is read now and written
    /// after every batch, so the next run starts warm.
    /// </summary>
    public CostModel? CostModel { get; init; }

    /// <summary>The machine to tune for (processor count, environment variables); null for the real one. For tests and what-ifs.</summary>
    public WorkerHost? Host { get; init; }

    /// <summary>This machine's measured cost of going parallel; null measures it once per process on first need. For tests.</summary>
    public DispatchCosts? DispatchCosts { get; init; }
}
