namespace Kida.Cli.Planning;

/// <summary>How many workers render, and why — the reason is printed in the summary.</summary>
public sealed record WorkerChoice(int Workers, string Reason);
