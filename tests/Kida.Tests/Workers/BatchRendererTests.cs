using System.Collections.Concurrent;
using Kida.Workers;
using static Kida.Tests.Workers.BatchFixtures;

namespace Kida.Tests.Workers;

// Runs alone: its cancellation test once saw 994–999 jobs completed (instead of at most 2) when the whole suite ran
// in parallel on a loaded 2-core machine; the cause is not yet understood (see the closing note of that session).
[Collection(nameof(SerialBatchCollection))]
public class BatchRendererTests
{
    [Fact]
    public void Outputs_come_back_in_input_order_whatever_order_the_workers_rendered_them()
    {
        var names = new[] { "light.html", "heavy.html", "medium.html" };
        var jobs = Enumerable.Range(0, 300).Select(i => Job(names[i % 3], i)).ToList();
        var model = Costs(("light.html", 1), ("medium.html", 10), ("heavy.html", 100));

        var result = BatchRenderer.Render(jobs, Options(model) with { Workers = 4 });

        Assert.Equal(4, result.WorkersUsed);
        Assert.True(result.RanInParallel);
        Assert.Equal(300, result.Completed);
        Assert.Empty(result.Errors);
        for (var i = 0; i < 300; i++) Assert.Equal($"{"LHM"[i % 3]}{i}", result.Outputs[i]);
    }

    [Fact]
    public void Jobs_are_handed_out_heaviest_predicted_template_first_and_in_input_order_within_a_template()
    {
        var jobs = new[] { Job("light.html", 0), Job("medium.html", 1), Job("heavy.html", 2), Job("light.html", 3), Job("heavy.html", 4), Job("medium.html", 5) };
        var model = Costs(("light.html", 1), ("medium.html", 10), ("heavy.html", 100));
        var seen = new List<int>();

        // One worker renders in dispatch order, so the sink sees that order.
        var result = BatchRenderer.RenderAsync(jobs, (i, _) => { seen.Add(i); return ValueTask.CompletedTask; }, Options(model) with { Workers = 1 })
            .GetAwaiter().GetResult();

        Assert.Equal([2, 4, 1, 5, 0, 3], seen);
        Assert.Empty(result.Outputs);
        Assert.Equal(6, result.Completed);
    }

    [Fact]
    public void A_failing_job_is_reported_and_every_other_job_is_still_rendered()
    {
        var jobs = Enumerable.Range(0, 20).Select(i => Job(i == 7 ? "fails.html" : "light.html", i)).ToList();
        var env = new TemplateEnvironment(TemplateEnvironmentOptions.Default with
        {
            Loader = new DictLoader(new Dictionary<string, string> { ["fails.html"] = "{{ n }}{{ missing.attribute }}" }),
            StrictUndefined = true,
        });
        jobs[7] = new RenderJob(env.GetTemplate("fails.html"), new Dictionary<string, object?> { ["n"] = 7 });

        var result = BatchRenderer.Render(jobs, Options(Costs()) with { Workers = 2 });

        var error = Assert.Single(result.Errors);
        Assert.Equal(7, error.JobIndex);
        Assert.Equal("fails.html", error.TemplateName);
        Assert.IsAssignableFrom<TemplateException>(error.Exception);
        Assert.Null(result.Outputs[7]);
        Assert.Equal(19, result.Succeeded);
        Assert.Equal(20, result.Completed);
        Assert.False(result.StoppedEarly);
        for (var i = 0; i < 20; i++) if (i != 7) Assert.Equal($"L{i}", result.Outputs[i]);
    }

    [Fact]
    public void Fail_fast_stops_handing_out_jobs_after_the_first_failure()
    {
        // One template throughout, so the single worker renders in input order.
        var jobs = Enumerable.Range(0, 10).Select(i => Touch(i == 3 ? () => throw new InvalidOperationException("boom") : () => { })).ToList();

        var result = BatchRenderer.Render(jobs, Options(Costs()) with { Workers = 1, FailFast = true });

        Assert.Equal(3, Assert.Single(result.Errors).JobIndex);
        Assert.Equal(4, result.Completed);
        Assert.True(result.StoppedEarly);
        Assert.Equal(["T1111", "T1111", "T1111", null, null, null, null, null, null, null], result.Outputs);
    }

