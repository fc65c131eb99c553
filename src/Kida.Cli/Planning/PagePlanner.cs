using Kida.Cli.Rendering;
using Kida.Workers;

namespace Kida.Cli.Planning;

/// <summary>
/// Builds the render jobs: each page's template (or problem), its weight, the shard's share, heaviest first.
/// A page's weight is its template's cost — the measured microseconds from a cost model, else the static
/// <see cref="WorkerTuning.EstimateTemplateWeight"/> — scaled up by its content size (+1% per 640 bytes, for the
/// Markdown conversion). Weights depend only on the files and the cost model, so every machine computes the same
/// shards.
/// </summary>
internal static class PagePlanner
{
    public const double BytesPerDoubling = 64 * 1024;

    public static IReadOnlyList<PageJob> Plan(SiteTemplates templates, ShardSpec shard, CostModel? model)
    {
        var site = templates.Site;
        var jobs = new List<PageJob>(site.Pages.Count);
        foreach (var page in site.Pages)
        {
            if (page.Problem is not null)
            {
                jobs.Add(new PageJob(page, null, page.Problem, 1.0));
                continue;
            }
            var (template, problem) = templates.For(page);
            var cost = model is not null && model.TryGetCost(page.TemplateName, out var measured)
                ? measured.TotalMicroseconds
                : templates.StaticWeight(page.TemplateName);
            jobs.Add(new PageJob(page, template, problem, cost * (1 + page.Bytes / BytesPerDoubling)));
        }

        if (!shard.IsWholeSite)
        {
            var bins = ShardPlanner.Assign([.. jobs.Select(j => (j.Page.ContentPath, j.Weight))], shard.Count);
            jobs = [.. jobs.Where((_, i) => bins[i] == shard.Index - 1)];
        }

        // Heaviest first (ties by path) so the slowest pages start early; the order does not change any output.
        return [.. jobs.OrderByDescending(j => j.Weight).ThenBy(j => j.Page.ContentPath, StringComparer.Ordinal)];
    }
}
