namespace Kida.Workers;

/// <summary>
/// The batch was cancelled through its <see cref="CancellationToken"/>. It is still an
/// <see cref="OperationCanceledException"/>, so ordinary cancellation handling works, and it carries what finished.
/// </summary>
public sealed class BatchCanceledException : OperationCanceledException
{
    public BatchCanceledException(BatchResult result, CancellationToken token)
        : base($"The batch was cancelled after {result.Completed} of {result.JobCount} jobs finished.", token)
    {
        Result = result;
    }

    /// <summary>The jobs that finished before cancellation: outputs (in non-streaming mode), errors and statistics.</summary>
    public BatchResult Result { get; }
}
