using Kida.Workers;
using static Kida.Tests.Workers.BatchFixtures;

namespace Kida.Tests.Workers;

/// <summary>
/// The adaptive decision on a machine shared with a noisy neighbour (another process keeping a processor busy), with
/// injected figures: pool threads then wake in microseconds or in milliseconds, depending on whether they find a free
/// processor, and the batches' own observations say so.
/// </summary>
public class NoisyNeighbourPlanningTests
{
    // Fifteen recent wake-ups as the tuning matrix's --noisy mode saw them: six found a processor at once, nine
    // waited for the neighbour's time slice (the median is 8 ms).
    private static readonly double[] NoisyWakes = [20, 20, 25, 30, 30, 40, 8000, 8000, 8000, 9000, 9000, 10_000, 12_000, 15_000, 20_000];

    private static readonly DispatchCosts NoisyMachine = new(WakeMicroseconds: 8000, PerJobMicroseconds: 0.1) { WakeSpread = NoisyWakes };

    [Fact]
    public void With_a_spread_of_wake_ups_the_prediction_is_the_mean_over_them()
    {
        var costs = FastMachine with { WakeSpread = [10, 10, 5000, 5000, 5000] };
        var each = new[] { 10.0, 10, 5000, 5000, 5000 }.Select(w => BatchPlanner.PredictMicroseconds(2, 200, 2000, 10, 1.1, FastMachine with { WakeMicroseconds = w })).ToList();

        Assert.Equal(each.Average(), BatchPlanner.PredictMicroseconds(2, 200, 2000, 10, 1.1, costs), 9);
        // Serial is serial, whatever the wake-ups.
        Assert.Equal(2000, BatchPlanner.PredictMicroseconds(1, 200, 2000, 10, 1.1, costs), 9);
    }

    [Fact]
    public void A_batch_shorter_than_the_median_wake_up_goes_parallel_when_enough_wake_ups_are_short()
    {
        var host = WorkerHost.Create(2);
        // 200 jobs, 2 ms of work. On the median alone (8 ms) no helper could join in time: serial.
        var medianOnly = BatchPlanner.Decide(200, 2000, 10, host, WorkloadType.Render, NoisyMachine with { WakeSpread = null }, new CostModel(), "test");
        Assert.Equal(1, medianOnly.Workers);
        // Over the spread: 6 of 15 helpers join at once and halve the batch, the other 9 are released having cost
        // their start — about 1.6 ms expected against 2 ms.
        var spread = BatchPlanner.Decide(200, 2000, 10, host, WorkloadType.Render, NoisyMachine, new CostModel(), "test");
        Assert.Equal(2, spread.Workers);
        Assert.Equal(BatchDecisionCause.Parallel, spread.Cause);
        Assert.Contains("median of the latest 15 batches', 20 µs–20 ms; predicted over all of them", spread.Reason);
        // When every wake-up waited for the neighbour, the batch stays serial.
        var allSlow = NoisyMachine with { WakeSpread = [.. NoisyWakes.Select(w => Math.Max(w, 8000))] };
        Assert.Equal(1, BatchPlanner.Decide(200, 2000, 10, host, WorkloadType.Render, allSlow, new CostModel(), "test").Workers);
    }

