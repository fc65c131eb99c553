using Kida.Workers;
using static Kida.Tests.Workers.BatchFixtures;

namespace Kida.Tests.Workers;

/// <summary>The adaptive decision with injected predictions and machine figures: no timing, fully deterministic.</summary>
public class BatchPlannerTests
{
    private static BatchDecision Decide(int jobs, double total, double largest, int processors = 4, WorkloadType type = WorkloadType.Render, DispatchCosts? machine = null, CostModel? model = null) =>
        BatchPlanner.Decide(jobs, total, largest, WorkerHost.Create(processors), type, machine ?? FastMachine, model ?? new CostModel(), "test");

    [Fact]
    public void Work_below_the_break_even_stays_serial()
    {
        // 40 µs of work: done before a second worker (50 µs to wake) could take a job.
        var decision = Decide(jobs: 20, total: 40, largest: 2);

        Assert.Equal(1, decision.Workers);
        Assert.StartsWith("Serial:", decision.Reason);
        Assert.Contains("a worker wakes in 50 µs", decision.Reason);
        // 300 µs: the caller renders alone for 50 µs, then two share the other 250.
        Assert.Equal(2, Decide(jobs: 150, total: 300, largest: 2, processors: 2).Workers);
    }

    [Fact]
    public void A_worker_that_wakes_after_the_work_ran_out_costs_only_its_start_never_its_wake_up()
    {
        // Workers that wake late are released, not waited for (HelperClaims): a batch shorter than the wake-up is
        // predicted at its serial time plus starting the worker and handing out the jobs, however slow the wake-up.
        Assert.Equal(40 + 2 + 20 * 0.1 / 2, BatchPlanner.PredictMicroseconds(2, 20, 40, 2, 1.0, FastMachine), 9);
        Assert.Equal(40 + 2 + 20 * 0.1 / 2, BatchPlanner.PredictMicroseconds(2, 20, 40, 2, 1.0, FastMachine with { WakeMicroseconds = 1e6 }), 9);
        // Nor more than serial when it wakes in time but the machine gives it nothing (slowdown 2 on 2 processors).
        Assert.Equal(1000 + 2 + 10 * 0.1 / 2, BatchPlanner.PredictMicroseconds(2, 10, 1000, 100, 2.0, FastMachine), 9);
    }

    [Fact]
    public void A_parallel_plan_must_save_a_few_microseconds_not_only_a_percentage()
    {
        // Workers wake in 1 µs (a pool thread still spinning) and cost 2 µs to start. 4 jobs of 3 µs: about 10.2 µs on
        // two workers, 15% under serial, but 1.8 µs saved is within what starting a task on a sleeping pool costs
        // beyond the model's start term.
        var hot = FastMachine with { WakeMicroseconds = 1 };
        Assert.Equal(10.2, BatchPlanner.PredictMicroseconds(2, 4, 12, 3, 1.0, hot), 9);
        Assert.Equal(1, Decide(jobs: 4, total: 12, largest: 3, processors: 2, machine: hot).Workers);
        Assert.Contains("2 µs under serial", Decide(jobs: 4, total: 12, largest: 3, processors: 2, machine: hot).Reason);
        // 8 jobs of 3 µs: about 16.4 µs instead of 24, 7.6 µs saved — parallel.
        Assert.Equal(2, Decide(jobs: 8, total: 24, largest: 3, processors: 2, machine: hot).Workers);
        Assert.Equal(2, Decide(jobs: 80, total: 240, largest: 3, processors: 2, machine: hot).Workers);
    }

    [Fact]
    public void A_helper_either_starts_or_is_released_never_both()
    {
        var claims = new HelperClaims(2);

        Assert.True(claims.TryStart(0));       // woke while there was work: must be waited for
        Assert.True(claims.MustWaitFor(0));
        Assert.False(claims.MustWaitFor(1));   // the caller ran out of work first: released...
        Assert.False(claims.TryStart(1));      // ...so when it wakes it does nothing
        Assert.False(claims.MustWaitFor(1));
    }

    [Fact]
    public void Plenty_of_work_uses_every_processor_but_never_more_for_cpu_bound_work()
    {
        var decision = Decide(jobs: 10_000, total: 200_000, largest: 20, processors: 4);

        Assert.Equal(4, decision.Workers);
        Assert.StartsWith("Parallel on 4 workers", decision.Reason);
    }

    [Fact]
    public void Io_bound_work_may_use_more_workers_than_processors()
    {
        var decision = Decide(jobs: 10_000, total: 2_000_000, largest: 200, processors: 2, type: WorkloadType.IoBound);

        Assert.Equal(8, decision.Workers);
    }

    [Fact]
    public void Never_more_workers_than_jobs()
    {
        Assert.Equal(3, Decide(jobs: 3, total: 30_000, largest: 10_000, processors: 8).Workers);
    }

