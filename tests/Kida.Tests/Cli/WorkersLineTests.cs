using Kida.Cli.Reporting;
using Kida.Workers;

namespace Kida.Tests.Cli;

/// <summary>
/// The summary's <c>Workers:</c> line says the decision in one short line built from the batch renderer's figures;
/// <c>--verbose</c> adds the full reason.
/// </summary>
public sealed class WorkersLineTests
{
    private static readonly DispatchCosts Machine = new(WakeMicroseconds: 50, PerJobMicroseconds: 0.1, FullLoadSlowdown: 1.2);

    private static BatchDecision Decide(int jobs, double totalMicroseconds, double largestMicroseconds) =>
        BatchPlanner.Decide(jobs, totalMicroseconds, largestMicroseconds, WorkerHost.Create(2), WorkloadType.Render, Machine, new CostModel(), "test");

    [Fact]
    public void A_parallel_decision_reads_as_its_work_and_predicted_speedup()
    {
        var decision = Decide(300, 250_000, 900);
        Assert.True(decision.IsParallel, decision.Reason);

        var line = WorkersLine.Format(decision.Workers, decision, verbose: false);

        Assert.Matches(@"^Workers: 2 \(parallel: ~250 ms of work, predicted 1\.\d× faster\)$", line);
    }

    [Fact]
    public void A_serial_decision_on_too_little_work_says_so()
    {
        var decision = Decide(3, 3, 1);
        Assert.False(decision.IsParallel, decision.Reason);

        Assert.Equal("Workers: 1 (serial: ~3 µs of work, too little to split)", WorkersLine.Format(decision.Workers, decision, verbose: false));
    }

    [Fact]
    public void A_serial_decision_where_two_workers_would_not_pay_gives_the_predicted_ratio()
    {
        // 50 µs of work: waking a worker (50 µs) eats the saving.
        var decision = Decide(20, 50, 5);
        Assert.False(decision.IsParallel, decision.Reason);
        Assert.Contains("would take about", decision.Reason);

        Assert.Matches(@"^Workers: 1 \(serial: ~50 µs of work, 2 workers would be only \d\.\d\d× as fast\)$",
            WorkersLine.Format(decision.Workers, decision, verbose: false));
    }

    [Fact]
    public void Verbose_adds_the_full_reason_under_the_short_line()
    {
        var decision = Decide(300, 250_000, 900);

        var lines = WorkersLine.Format(decision.Workers, decision, verbose: true).Split('\n');

        Assert.Equal(2, lines.Length);
        Assert.StartsWith("Workers: 2 (parallel: ~250 ms of work", lines[0]);
        Assert.Equal("  " + decision.Reason, lines[1]);
    }

    [Fact]
    public void A_decision_without_a_stated_cause_still_gives_the_worker_count_and_points_at_verbose()
    {
        Assert.Equal("Workers: 3 (parallel, --verbose says why)", WorkersLine.Format(3, new BatchDecision(3, "Some new reason."), verbose: false));
    }

    [Fact]
    public void The_decision_carries_its_cause_and_predicted_figures()
    {
        var parallel = Decide(300, 250_000, 900);
        Assert.Equal(BatchDecisionCause.Parallel, parallel.Cause);
        Assert.Equal(250_000, parallel.PredictedWork!.Value.TotalMicroseconds, 3);
        Assert.InRange(parallel.PredictedSpeedup!.Value, 1.01, 2.0);

        var noGain = Decide(20, 50, 5);
        Assert.Equal(BatchDecisionCause.NoGain, noGain.Cause);
        Assert.True(noGain.PredictedParallelTime > TimeSpan.Zero);

        Assert.Equal(BatchDecisionCause.TooLittleWork, Decide(3, 3, 1).Cause);
        Assert.Equal(BatchDecisionCause.SingleJob, Decide(1, 500_000, 500_000).Cause);
        Assert.Null(new BatchDecision(1, "x").PredictedWork);
    }

    [Fact]
    public void The_render_summary_has_one_short_workers_line_and_the_reason_only_with_verbose()
    {
        using var box = new CliSandbox();
        var quiet = box.Run("render", CliSandbox.ExampleSite, "--out", box.PathOf("a"), "--quiet", "--workers", "1");
        var verbose = box.Run("render", CliSandbox.ExampleSite, "--out", box.PathOf("b"), "--quiet", "--workers", "1", "--verbose");

        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.Contains("\nWorkers: 1 (fixed by --workers)\nTime: ", quiet.Out);
        Assert.DoesNotContain("BatchOptions.Workers", quiet.Out);
        Assert.True(verbose.ExitCode == 0, verbose.ToString());
        Assert.Contains("\nWorkers: 1 (fixed by --workers)\n  Fixed at 1 worker by BatchOptions.Workers.\nTime: ", verbose.Out);
    }

    [Fact]
    public void With_auto_workers_the_line_is_short_and_quotes_the_predicted_work()
    {
        using var box = new CliSandbox();
        var run = box.Run("render", CliSandbox.ExampleSite, "--out", box.PathOf("out"), "--quiet");

        Assert.True(run.ExitCode == 0, run.ToString());
        var line = run.Out.Split('\n').Single(l => l.StartsWith("Workers:", StringComparison.Ordinal));
        Assert.True(line.Length <= 80, line);
        Assert.Matches(@"^Workers: \d+ \((parallel|serial): ~\d+(\.\d)? (µs|ms|s) of work, [^()]+\)$", line);
        Assert.DoesNotContain("measured on this machine", run.Out);
    }
}
