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
internal sealed class RenderCommand(CliConsole console, WorkerHost? host = null)
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
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Explain the worker decision in full, with what was measured" };
        var command = new Command("render", "Render a site's content through its templates")
        {
            site, output, workers, env, shard, failFast, costModel, quiet, verbose,
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
            Verbose = parse.GetValue(verbose),
        }));
        return command;
    }

    public int Run(RenderSettings settings)
    {
        var started = Stopwatch.GetTimestamp();
        var err = console.Error;
        if (!ShardSpec.TryParse(settings.Shard, out var shard, out var shardError)) return Usage(shardError);
        if (!WorkerSettings.TryParseEnvironment(settings.Environment, out var environment)) return Usage($"--env must be ci, local or production, not '{settings.Environment}'");
        if (!WorkerSettings.TryCreateOptions(settings.Workers, environment, out var options, out var workersError)) return Usage(workersError);
        if (!Directory.Exists(settings.Site)) return Usage($"site folder '{settings.Site}' does not exist");

        var loadStarted = Stopwatch.GetTimestamp();
        var site = SiteLoader.Load(settings.Site);
        var loaded = Stopwatch.GetTimestamp();
        var templates = new SiteTemplates(site);
        CostModel? model = null;
        if (settings.CostModel is not null)
        {
            try
            {
                var names = site.Pages.Select(p => p.TemplateName).Distinct(StringComparer.Ordinal);
                model = CostModels.LoadFrozen(settings.CostModel, names, Math.Max(2, _host.ProcessorCount * 4));
            }
            catch (IOException e)
            {
                return Usage($"cannot read cost model: {e.Message}");
            }
        }

        var planned = PagePlanner.Plan(templates, shard, model);
        var summary = new RenderSummary();
        foreach (var job in planned.Where(j => j.Problem is not null)) summary.Fail(new PageOutcome(job.Page, job.Problem, TimeSpan.Zero));
        var renderable = planned.Where(j => j.Problem is null).ToList();
        // With --fail-fast, a page known to be broken before rendering stops the run before it starts.
        if (settings.FailFast && summary.Failures.Count > 0) renderable = [];

        var renderer = new PageRenderer(site, settings.Out);
        var staticProblems = new List<Diagnostics.Problem>();
        // Static files belong to the first shard only, so shards stay disjoint and their union is the full render.
        var staticCopied = shard.Index == 1 ? StaticFiles.Copy(site, renderer.OutputRoot, staticProblems) : 0;
        options = options with { FailFast = settings.FailFast, CostModel = model, Host = _host };
        IRenderProgress progress = settings.Quiet || console.Live is null ? new PlainProgress(console.Out, settings.Quiet) : new LiveProgress(console.Live);
        var plannedAt = Stopwatch.GetTimestamp();
        WarmUp(renderable, renderer);
        var phases = new Phases(Stopwatch.GetElapsedTime(loadStarted, loaded),
            Stopwatch.GetElapsedTime(loaded, plannedAt), Stopwatch.GetElapsedTime(plannedAt));
        BatchResult? result = null;
        progress.Run(renderable.Count, sink => result = BatchAdapter.Run(renderable, renderer, options with { Progress = sink }));
        var batch = result!;
        foreach (var error in batch.Errors)
            summary.Fail(new PageOutcome(renderable[error.JobIndex].Page, renderer.ProblemFor(renderable[error.JobIndex], error.Exception), TimeSpan.Zero));
        var wall = Stopwatch.GetElapsedTime(started);

        foreach (var problem in site.Problems.Concat(staticProblems)) err.WriteLine(problem.Format() + "\n");
        foreach (var (problem, pages) in summary.GroupedFailures())
        {
            var note = pages.Count == 1 && pages[0] == problem.Path ? null : "while rendering " + RenderSummary.Pages(pages);
            err.WriteLine((problem with { Note = note }).Format() + "\n");
        }

        var staticLine = staticCopied > 0 || staticProblems.Count > 0 ? StaticLine(site, staticCopied, staticProblems) : null;
        WriteSummary(settings, shard, site, planned.Count, summary.Failures.Count, batch, renderable, wall, phases, staticLine);
        return summary.Failures.Count > 0 || site.Problems.Count > 0 || staticProblems.Count > 0 ? 1 : 0;
    }

    /// <summary>Where the time before the batch went: site loading, compiling and planning, warm-up.</summary>
    private readonly record struct Phases(TimeSpan Load, TimeSpan Plan, TimeSpan WarmUp);

    /// <summary>Pages a site needs before warming up pays: below this, the warm-up would be a visible share of the run.</summary>
    public const int WarmUpThreshold = 50;

    /// <summary>
    /// Renders the first page of each template once, discarded, before the batch. A cold process spends its first
    /// render of a template in the JIT (hundreds of milliseconds against a steady ~1 ms); the batch renderer measures
    /// its first jobs to decide on workers, and should measure pages, not the JIT.
    /// </summary>
    private static void WarmUp(IReadOnlyList<PageJob> jobs, PageRenderer renderer)
    {
        if (jobs.Count < WarmUpThreshold) return;
        foreach (var job in jobs.DistinctBy(j => j.Page.TemplateName, StringComparer.Ordinal))
        {
            try
            {
                job.Template!.Render(TextWriter.Null, renderer.Context(job.Page));
            }
            catch (Exception)
            {
                // Whatever failed here fails again in the batch, which reports it against the page.
            }
        }
    }

    private void WriteSummary(RenderSettings settings, ShardSpec shard, SiteModel site, int planned, int failed, BatchResult batch,
        IReadOnlyList<PageJob> jobs, TimeSpan wall, Phases phases, string? staticLine)
    {
        var w = console.Out;
        var inv = CultureInfo.InvariantCulture;
        var rendered = batch.Succeeded;
        var skipped = planned - rendered - failed;
        w.WriteLine(string.Create(inv, $"Rendered {rendered} pages, {failed} failed{(skipped > 0 ? $", {skipped} skipped (--fail-fast)" : "")}{DataFailures(site)} -> {settings.Out}"));
        if (staticLine is not null) w.WriteLine(staticLine);
        if (!shard.IsWholeSite) w.WriteLine(string.Create(inv, $"Shard {shard}: {planned} of {site.Pages.Count} pages"));
        if (settings.CostModel is not null) w.WriteLine($"Cost model: {settings.CostModel} (read only)");
        w.WriteLine(WorkersLine.Format(batch.WorkersUsed, batch.Decision, settings.Verbose, settings.Environment));
        var perSecond = rendered / Math.Max(wall.TotalSeconds, 1e-9);
        w.WriteLine(string.Create(inv,
            $"Time: {wall.TotalSeconds:0.00} s wall, {batch.Elapsed.TotalSeconds:0.00} s rendering ({batch.TotalWork.TotalSeconds:0.00} s of work, x{batch.Speedup:0.00} parallel), {perSecond:0} pages/s, {1000 * batch.Elapsed.TotalSeconds / Math.Max(1, jobs.Count):0.000} ms/page"));
        w.WriteLine(string.Create(inv,
            $"Before rendering: {phases.Load.TotalSeconds:0.00} s loading the site, {phases.Plan.TotalSeconds:0.00} s compiling templates and planning, {phases.WarmUp.TotalSeconds:0.00} s warming up (fixed costs: the rendering time and ms/page above exclude them and the process start)"));
        if (batch.SlowestJobs.Count == 0) return;
        w.WriteLine("Slowest pages:");
        foreach (var timing in batch.SlowestJobs)
        {
            var page = jobs[timing.JobIndex].Page;
            w.WriteLine(string.Create(inv, $"  {timing.Elapsed.TotalMilliseconds,8:0.00} ms  {page.OutputPath}  ({page.TemplateName})"));
        }
    }

    /// <summary>
    /// <c>, 1 data file failed (data/bad.json)</c> when data files did not load (their pages still render, without
    /// them), so the summary never reads "0 failed" on a run that exits 1; empty otherwise.
    /// </summary>
    private static string DataFailures(SiteModel site)
    {
        if (site.Problems.Count == 0) return "";
        var names = site.Problems.Select(p => SiteRelative(site, p.Path)).Distinct(StringComparer.Ordinal).ToList();
        return string.Create(CultureInfo.InvariantCulture, $", {names.Count} data file{(names.Count == 1 ? "" : "s")} failed ({RenderSummary.Pages(names)})");
    }

    private static string StaticLine(SiteModel site, int copied, List<Diagnostics.Problem> problems)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"Copied {copied} static file{(copied == 1 ? "" : "s")} from {StaticFiles.Folder}/");
        if (problems.Count == 0) return line;
        var names = problems.Select(p => SiteRelative(site, p.Path)).ToList();
        return line + string.Create(CultureInfo.InvariantCulture, $", {names.Count} not copied ({RenderSummary.Pages(names)})");
    }

    /// <summary>A problem's path relative to the site folder (<c>data/bad.json</c>), as the summary names it.</summary>
    private static string SiteRelative(SiteModel site, string path) =>
        path.StartsWith(site.DisplayRoot + "/", StringComparison.Ordinal) ? path[(site.DisplayRoot.Length + 1)..] : path;

    private int Usage(string message)
    {
        console.Error.WriteLine("error: " + message);
        return 2;
    }
}
