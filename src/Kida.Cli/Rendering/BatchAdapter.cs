using Kida.Workers;

namespace Kida.Cli.Rendering;

/// <summary>
/// The one place the CLI hands pages to <see cref="BatchRenderer"/>. Jobs are built lazily, when a worker is about to
/// render them, so only the pages in flight hold their Markdown and context; each rendered page is written as soon
/// as it is ready and then dropped. Pages arrive heaviest first and the lazy batch keeps that order.
/// </summary>
internal static class BatchAdapter
{
    public static BatchResult Run(IReadOnlyList<PageJob> jobs, PageRenderer renderer, BatchOptions options, CancellationToken cancellationToken = default) =>
        BatchRenderer.Render(
            jobs.Count,
            i => renderer.Job(jobs[i]),
            (i, text) => renderer.Write(jobs[i], text),
            options,
            cancellationToken);
}