    [Fact]
    public void Cancellation_stops_at_once_and_the_exception_reports_what_finished()
    {
        using var cts = new CancellationTokenSource();
        // Job 4 cancels while it renders; its loop sees the token at the next step.
        var jobs = Enumerable.Range(0, 10).Select(i => Touch(i == 4 ? cts.Cancel : () => { })).ToList();

        var ex = Assert.Throws<BatchCanceledException>(() => BatchRenderer.Render(jobs, Options(Costs()) with { Workers = 1 }, cts.Token));

        Assert.Equal(4, ex.Result.Completed);
        Assert.Equal(10, ex.Result.JobCount);
        Assert.Equal(["T1111", "T1111", "T1111", "T1111", null, null, null, null, null, null], ex.Result.Outputs);
        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task Cancelling_a_parallel_batch_hands_out_no_more_jobs_once_the_running_ones_finish()
    {
        // Job 0 (predicted heavy, so handed out first) cancels while it renders. Light jobs count themselves if they
        // start rendering before the cancellation. Whatever the scheduling, the batch may finish job 0 (a running render
        // stops at its next loop step, so it usually does not), the light jobs that started before the cancellation, and
        // at most the one job the other worker had already taken — nothing handed out after it. (The earlier version of this test had both workers meet at a barrier in two heavy jobs;
        // it failed about once in a few hundred full-suite runs with 994–999 jobs completed, where the second heavy
        // job reached the barrier only at the end of the batch, and that was never explained.)
        using var cts = new CancellationTokenSource();
        var startedBeforeCancel = 0;
        var jobs = Enumerable.Range(0, 1000)
            .Select(i => new RenderJob(T("count.html"), new Dictionary<string, object?>
            {
                ["probe"] = new BatchProbe(() => { if (!cts.IsCancellationRequested) Interlocked.Increment(ref startedBeforeCancel); }),
            }))
            .ToList();
        jobs[0] = new RenderJob(T("touch.html"), new Dictionary<string, object?> { ["probe"] = new BatchProbe(Once(cts.Cancel)) });
        var model = Costs(("touch.html", 1000), ("count.html", 1));

        var ex = await Assert.ThrowsAsync<BatchCanceledException>(() => BatchRenderer.RenderAsync(jobs, Options(model) with { Workers = 2 }, cts.Token));

        Assert.InRange(ex.Result.Completed, 0, 1 + Volatile.Read(ref startedBeforeCancel) + 1);
        Assert.True(ex.Result.Completed < jobs.Count, $"{ex.Result.Completed} completed");
        Assert.Equal(ex.Result.Completed, ex.Result.Outputs.Count(o => o is not null));
    }

    private static RenderJob Touch(Action onRead) =>
        new(T("touch.html"), new Dictionary<string, object?> { ["probe"] = new BatchProbe(onRead) });

    private static Action Once(Action action)
    {
        var done = 0;
        return () =>
        {
            if (Interlocked.Exchange(ref done, 1) == 0) action();
        };
    }

    [Fact]
    public void A_batch_cancelled_before_it_starts_renders_nothing()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var jobs = Enumerable.Range(0, 10).Select(i => Job("light.html", i)).ToList();

        var ex = Assert.Throws<BatchCanceledException>(() => BatchRenderer.Render(jobs, Options(new CostModel()), cts.Token));

        Assert.Equal(0, ex.Result.Completed);
        Assert.All(ex.Result.Outputs, Assert.Null);
    }

    [Fact]
    public void Progress_is_reported_in_steps_never_goes_backwards_and_ends_with_every_job()
    {
        var progress = new BatchRecordingProgress();
        var jobs = Enumerable.Range(0, 500).Select(i => Job("light.html", i)).ToList();

        BatchRenderer.Render(jobs, Options(Costs()) with { Workers = 3, Progress = progress });

        var reports = progress.Reports;
        Assert.InRange(reports.Count, 2, 101);
        Assert.Equal(500, reports[^1].Completed);
        Assert.All(reports, r => Assert.Equal(500, r.Total));
        for (var i = 1; i < reports.Count; i++) Assert.True(reports[i].Completed > reports[i - 1].Completed);
    }

    [Fact]
    public void Streaming_hands_every_output_to_the_sink_and_keeps_none()
    {
        var seen = new ConcurrentDictionary<int, string>();
        var result = BatchRenderer.RenderAsync(
            1000,
            i => Job(i % 2 == 0 ? "light.html" : "medium.html", i),
            (i, text) => { seen[i] = text; return ValueTask.CompletedTask; },
            Options(Costs(("light.html", 5), ("medium.html", 5))) with { Workers = 2 }).GetAwaiter().GetResult();

        Assert.Empty(result.Outputs);
        Assert.Equal(1000, result.Completed);
        Assert.Equal(1000, seen.Count);
        Assert.Equal("M999", seen[999]);
        Assert.Equal("L0", seen[0]);
    }

    [Fact]
    public void Each_output_can_go_straight_into_its_own_writer()
    {
        var writers = Enumerable.Range(0, 40).Select(_ => new StringWriter()).ToArray();
        var jobs = Enumerable.Range(0, 40).Select(i => Job("medium.html", i)).ToList();

        var result = BatchRenderer.RenderToWriters(jobs, i => writers[i], Options(Costs()) with { Workers = 2 });

        Assert.Empty(result.Outputs);
        for (var i = 0; i < 40; i++) Assert.Equal($"M{i}", writers[i].ToString());
    }

    [Fact]
    public void Null_options_mean_the_defaults()
    {
        var result = BatchRenderer.Render([Job("light.html", 1)], null);

        Assert.Equal(["L1"], result.Outputs);
    }

