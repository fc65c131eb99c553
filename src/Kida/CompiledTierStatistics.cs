namespace Kida;

/// <summary>
/// What the compiled tier of one <see cref="TemplateEnvironment"/> has done so far (<see cref="TemplateEnvironment.TierStatistics"/>):
/// a snapshot, read without locks, so the fields may be a moment apart while compiles run.
/// </summary>
/// <param name="Compiled">Templates moved to the compiled tier.</param>
/// <param name="Failed">Compiles that failed (the template stayed interpreted; no render saw the failure).</param>
/// <param name="CompileTime">Time spent compiling, summed over all compiles (on the compiling thread; the thread pool's for background compiles).</param>
/// <param name="AllocatedBytes">Memory allocated by the compiles, summed (what building the expression trees and delegates cost on the compiling thread).</param>
public readonly record struct CompiledTierStatistics(int Compiled, int Failed, TimeSpan CompileTime, long AllocatedBytes);
