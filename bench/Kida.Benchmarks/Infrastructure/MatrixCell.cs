using Kida.Workers;

namespace Kida.Benchmarks.Infrastructure;

/// <summary>One cell of the tuning matrix: the jobs, and what they were meant to cost.</summary>
/// <param name="RequestedSize">The batch size asked for; <see cref="Jobs"/> is smaller when the cell was capped.</param>
/// <param name="MeanMicroseconds">Predicted mean cost per job, from the measured base renders.</param>
public sealed record MatrixCell(double TargetMicroseconds, string Distribution, int RequestedSize, IReadOnlyList<RenderJob> Jobs, double MeanMicroseconds);
