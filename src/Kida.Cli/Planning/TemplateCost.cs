namespace Kida.Cli.Planning;

/// <summary>A template's measured mean render time and its static weight, as saved in a <see cref="CostModel"/>.</summary>
public sealed record TemplateCost(double MeanMilliseconds, double StaticWeight, int Samples);
