namespace Kida.Examples.CompleteExample;

/// <summary>One template's place in the schedule and its output.</summary>
public sealed record RenderedPage(string Name, double Weight, string Output);
