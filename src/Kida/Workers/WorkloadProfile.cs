namespace Kida.Workers;

/// <summary>The tuning parameters of one workload type in one deployment environment.</summary>
/// <param name="ParallelThreshold">Minimum number of tasks before parallelising pays for the thread overhead.</param>
/// <param name="MinWorkers">Floor of the CPU-based worker count (applied before the free-threading multiplier).</param>
/// <param name="MaxWorkers">Ceiling of the worker count (applied after the multiplier).</param>
/// <param name="CpuFraction">Fraction of the processors to use, 0.0–1.0.</param>
/// <param name="FreeThreadingMultiplier">Extra scaling when threads truly run in parallel.</param>
public sealed record WorkloadProfile(
    int ParallelThreshold,
    int MinWorkers,
    int MaxWorkers,
    double CpuFraction,
    double FreeThreadingMultiplier = 1.0);
