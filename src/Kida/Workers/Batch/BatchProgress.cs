namespace Kida.Workers;

/// <summary>
/// A progress report from a running batch. Reports come from worker threads, at most about a hundred per batch
/// (every 1% of the jobs, and always once at the end), with <see cref="Completed"/> never going down.
/// </summary>
/// <param name="Completed">Jobs finished so far (rendered or failed).</param>
/// <param name="Failed">Of those, how many failed.</param>
/// <param name="Total">Jobs in the batch.</param>
/// <param name="Elapsed">Time since the batch started.</param>
public readonly record struct BatchProgress(int Completed, int Failed, int Total, TimeSpan Elapsed);
