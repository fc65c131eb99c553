namespace Kida.Workers;

/// <summary>How <see cref="BatchRenderer"/> chooses between serial and parallel, and how many workers.</summary>
public enum TuningMode
{
    /// <summary>
    /// Measured (the default): predicts each job's cost from render times seen before (<see cref="CostModel"/>),
    /// calibrates on the first jobs when templates are new, and goes parallel only when the predicted gain beats
    /// this machine's measured cost of starting workers.
    /// </summary>
    Adaptive,

    /// <summary>
    /// The seed's fixed profiles exactly: <see cref="WorkerTuner.ShouldParallelize"/> then
    /// <see cref="WorkerTuner.GetOptimalWorkers"/>, heaviest template first by
    /// <see cref="WorkerTuning.EstimateTemplateWeight"/>. Nothing is measured before deciding.
    /// </summary>
    Static,
}
