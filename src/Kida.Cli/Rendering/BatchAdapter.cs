using System.Collections.Concurrent;

namespace Kida.Cli.Rendering;

/// <summary>
/// The one place the CLI hands a batch of pages to a parallel renderer. Jobs arrive heaviest first; they are
/// taken one at a time in that order (no chunking), so a slow page starts early instead of trailing at the end.
/// Each outcome is reported as soon as the page is written, so nothing accumulates here.
/// </summary>
internal static class BatchAdapter
{
    public static void Run(IReadOnlyList<PageJob> jobs, int workers, Func<PageJob, PageOutcome> render,
        Action<PageOutcome> completed, CancellationToken cancellationToken)
    {
        if (workers <= 1)
        {
            foreach (var job in jobs)
            {
                if (cancellationToken.IsCancellationRequested) return;
                completed(render(job));
            }
            return;
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        try
        {
            Parallel.ForEach(Partitioner.Create(jobs, EnumerablePartitionerOptions.NoBuffering), options, job => completed(render(job)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // --fail-fast: the pages not started are reported as skipped by the caller.
        }
    }
}