    [Fact]
    public void A_throwing_sink_or_job_factory_becomes_that_jobs_error()
    {
        var result = BatchRenderer.Render(
            10,
            i => i == 5 ? throw new InvalidOperationException("no job 5") : Job("light.html", i),
            (i, _) => { if (i == 8) throw new IOException("disk full"); },
            Options(Costs()) with { Workers = 1 });

        Assert.Equal([5, 8], result.Errors.Select(e => e.JobIndex));
        Assert.IsType<InvalidOperationException>(result.Errors[0].Exception);
        Assert.IsType<IOException>(result.Errors[1].Exception);
        Assert.Equal(10, result.Completed);
    }

    [Fact]
    public void A_cost_model_file_is_written_after_a_batch_and_read_by_the_next_run()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kida-cost-{Guid.NewGuid():N}.json");
        try
        {
            var first = CostModel.Load(path);
            Assert.Equal(0, first.Count);
            BatchRenderer.Render([Job("light.html", 1), Job("medium.html", 2)], Options(first) with { Workers = 1 });
            Assert.True(File.Exists(path));

            var second = CostModel.Load(path);
            Assert.Equal(2, second.Count);
            Assert.True(second.TryGetCost("light.html", out _));
            Assert.True(second.TryGetCost("medium.html", out _));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void New_templates_are_measured_on_a_first_job_and_the_model_learns_them()
    {
        var model = new CostModel();
        var jobs = Enumerable.Range(0, 6).Select(i => Job(i % 2 == 0 ? "light.html" : "heavy.html", i)).ToList();

        var result = BatchRenderer.Render(jobs, Options(model, machine: SlowMachine));

        Assert.False(result.RanInParallel);
        Assert.StartsWith("Serial:", result.Reason);
        Assert.Contains("measured on a first job", result.Reason);
        Assert.True(model.TryGetCost("light.html", out _));
        Assert.True(model.TryGetCost("heavy.html", out _));
        Assert.Equal(["L0", "H1", "L2", "H3", "L4", "H5"], result.Outputs);
    }

    [Fact]
    public void Adaptive_goes_parallel_on_every_processor_when_learned_costs_dwarf_the_cost_of_waking_workers()
    {
        var jobs = Enumerable.Range(0, 400).Select(i => Job("heavy.html", i)).ToList();

        var result = BatchRenderer.Render(jobs, Options(Costs(("heavy.html", 2000)), processors: 4));

        Assert.Equal(4, result.WorkersUsed);
        Assert.StartsWith("Parallel on 4 workers", result.Reason);
        Assert.Equal("H399", result.Outputs[399]);
    }

    [Fact]
    public void Adaptive_stays_serial_when_the_predicted_work_is_below_the_break_even()
    {
        var jobs = Enumerable.Range(0, 8).Select(i => Job("light.html", i)).ToList();

        var result = BatchRenderer.Render(jobs, Options(Costs(("light.html", 2)), processors: 4));

        Assert.Equal(1, result.WorkersUsed);
        Assert.StartsWith("Serial:", result.Reason);
    }

    [Fact]
    public void Static_tuning_follows_the_seed_profiles_exactly()
    {
        var jobs = Enumerable.Range(0, 100).Select(i => Job("light.html", i)).ToList();
        var options = Options(Costs(("light.html", 1)), processors: 8) with
        {
            Tuning = TuningMode.Static,
            Environment = DeploymentEnvironment.Local,
        };

        var result = BatchRenderer.Render(jobs, options);
        var small = BatchRenderer.Render(jobs.Take(9).ToList(), options);

        Assert.Equal(WorkerTuning.For(WorkerHost.Create(8)).GetOptimalWorkers(100, environment: DeploymentEnvironment.Local), result.WorkersUsed);
        Assert.Equal(1, small.WorkersUsed);
        Assert.Contains("below its threshold of 10", small.Reason);
    }

    [Fact]
    public void An_empty_batch_returns_an_empty_result()
    {
        var result = BatchRenderer.Render([], Options(Costs()));

        Assert.Empty(result.Outputs);
        Assert.Equal(0, result.Completed);
        Assert.False(result.RanInParallel);
    }

    [Fact]
    public void Statistics_add_up_total_work_and_name_the_slowest_jobs()
    {
        var jobs = Enumerable.Range(0, 50).Select(i => Job("medium.html", i)).ToList();

        var result = BatchRenderer.Render(jobs, Options(Costs()) with { Workers = 2 });

        Assert.True(result.TotalWork > TimeSpan.Zero);
        Assert.InRange(result.SlowestJobs.Count, 1, 5);
        Assert.All(result.SlowestJobs, j => Assert.Equal("medium.html", j.TemplateName));
        for (var i = 1; i < result.SlowestJobs.Count; i++) Assert.True(result.SlowestJobs[i - 1].Elapsed >= result.SlowestJobs[i].Elapsed);
        Assert.True(result.Speedup > 0);
    }
}

[CollectionDefinition(nameof(SerialBatchCollection), DisableParallelization = true)]
public sealed class SerialBatchCollection;
