namespace Kida.Workers;

/// <summary>A job that failed; the batch carries on with the others unless <see cref="BatchOptions.FailFast"/>.</summary>
/// <param name="JobIndex">The job's position in the input.</param>
/// <param name="TemplateName">The template's name (null for a template made from a string without one).</param>
/// <param name="Exception">What the render (or the output sink) threw.</param>
public sealed record BatchError(int JobIndex, string? TemplateName, Exception Exception);