    [Fact]
    public void BatchRenderer_decides_with_the_injected_spread_of_wake_ups()
    {
        var jobs = Enumerable.Range(0, 200).Select(i => Job("light.html", i)).ToList();
        var model = Costs(("light.html", 10));

        var noisy = BatchRenderer.Render(jobs, Options(model, processors: 2, machine: NoisyMachine));
        var medianOnly = BatchRenderer.Render(jobs, Options(model, processors: 2, machine: NoisyMachine with { WakeSpread = null }));

        Assert.Equal(2, noisy.WorkersUsed);
        Assert.Equal(BatchDecisionCause.Parallel, noisy.Decision.Cause);
        Assert.Equal(1, medianOnly.WorkersUsed);
        Assert.Equal(BatchDecisionCause.NoGain, medianOnly.Decision.Cause);
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal($"L{i}", noisy.Outputs[i]);
            Assert.Equal($"L{i}", medianOnly.Outputs[i]);
        }
    }

    [Fact]
    public void A_batch_re_measures_the_slowdown_only_when_the_wake_ups_it_waits_for_cost_a_small_share_of_it()
    {
        var old = TimeSpan.FromSeconds(5);
        // 100 ms of work: two rounds waiting 200 µs each for a pool thread are 0.4% of it.
        Assert.True(DispatchCosts.ShouldRefresh(100_000, old, processorCount: 2, wakeMicroseconds: 200));
        // Under the neighbour a pool thread takes 5 ms: 10 ms of a 100 ms batch is too much; a 1 s batch can pay it.
        Assert.False(DispatchCosts.ShouldRefresh(100_000, old, processorCount: 2, wakeMicroseconds: 5000));
        Assert.True(DispatchCosts.ShouldRefresh(1_000_000, old, processorCount: 2, wakeMicroseconds: 5000));
        // A small batch in doubt may spend up to its own length once a second, not a hundred times it.
        Assert.True(DispatchCosts.ShouldRefresh(200, old, processorCount: 2, inDoubt: true, wakeMicroseconds: 50));
        Assert.False(DispatchCosts.ShouldRefresh(200, old, processorCount: 2, inDoubt: true, wakeMicroseconds: 5000));
    }

    [Fact]
    public void Competing_threads_slow_each_worker_by_its_share_of_the_processors()
    {
        var quiet = new DispatchCosts(WakeMicroseconds: 50, PerJobMicroseconds: 0.1);
        var neighbour = quiet with { CompetingThreads = 1 };

        // Quiet: no slowdown up to the processors, then workers take turns.
        Assert.Equal([1.0, 1.0, 1.5, 2.0], [.. new[] { 1, 2, 3, 4 }.Select(w => quiet.Slowdown(w, 2))]);
        // One busy neighbour on two processors: one worker still has a processor to itself; two get 2/3 of one each,
        // three 1/2, four 2/5 — so three workers get 1.5 processors where two get 1.33.
        Assert.Equal([1.0, 1.5, 2.0, 2.5], [.. new[] { 1, 2, 3, 4 }.Select(w => neighbour.Slowdown(w, 2))]);
        // Sharing caches and memory still counts on top.
        Assert.Equal(1.2 * 1.5, (neighbour with { FullLoadSlowdown = 1.2 }).Slowdown(2, 2), 9);
    }

    [Fact]
    public void Competing_threads_are_estimated_from_how_long_workers_waited_for_a_processor()
    {
        const long ms = 1_000_000;
        // Two workers on two processors ran 2/3 of the time: one other thread was runnable throughout.
        Assert.Equal(1.0, ProcessorShare.EstimateCompetingThreads(80 * ms, 40 * ms, workers: 2, processorCount: 2), 9);
        // One worker that waited half the time on two processors: three others.
        Assert.Equal(3.0, ProcessorShare.EstimateCompetingThreads(30 * ms, 30 * ms, workers: 1, processorCount: 2), 9);
        // Three workers on two processors wait for each other, not for anyone else.
        Assert.Equal(0.0, ProcessorShare.EstimateCompetingThreads(80 * ms, 40 * ms, workers: 3, processorCount: 2), 9);
        // Running 98% of the time is a quiet machine; too short a batch says nothing.
        Assert.Equal(0.0, ProcessorShare.EstimateCompetingThreads(98 * ms, 2 * ms, workers: 2, processorCount: 2), 9);
        Assert.True(double.IsNaN(ProcessorShare.EstimateCompetingThreads(10 * ms, 5 * ms, workers: 2, processorCount: 2)));
    }

    [Fact]
    public void Against_a_busy_neighbour_a_batch_that_gains_only_with_both_processors_to_itself_stays_serial()
    {
        var host = WorkerHost.Create(2);
        var neighbour = FastMachine with { CompetingThreads = 1 };

        // 40 jobs, 75 µs, a helper waking in 50 µs: on a quiet machine about 67 µs on two workers; beside the neighbour
        // each gets 2/3 of a processor, about 74 µs — not 5% under serial.
        Assert.Equal(67.44, BatchPlanner.PredictMicroseconds(2, 40, 75, 2, FastMachine.Slowdown(2, 2), FastMachine), 2);
        Assert.Equal(74.15, BatchPlanner.PredictMicroseconds(2, 40, 75, 2, neighbour.Slowdown(2, 2), neighbour), 2);
        Assert.Equal(2, BatchPlanner.Decide(40, 75, 2, host, WorkloadType.Render, FastMachine, new CostModel(), "test").Workers);
        var decision = BatchPlanner.Decide(40, 75, 2, host, WorkloadType.Render, neighbour, new CostModel(), "test");
        Assert.Equal(1, decision.Workers);
        Assert.Contains("1 runnable threads of other processes compete for the processors", decision.Reason);
        // A long batch still goes parallel (1.33× is a gain), and never on more workers than processors.
        Assert.Equal(2, BatchPlanner.Decide(10_000, 1_000_000, 100, host, WorkloadType.Render, neighbour with { CompetingThreads = 30 }, new CostModel(), "test").Workers);
    }

    [Fact]
    public void BatchRenderer_stays_serial_on_a_batch_the_injected_neighbour_makes_unprofitable()
    {
        var jobs = Enumerable.Range(0, 40).Select(i => Job("medium.html", i)).ToList();
        // Each batch with its own model: a batch learns its real render times, which would move the next prediction.
        var quiet = BatchRenderer.Render(jobs, Options(Costs(("medium.html", 1.875)), processors: 2));
        var noisy = BatchRenderer.Render(jobs, Options(Costs(("medium.html", 1.875)), processors: 2, machine: FastMachine with { CompetingThreads = 1 }));

        Assert.Equal(2, quiet.WorkersUsed);
        Assert.Equal(1, noisy.WorkersUsed);
        Assert.Equal(BatchDecisionCause.NoGain, noisy.Decision.Cause);
        for (var i = 0; i < 40; i++) Assert.Equal($"M{i}", noisy.Outputs[i]);
    }

    [Fact]
    public void The_window_hands_out_its_measurements_sorted()
    {
        var window = new MeasurementWindow(capacity: 3);
        foreach (var v in new[] { 30.0, 10, 20, 5 }) window.Add(v);

        Assert.Equal([5.0, 10, 20], window.Sorted()); // the oldest (30) left
    }
}
