namespace Kida.Workers;

/// <summary>
/// Renders many jobs over worker threads, deciding by measurement whether parallel pays and how many workers to use
/// (see docs/tuning.md). Outputs land in input order; a failing job never loses the others' outputs; cancellation
/// stops promptly and reports what finished. Templates are immutable, so one template may appear in any number of
/// jobs. Every method is thread-safe.
/// </summary>
/// <example>
/// <code>
/// var env = new TemplateEnvironment(new FileSystemLoader("templates"));
/// Template page = env.GetTemplate("product.html");
/// RenderJob[] jobs = products.Select(p => new RenderJob(page, new { product = p })).ToArray();
///
/// BatchResult result = BatchRenderer.Render(jobs);            // or await BatchRenderer.RenderAsync(jobs)
/// for (int i = 0; i &lt; jobs.Length; i++)
///     if (result.Outputs[i] is { } html) File.WriteAllText($"out/{products[i].Slug}.html", html);
/// foreach (BatchError error in result.Errors)
///     Console.Error.WriteLine($"job {error.JobIndex} ({error.TemplateName}): {error.Exception.Message}");
/// Console.WriteLine(result.Reason);                            // why serial, or why this many workers
/// </code>
/// </example>
public static class BatchRenderer
{
    /// <summary>Renders every job, blocking the caller (who acts as one of the workers); outputs in input order.</summary>
    /// <param name="jobs">The renders to do; one template may appear in any number of jobs.</param>
    /// <param name="options">How to run the batch; null for <see cref="BatchOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the batch promptly, even in the middle of a long render.</param>
    /// <returns>The outputs in input order, the failed jobs and how the batch ran. A failed job does not throw: it is in <see cref="BatchResult.Errors"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jobs"/> is null.</exception>
    /// <exception cref="BatchCanceledException">Cancelled; carries what finished.</exception>
    public static BatchResult Render(IReadOnlyList<RenderJob> jobs, BatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return new BatchRun(jobs, null, jobs.Count, null, options, cancellationToken).RunAsync().GetAwaiter().GetResult();
    }

    /// <summary>Renders every job on the thread pool; outputs in input order.</summary>
    /// <exception cref="BatchCanceledException">Cancelled; carries what finished.</exception>
    public static Task<BatchResult> RenderAsync(IReadOnlyList<RenderJob> jobs, BatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var run = new BatchRun(jobs, null, jobs.Count, null, options, cancellationToken);
        return Task.Run(run.RunAsync, CancellationToken.None);
    }

    /// <summary>
    /// Streaming: hands each output to <paramref name="onRendered"/> (job index, text) as soon as it is rendered and
    /// keeps none, so memory stays flat however large the batch. The sink is called from several threads at once and
    /// in completion order, not input order; an exception it throws is recorded as that job's error.
    /// <see cref="BatchResult.Outputs"/> is empty.
    /// </summary>
    public static Task<BatchResult> RenderAsync(
        IReadOnlyList<RenderJob> jobs,
        Func<int, string, ValueTask> onRendered,
        BatchOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(onRendered);
        var run = new BatchRun(jobs, null, jobs.Count, onRendered, options, cancellationToken);
        return Task.Run(run.RunAsync, CancellationToken.None);
    }

    /// <summary>
    /// Streaming with lazily supplied jobs: <paramref name="jobAt"/> builds job <c>i</c> only when a worker is about
    /// to render it (from several threads at once), so 100,000 jobs never exist together with their contexts. Jobs
    /// run in index order (they cannot be sorted without building them all first); the first few are rendered
    /// serially to measure, then the rest go parallel if that pays.
    /// </summary>
    public static Task<BatchResult> RenderAsync(
        int count,
        Func<int, RenderJob> jobAt,
        Func<int, string, ValueTask> onRendered,
        BatchOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(jobAt);
        ArgumentNullException.ThrowIfNull(onRendered);
        var run = new BatchRun(null, jobAt, count, onRendered, options, cancellationToken);
        return Task.Run(run.RunAsync, CancellationToken.None);
    }

    /// <summary>
    /// Synchronous streaming with lazily supplied jobs: as the asynchronous overload, with a synchronous sink; the
    /// caller blocks and acts as one of the workers.
    /// </summary>
    public static BatchResult Render(
        int count,
        Func<int, RenderJob> jobAt,
        Action<int, string> onRendered,
        BatchOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(jobAt);
        ArgumentNullException.ThrowIfNull(onRendered);
        Func<int, string, ValueTask> sink = (index, text) =>
        {
            onRendered(index, text);
            return ValueTask.CompletedTask;
        };
        return new BatchRun(null, jobAt, count, sink, options, cancellationToken).RunAsync().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Streaming into writers: renders job <c>i</c> and writes its text to <c>writerFor(i)</c>, which the caller owns
    /// (it is not disposed here). Called from several threads at once. A separate name, so
    /// <c>Render(jobs, null)</c> stays unambiguous.
    /// </summary>
    public static BatchResult RenderToWriters(
        IReadOnlyList<RenderJob> jobs,
        Func<int, TextWriter> writerFor,
        BatchOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(writerFor);
        Func<int, string, ValueTask> sink = (index, text) =>
        {
            writerFor(index).Write(text);
            return ValueTask.CompletedTask;
        };
        return new BatchRun(jobs, null, jobs.Count, sink, options, cancellationToken).RunAsync().GetAwaiter().GetResult();
    }
}
