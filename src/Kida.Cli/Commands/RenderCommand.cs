using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Kida.Cli.Planning;
using Kida.Cli.Rendering;
using Kida.Cli.Reporting;
using Kida.Cli.Site;
using Kida.Workers;

namespace Kida.Cli.Commands;

/// <summary>
/// <c>kida render SITE</c>: renders every page of a site (or one shard of it) in parallel, streaming each page to
/// disk as it finishes. A failing page is reported and does not stop the others; the exit code is 1 if any failed.
/// </summary>
public sealed class RenderCommand(CliConsole console, WorkerHost? host = null)
{
    private readonly WorkerHost _host = host ?? WorkerHost.Current;

    public static Command Create(CliConsole console)
    {
        var site = new Argument<string>("SITE") { Description = "Site folder with templates/, content/ and optionally data/" };
        var output = new Option<string>("--out", "-o") { Description = "Output folder", DefaultValueFactory = _ => "_site" };
        var workers = new Option<string>("--workers", "-w") { Description = "auto, or a number of workers", DefaultValueFactory = _ => "auto" };
        var env = new Option<string?>("--env") { Description = "Tune workers for ci, local or production (default: detected)" };
        env.AcceptOnlyFromAmong("ci", "local", "production");
        var shard = new Option<string?>("--shard") { Description = "Render share K of N (K/N, K is 1-based) of the pages, cost-balanced" };
        var failFast = new Option<bool>("--fail-fast") { Description = "Stop at the first failing page" };
        var costModel = new Option<string?>("--cost-model") { Description = "Cost model saved by 'kida tune --save'" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress; only problems and the summary" };
        var command = new Command("render", "Render a site's content through its templates")
        {
            site, output, workers, env, shard, failFast, costModel, quiet,
        };
        command.SetAction(parse => new RenderCommand(console).Run(new RenderSettings(parse.GetRequiredValue(site))
        {
            Out = parse.GetValue(output) ?? "_site",
            Workers = parse.GetValue(workers) ?? "auto",
            Environment = parse.GetValue(env),
            Shard = parse.GetValue(shard),
            FailFast = parse.GetValue(failFast),
            CostModel = parse.GetValue(costModel),
            Quiet = parse.GetValue(quiet),
        }));
        return command;
    }

    public int Run(RenderSettings settings)
    {
        var started = Stopwatch.GetTimestamp();
        var err = console.Error;
        var outw = console.Out;
        if (!ShardSpec.TryParse(settings.Shard, out var shard, out var shardError)) return Usage(shardError);
        if (!WorkerPlanner.TryParseEnvironment(settings.Environment, out var environment)) return Usage($"--env must be ci, local or production, not '{settings.Environment}'");
        if (!Directory.Exists(settings.Site)) return Usage($"site folder '{settings.Site}' does not exist");

        CostModel? model = null;
        if (settings.CostModel is not null)
        {
            try
            {
                model = CostModel.Load(settings.CostModel);
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidDataException)
            {
                return Usage($"cannot read cost model '{settings.CostModel}': {e.Message}");
            }
        }

        var site = SiteLoader.Load(settings.Site);
        var templates = new SiteTemplates(site);
        var jobs = PagePlanner.Plan(templates, shard, model);
        if (!WorkerPlanner.TryChoose(settings.Workers, environment, jobs.Count, 1.0, model, _host, out var workers, out var workersError)) return Usage(workersError);

        var renderer = new PageRenderer(site, settings.Out);
        var summary = new RenderSummary();
        using var cancel = new CancellationTokenSource();
        IRenderProgress progress = settings.Quiet || console.Live is null ? new PlainProgress(outw, settings.Quiet) : new LiveProgress(console.Live);
        var renderStarted = Stopwatch.GetTimestamp();
        progress.Run(jobs.Count, report => BatchAdapter.Run(jobs, workers.Workers, renderer.Render, outcome =>
        {
            summary.Add(outcome);
            report(outcome);
            if (!outcome.Succeeded && settings.FailFast) cancel.Cancel();
        }, cancel.Token));
        var renderTime = Stopwatch.GetElapsedTime(renderStarted);
        var wall = Stopwatch.GetElapsedTime(started);

        foreach (var problem in site.Problems) err.WriteLine(problem.Format() + "\n");
        foreach (var (problem, pages) in summary.GroupedFailures())
        {
            var note = pages.Count == 1 && pages[0] == problem.Path ? null : "while rendering " + RenderSummary.Pages(pages);
            err.WriteLine((problem with { Note = note }).Format() + "\n");
        }

        WriteSummary(settings, shard, site, jobs.Count, summary, workers, wall, renderTime);
        return summary.Failed > 0 || site.Problems.Count > 0 ? 1 : 0;
    }

    private void WriteSummary(RenderSettings settings, ShardSpec shard, SiteModel site, int planned, RenderSummary summary,
        WorkerChoice workers, TimeSpan wall, TimeSpan renderTime)
    {
        var w = console.Out;
        var inv = CultureInfo.InvariantCulture;
        var skipped = planned - summary.Rendered - summary.Failed;
        var perSecond = summary.Rendered / Math.Max(wall.TotalSeconds, 1e-9);
        w.WriteLine(string.Create(inv, $"Rendered {summary.Rendered} pages, {summary.Failed} failed{(skipped > 0 ? $", {skipped} skipped (--fail-fast)" : "")} -> {settings.Out}"));
        if (!shard.IsWholeSite) w.WriteLine(string.Create(inv, $"Shard {shard}: {planned} of {site.Pages.Count} pages"));
        w.WriteLine(string.Create(inv, $"Workers: {workers.Workers} ({workers.Reason})"));
        w.WriteLine(string.Create(inv, $"Time: {wall.TotalSeconds:0.00} s wall ({renderTime.TotalSeconds:0.00} s rendering), {perSecond:0} pages/s, {1000 * renderTime.TotalSeconds / Math.Max(1, planned):0.000} ms/page"));
        if (summary.Slowest.Count == 0) return;
        w.WriteLine("Slowest pages:");
        foreach (var o in summary.Slowest)
            w.WriteLine(string.Create(inv, $"  {o.Elapsed.TotalMilliseconds,8:0.00} ms  {o.Page.OutputPath}  ({o.Page.TemplateName})"));
    }

    private int Usage(string message)
    {
        console.Error.WriteLine("error: " + message);
        return 2;
    }
}
