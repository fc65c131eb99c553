namespace Kida.Workers;

/// <summary>
/// The batch was cancelled through its <see cref="CancellationToken"/>. It is still an
/// <see cref="OperationCanceledException"/>, so ordinary cancellation handling works, and it carries what finished.
/// </summary>
/// <example>
/// <code>
/// try { result = BatchRenderer.Render(jobs, cancellationToken: token); }
/// catch (BatchCanceledException e) { Console.WriteLine($"{e.Result.Completed} of {e.Result.JobCount} done"); }
/// </code>
/// </example>
public sealed class BatchCanceledException : OperationCanceledException
{
    /// <summary>Creates the exception; <see cref="BatchRenderer"/> throws it, applications normally only catch it.</summary>
    /// <param name="result">What finished before cancellation.</param>
    /// <param name="token">The token that was cancelled (<see cref="OperationCanceledException.CancellationToken"/>).</param>
    public BatchCanceledException(BatchResult result, CancellationToken token)
        : base($"The batch was cancelled after {result.Completed} of {result.JobCount} jobs finished.", token)
    {
        Result = result;
    }

    /// <summary>The jobs that finished before cancellation: outputs (in non-streaming mode), errors and statistics.</summary>
    public BatchResult Result { get; }
}