    [Fact]
    public void One_job_holding_nearly_all_the_work_stays_serial_because_it_cannot_be_split()
    {
        var decision = Decide(jobs: 10, total: 10_000, largest: 9_500);

        Assert.Equal(1, decision.Workers);
    }

    [Fact]
    public void A_measured_slowdown_reduces_the_worker_count_to_where_it_still_pays()
    {
        var model = new CostModel();
        model.SetSlowdown(2, 1.0);
        model.SetSlowdown(3, 3.0); // three workers fight over something: each job takes three times as long
        var decision = Decide(jobs: 1000, total: 100_000, largest: 100, processors: 4, model: model);

        Assert.Equal(2, decision.Workers);
    }

    [Fact]
    public void A_slowdown_that_eats_the_whole_gain_keeps_the_batch_serial()
    {
        var model = new CostModel();
        model.SetSlowdown(2, 1.9);
        var decision = Decide(jobs: 1000, total: 100_000, largest: 100, processors: 2, model: model);

        Assert.Equal(1, decision.Workers);
    }

    [Fact]
    public void An_unmeasured_worker_count_assumes_the_largest_slowdown_measured_below_it()
    {
        var model = new CostModel();
        model.SetSlowdown(2, 1.25);

        Assert.Equal(1.0, model.GetSlowdown(1));
        Assert.Equal(1.25, model.GetSlowdown(2));
        Assert.Equal(1.25, model.GetSlowdown(6));
    }

    [Fact]
    public void Trivial_work_is_serial_without_measuring_the_machine()
    {
        var decision = BatchPlanner.Decide(8, 5, 1, WorkerHost.Create(4), WorkloadType.Render, costs: null, new CostModel(), "test");

        Assert.Equal(1, decision.Workers);
    }

    [Fact]
    public void A_single_processor_or_a_single_threaded_platform_is_always_serial()
    {
        Assert.Equal(1, Decide(jobs: 1000, total: 1e6, largest: 1000, processors: 1).Workers);
        var wasm = BatchPlanner.Decide(1000, 1e6, 1000, WorkerHost.Create(8, isParallelCapable: false), WorkloadType.Render, FastMachine, new CostModel(), "test");
        Assert.Equal(1, wasm.Workers);
    }

    [Fact]
    public void The_predicted_time_spreads_work_but_never_below_the_largest_job()
    {
        Assert.Equal(1000, BatchPlanner.PredictMicroseconds(1, 10, 1000, 500, 1.0, FastMachine));
        // The caller renders alone until the other wakes (50 µs), then they share the rest; at the end one waits half
        // of one of the smaller jobs (the 9 besides the largest share 500 µs) for the other; starting it costs 2 µs,
        // handing out 10 jobs 0.1 µs each, split.
        Assert.Equal(50 + 950 / 2.0 + 500 / 9.0 / 2 + 2 + 10 * 0.1 / 2, BatchPlanner.PredictMicroseconds(2, 10, 1000, 500, 1.0, FastMachine), 9);
        Assert.Equal(50 + 950 / 4.0 + 900 / 9.0 / 2 + 2 * 3 + 10 * 0.1 / 4, BatchPlanner.PredictMicroseconds(4, 10, 1000, 100, 1.0, FastMachine), 9);
        // A 900 µs job sets the makespan: 900 + what it loses to the other 100 µs (nothing at slowdown 1) + the tail.
        Assert.Equal(900 + 100 / 9.0 / 2 + 2 + 10 * 0.1 / 2, BatchPlanner.PredictMicroseconds(2, 10, 1000, 900, 1.0, FastMachine), 9);
    }

    [Fact]
    public void A_job_larger_than_a_workers_share_runs_alone_at_full_speed_once_the_rest_is_done()
    {
        // 100 jobs, one of 2,300 µs and 99 sharing 1,000 µs, on a machine where two renders side by side each take
        // 1.3× as long (the matrix's "20 µs bimodal" cell, where 2 workers measured 2.2 ms against 3.3 ms serially).
        // The other worker's 1,000 µs take 1,300 µs beside the large job, which loses 300 µs to them and then runs on
        // alone: 2,300 + 300, not the whole large job stretched by 1.3× (2,990 µs, which kept such a batch serial).
        var machine = new DispatchCosts(30, 0.1, FullLoadSlowdown: 1.3);
        var tail = 1000 / 99.0 * 1.3 / 2;
        Assert.Equal(2300 + 1000 * 0.3 + tail + 2 + 100 * 0.1 / 2, BatchPlanner.PredictMicroseconds(2, 100, 3300, 2300, 1.3, machine), 9);
        Assert.Equal(2, Decide(jobs: 100, total: 3300, largest: 2300, processors: 2, machine: machine).Workers);

        // With three workers the rest is shared by two; at exactly a worker's share the even spread applies.
        Assert.Equal(2300 + 1000 * 0.3 / 2 + tail + 2 * 2 + 100 * 0.1 / 3, BatchPlanner.PredictMicroseconds(3, 100, 3300, 2300, 1.3, machine), 9);
        Assert.Equal(30 + 2970 * 1.3 / 3 + 2000 / 99.0 * 1.3 / 2 + 2 * 2 + 100 * 0.1 / 3, BatchPlanner.PredictMicroseconds(3, 100, 3000, 1000, 1.3, machine), 9);
    }

