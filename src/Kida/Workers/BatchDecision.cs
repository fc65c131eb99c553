namespace Kida.Workers;

/// <summary>The outcome of planning a batch: how many workers, and the sentence explaining why.</summary>
/// <param name="Workers">Workers to run (1 = serial on the calling thread).</param>
/// <param name="Reason">Why, with the figures the decision used.</param>
public readonly record struct BatchDecision(int Workers, string Reason)
{
    /// <summary>Whether the batch goes parallel.</summary>
    public bool IsParallel => Workers > 1;
}
