using System.CommandLine;
using System.Globalization;
using Kida.Cli.Planning;
using Kida.Cli.Rendering;
using Kida.Cli.Site;
using Kida.Workers;

namespace Kida.Cli.Commands;

/// <summary>
/// <c>kida tune SITE</c>: measures this machine on a sample of the site's pages through the batch renderer — once on
/// one worker, then on every worker count up to the processor count — and prints each template's measured cost next
/// to its static weight, the best worker count and its speedup. With <c>--save</c> the learned
/// <see cref="CostModel"/> (per-template costs, in serial units) is written for
/// <c>kida render --cost-model</c>. Outputs stay in memory; nothing is written to disk but the model.
/// </summary>
internal sealed class TuneCommand(CliConsole console, WorkerHost? host = null)
{
    private readonly WorkerHost _host = host ?? WorkerHost.Current;

    public static Command Create(CliConsole console)
    {
        var site = new Argument<string>("SITE") { Description = "Site folder with templates/, content/ and optionally data/" };
        var sample = new Option<int>("--sample") { Description = "Pages to measure (spread over the site, every template included)", DefaultValueFactory = _ => 200 };
        var rounds = new Option<int>("--rounds") { Description = "Timed rounds per worker count (the best counts)", DefaultValueFactory = _ => 3 };
        var save = new Option<string?>("--save") { Description = "Write the cost model to this file" };
        var command = new Command("tune", "Measure the site on this machine and recommend a worker count") { site, sample, rounds, save };
        command.SetAction(parse => new TuneCommand(console).Run(parse.GetRequiredValue(site), parse.GetValue(sample), parse.GetValue(rounds), parse.GetValue(save)));
        return command;
    }

    public int Run(string sitePath, int sampleSize = 200, int rounds = 3, string? save = null)
    {
        var w = console.Out;
        var inv = CultureInfo.InvariantCulture;
        if (!Directory.Exists(sitePath))
        {
            console.Error.WriteLine($"error: site folder '{sitePath}' does not exist");
            return 2;
        }
        var site = SiteLoader.Load(sitePath);
        var templates = new SiteTemplates(site);
        var renderable = PagePlanner.Plan(templates, ShardSpec.All, null)
            .Where(j => j.Problem is null)
            .OrderBy(j => j.Page.ContentPath, StringComparer.Ordinal)
            .ToList();
        if (renderable.Count == 0)
        {
            console.Error.WriteLine("error: no page of the site renders; run 'kida render' to see why");
            return 1;
        }
        var sample = Sample(renderable, Math.Max(1, sampleSize));
        var renderer = new PageRenderer(site, Path.Combine(site.Root, "_unused"));
        // Contexts are built once: the timings are template rendering, as the batch renderer measures it.
        var jobs = sample.Select(renderer.Job).ToList();
        rounds = Math.Max(1, rounds);

        // Warm-up on a throwaway model: parents and includes compile and the JIT settles before anything is learned.
        BatchRenderer.Render(jobs, new BatchOptions { Workers = 1, CostModel = new CostModel(), Host = _host });

        var model = new CostModel();
        var timings = new SortedDictionary<int, TimeSpan>();
        var maxWorkers = Math.Max(1, Math.Min(_host.ProcessorCount, 16));
        for (var workers = 1; workers <= maxWorkers; workers++)
        {
            var best = TimeSpan.MaxValue;
            for (var r = 0; r < rounds; r++)
            {
                var result = BatchRenderer.Render(jobs, new BatchOptions { Workers = workers, CostModel = model, Host = _host });
                if (result.Elapsed < best) best = result.Elapsed;
            }
            timings[workers] = best;
        }
        var auto = BatchRenderer.Render(jobs, new BatchOptions { CostModel = model, Host = _host });
        var (recommended, bestTime) = timings.MinBy(kv => kv.Value);
        var serial = timings[1];
        var speedup = serial / bestTime;

        w.WriteLine(string.Create(inv, $"Tuned {site.DisplayRoot}: {sample.Count} of {renderable.Count} pages sampled, {rounds} round(s) per worker count, {_host.ProcessorCount} processors"));
        w.WriteLine();
        var names = sample.Select(j => j.Page.TemplateName).Distinct(StringComparer.Ordinal).ToList();
        var nameWidth = Math.Max(8, names.Max(n => n.Length));
        w.WriteLine($"  {"template".PadRight(nameWidth)}  {"pages",5}  {"measured ms",11}  {"static weight",13}");
        var rows = names
            .Select(n => (Name: n, Pages: sample.Count(j => j.Page.TemplateName == n), Cost: model.TryGetCost(n, out var c) ? c.TotalMilliseconds : double.NaN))
            .OrderByDescending(r => r.Cost).ThenBy(r => r.Name, StringComparer.Ordinal);
        foreach (var (name, pages, cost) in rows)
            w.WriteLine(string.Create(inv, $"  {name.PadRight(nameWidth)}  {pages,5}  {cost,11:0.000}  {templates.StaticWeight(name),13:0.00}"));
        w.WriteLine();
        w.WriteLine("  workers  sample time  speedup");
        foreach (var (workers, time) in timings)
            w.WriteLine(string.Create(inv, $"  {workers,7}  {time.TotalMilliseconds,8:0.0} ms  {serial / time,6:0.00}x{(workers == recommended ? "  <- best" : "")}"));
        w.WriteLine();
        w.WriteLine(string.Create(inv, $"Recommended workers: {recommended} (expected speedup x{speedup:0.00} over 1 worker on this machine)"));
        w.WriteLine($"--workers auto with this model: {auto.WorkersUsed}. {auto.Reason}");
        if (save is not null)
        {
            model.Save(save);
            w.WriteLine($"Cost model saved to {save}; use it with: kida render {sitePath} --cost-model {save}");
        }
        return 0;
    }

    /// <summary>Evenly spaced pages by path, plus the first page of every template not yet covered.</summary>
    private static List<PageJob> Sample(List<PageJob> pages, int size)
    {
        if (pages.Count <= size) return pages;
        var step = (double)pages.Count / size;
        var chosen = new SortedSet<int>();
        for (var i = 0; i < size; i++) chosen.Add((int)(i * step));
        var covered = chosen.Select(i => pages[i].Page.TemplateName).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < pages.Count; i++)
            if (covered.Add(pages[i].Page.TemplateName)) chosen.Add(i);
        return [.. chosen.Select(i => pages[i])];
    }
}