    [Fact]
    public void The_machine_slowdown_grows_linearly_to_its_full_load_value_and_beyond_in_proportion()
    {
        var machine = new DispatchCosts(50, 0.1, FullLoadSlowdown: 1.6);

        Assert.Equal(1.0, machine.Slowdown(1, 4));
        Assert.Equal(1.2, machine.Slowdown(2, 4), 9);
        Assert.Equal(1.6, machine.Slowdown(4, 4), 9);
        Assert.Equal(3.2, machine.Slowdown(8, 4), 9);
    }

    [Fact]
    public void A_machine_whose_renders_slow_down_almost_twofold_under_load_stays_serial_on_two_processors()
    {
        // Two hyper-threads of one core, say: each render takes 1.95× as long when both run.
        var machine = new DispatchCosts(50, 0.1, FullLoadSlowdown: 1.95);

        Assert.Equal(1, Decide(jobs: 10_000, total: 1_000_000, largest: 100, processors: 2, machine: machine).Workers);
        Assert.Equal(2, Decide(jobs: 10_000, total: 1_000_000, largest: 100, processors: 2, machine: machine with { FullLoadSlowdown = 1.3 }).Workers);
    }

    [Fact]
    public void The_slowdown_is_the_median_of_the_latest_measurements_so_one_bad_moment_moves_it_by_one_rank()
    {
        var window = new MeasurementWindow(capacity: 5);

        Assert.Equal(1.2, window.Add(1.2), 9);
        Assert.Equal(1.45, window.Add(1.7), 9);  // 1.2 1.7: the mean of the middle pair
        Assert.Equal(1.2, window.Add(1.1), 9);   // 1.1 1.2 1.7
        Assert.Equal(1.25, window.Add(1.3), 9);  // 1.1 1.2 1.3 1.7
        Assert.Equal(1.25, window.Add(1.25), 9); // 1.1 1.2 1.25 1.3 1.7
        // Full: the oldest (1.2) leaves when a sixth arrives.
        Assert.Equal(1.3, window.Add(1.9), 9);   // 1.1 1.25 1.3 1.7 1.9

        // The slowdown's window takes the lower quartile: readings are only ever pushed up by interference.
        var quartile = new MeasurementWindow(capacity: 9, quantile: 0.25);
        foreach (var reading in new[] { 1.9, 1.15, 1.8, 1.2, 1.75, 1.1, 1.85, 1.25 }) quartile.Add(reading);
        Assert.Equal(1.2, quartile.Add(1.7), 9); // 1.1 1.15 [1.2] 1.25 1.7 1.75 1.8 1.85 1.9
    }

    [Fact]
    public void Only_batches_that_can_pay_for_it_re_measure_the_slowdown_and_not_more_than_once_a_second()
    {
        var old = TimeSpan.FromSeconds(5);
        Assert.True(DispatchCosts.ShouldRefresh(100_000, old, processorCount: 2));
        Assert.False(DispatchCosts.ShouldRefresh(DispatchCosts.RefreshMinimumWorkMicroseconds - 1, old, processorCount: 2));
        Assert.False(DispatchCosts.ShouldRefresh(100_000, TimeSpan.FromMilliseconds(DispatchCosts.RefreshIntervalMilliseconds - 1), processorCount: 2));
        Assert.False(DispatchCosts.ShouldRefresh(100_000, old, processorCount: 1));
        // Until the window has settled, the next measurements follow sooner (the first is taken during start-up).
        var early = TimeSpan.FromMilliseconds(DispatchCosts.EarlyRefreshIntervalMilliseconds);
        Assert.True(DispatchCosts.ShouldRefresh(100_000, early, processorCount: 2, measurements: 1));
        Assert.False(DispatchCosts.ShouldRefresh(100_000, early, processorCount: 2, measurements: DispatchCosts.SettledCount));
        // A small batch that only the slowdown keeps serial may re-measure, at the same interval.
        Assert.True(DispatchCosts.ShouldRefresh(200, old, processorCount: 2, inDoubt: true));
        Assert.False(DispatchCosts.ShouldRefresh(200, TimeSpan.FromMilliseconds(DispatchCosts.RefreshIntervalMilliseconds - 1), processorCount: 2, inDoubt: true));
    }
}
