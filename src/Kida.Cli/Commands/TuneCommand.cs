using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kida.Cli.Planning;
using Kida.Cli.Rendering;
using Kida.Cli.Site;
using Kida.Workers;

namespace Kida.Cli.Commands;

/// <summary>
/// <c>kida tune SITE</c>: measures this machine on a sample of the site's pages — each template's mean render time,
/// then the sample rendered serially and with several worker counts — and recommends a worker count. With
/// <c>--save</c> the measurements become a cost model for <c>kida render --cost-model</c>. Rendering goes to a
/// null stream, so the figures are template and Markdown work, not disk speed.
/// </summary>
public sealed class TuneCommand(CliConsole console, WorkerHost? host = null)
{
    private readonly WorkerHost _host = host ?? WorkerHost.Current;

    public static Command Create(CliConsole console)
    {
        var site = new Argument<string>("SITE") { Description = "Site folder with templates/, content/ and optionally data/" };
        var sample = new Option<int>("--sample") { Description = "Pages to measure (spread over the site, every template included)", DefaultValueFactory = _ => 200 };
        var rounds = new Option<int>("--rounds") { Description = "Timed rounds per configuration (the best counts)", DefaultValueFactory = _ => 3 };
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
        var renderer = new PageRenderer(site, Path.Combine(site.Root, "_tune_unused"));
        rounds = Math.Max(1, rounds);

        // Warm-up: compiles parents and includes and lets the JIT settle before anything is timed.
        foreach (var job in sample) RenderToNull(renderer, job);

        var perTemplate = new Dictionary<string, (double Total, int Count)>(StringComparer.Ordinal);
        var serial = double.MaxValue;
        for (var r = 0; r < rounds; r++)
        {
            var roundStart = Stopwatch.GetTimestamp();
            foreach (var job in sample)
            {
                var t0 = Stopwatch.GetTimestamp();
                RenderToNull(renderer, job);
                var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                var name = job.Page.TemplateName;
                perTemplate.TryGetValue(name, out var acc);
                perTemplate[name] = (acc.Total + ms, acc.Count + 1);
            }
            serial = Math.Min(serial, Stopwatch.GetElapsedTime(roundStart).TotalMilliseconds);
        }

        WorkerPlanner.TryChoose("auto", null, renderable.Count, 1.0, null, _host, out var auto, out _);
        var candidates = new SortedSet<int> { 2, _host.ProcessorCount, auto.Workers, 2 * _host.ProcessorCount };
        candidates.RemoveWhere(c => c < 2 || c > Math.Max(2, 2 * _host.ProcessorCount));
        var timings = new SortedDictionary<int, double> { [1] = serial };
        foreach (var workers in candidates)
        {
            var best = double.MaxValue;
            for (var r = 0; r < rounds; r++)
            {
                var start = Stopwatch.GetTimestamp();
                BatchAdapter.Run(sample, workers, job => { RenderToNull(renderer, job); return new PageOutcome(job.Page, null, TimeSpan.Zero); }, _ => { }, CancellationToken.None);
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            timings[workers] = best;
        }
        var (recommended, bestTime) = timings.MinBy(kv => kv.Value) is var kv ? (kv.Key, kv.Value) : (1, serial);
        var speedup = serial / bestTime;

        w.WriteLine(string.Create(inv, $"Tuned {site.DisplayRoot}: {sample.Count} of {renderable.Count} pages sampled, {rounds} rounds, {_host.ProcessorCount} processors"));
        w.WriteLine();
        var model = new CostModel { Processors = _host.ProcessorCount, RecommendedWorkers = recommended, ExpectedSpeedup = Math.Round(speedup, 3) };
        var nameWidth = Math.Max(8, perTemplate.Keys.Max(k => k.Length));
        w.WriteLine($"  {"template".PadRight(nameWidth)}  {"pages",6}  {"mean ms",9}  {"static weight",13}");
        foreach (var (name, (total, count)) in perTemplate.OrderByDescending(kv => kv.Value.Total / kv.Value.Count).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var mean = total / count;
            var weight = templates.StaticWeight(name);
            model.Templates[name] = new TemplateCost(Math.Round(mean, 4), Math.Round(weight, 3), count / rounds);
            w.WriteLine(string.Create(inv, $"  {name.PadRight(nameWidth)}  {count / rounds,6}  {mean,9:0.000}  {weight,13:0.00}"));
        }
        w.WriteLine();
        w.WriteLine("  workers  sample time  speedup");
        foreach (var (workers, ms) in timings)
            w.WriteLine(string.Create(inv, $"  {workers,7}  {ms,8:0.0} ms  {serial / ms,6:0.00}x{(workers == recommended ? "  <- best" : "")}"));
        w.WriteLine();
        w.WriteLine(string.Create(inv, $"Recommended workers: {recommended} (expected speedup x{speedup:0.00} over 1 worker)"));
        w.WriteLine(string.Create(inv, $"--workers auto without a cost model would choose {auto.Workers} ({auto.Reason})"));
        if (save is not null)
        {
            model.Save(save);
            w.WriteLine($"Cost model saved to {save}; use it with: kida render {sitePath} --cost-model {save}");
        }
        return 0;
    }

    private static readonly UTF8Encoding Utf8NoBom = new(false);

    private static void RenderToNull(PageRenderer renderer, PageJob job)
    {
        // A real encoder over a null stream: the same work as writing a page, minus the disk.
        using var writer = new StreamWriter(Stream.Null, Utf8NoBom, 16 * 1024);
        renderer.RenderTo(writer, job);
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
