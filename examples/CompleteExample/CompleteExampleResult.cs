namespace Kida.Examples.CompleteExample;

/// <summary>The decisions the complete example made and the pages it rendered, in scheduled order.</summary>
public sealed record CompleteExampleResult(bool Parallel, int Workers, IReadOnlyList<RenderedPage> Pages);
