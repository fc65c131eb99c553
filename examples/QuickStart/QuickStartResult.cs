namespace Kida.Examples.QuickStart;

/// <summary>What the quick start decided and what it rendered, in context order.</summary>
public sealed record QuickStartResult(bool Parallel, int Workers, IReadOnlyList<string> Results);
