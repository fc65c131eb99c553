namespace Kida.Workers;

/// <summary>
/// The outcome of planning a batch: how many workers, and the sentence explaining why. The sentence is only written
/// when someone reads it, so deciding stays a few arithmetic steps (formatting a dozen numbers would cost more than
/// the decision itself).
/// </summary>
public sealed class BatchDecision
{
    private readonly Func<string>? _explain;
    private string? _reason;

    /// <summary>A decision with a fixed reason.</summary>
    public BatchDecision(int workers, string reason)
    {
        Workers = workers;
        _reason = reason ?? throw new ArgumentNullException(nameof(reason));
    }

    /// <summary>A decision whose reason is written on first read.</summary>
    public BatchDecision(int workers, Func<string> explain)
    {
        Workers = workers;
        _explain = explain ?? throw new ArgumentNullException(nameof(explain));
    }

    /// <summary>Workers to run (1 = serial on the calling thread).</summary>
    public int Workers { get; }

    /// <summary>Whether the batch goes parallel.</summary>
    public bool IsParallel => Workers > 1;

    /// <summary>Why, with the figures the decision used.</summary>
    public string Reason => _reason ??= _explain!();
}
