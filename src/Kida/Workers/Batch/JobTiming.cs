namespace Kida.Workers;

/// <summary>How long one job took to render (measured on the worker that rendered it).</summary>
/// <param name="JobIndex">The job's position in the input.</param>
/// <param name="TemplateName">The template's name, if it has one.</param>
/// <param name="Elapsed">Render time of this job alone.</param>
public readonly record struct JobTiming(int JobIndex, string? TemplateName, TimeSpan Elapsed);
