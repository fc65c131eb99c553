using Kida.Workers;
using static Kida.Tests.Workers.BatchFixtures;

namespace Kida.Tests.Workers;

/// <summary>How a lazy batch (jobs from a factory) chooses and extrapolates its samples.</summary>
[Collection(nameof(SerialBatchCollection))]
public class LazyPlanningTests
{
    [Fact]
    public void Samples_are_spread_over_the_batch_not_taken_from_its_front()
    {
        var taken = new bool[100];
        var positions = new List<int>();
        for (var k = 0; k < 8; k++)
        {
            var p = BatchRun.SamplePosition(k, 100, taken);
            taken[p] = true;
            positions.Add(p);
        }

        Assert.Equal([0, 50, 25, 75, 12, 62, 37, 87], positions);
    }

    [Fact]
    public void A_sample_position_already_taken_moves_to_the_next_free_job()
    {
        var taken = new bool[4];
        for (var k = 0; k < 4; k++) taken[BatchRun.SamplePosition(k, 4, taken)] = true;

        Assert.All(taken, Assert.True);
        var small = new bool[3];
        var seen = Enumerable.Range(0, 3).Select(k => { var p = BatchRun.SamplePosition(k, 3, small); small[p] = true; return p; }).ToList();
        Assert.Equal([0, 1, 2], seen.Order());
    }

    [Fact]
    public void The_slowest_of_three_or_more_samples_is_left_out_of_the_mean_but_is_the_largest()
    {
        Assert.Equal((0.0, 0.0), BatchRun.LazyEstimate([]));
        Assert.Equal((900.0, 900.0), BatchRun.LazyEstimate([900]));
        Assert.Equal((500.0, 900.0), BatchRun.LazyEstimate([900, 100]));
        Assert.Equal((150.0, 900.0), BatchRun.LazyEstimate([900, 100, 200]));
    }

    [Fact]
    public void Sampled_jobs_are_dispatched_first_then_the_rest_in_input_order()
    {
        var taken = new bool[6];
        taken[3] = taken[0] = true;

        Assert.Equal([3, 0, 1, 2, 4, 5], BatchRun.LazyOrder([3, 0], taken));
    }

    [Fact]
    public void A_lazy_adaptive_batch_samples_spread_jobs_first_and_renders_every_job_once()
    {
        var built = new List<int>();
        var delivered = new int[64];
        // Starting workers costs a second here, so the batch stays serial and every sample is taken.
        var options = Options(new CostModel(), processors: 2, machine: SlowMachine) with { Tuning = TuningMode.Adaptive };

        var result = BatchRenderer.Render(
            64,
            i => { lock (built) built.Add(i); return Job("light.html", i); },
            (i, text) => { Assert.Equal($"L{i}", text); Interlocked.Increment(ref delivered[i]); },
            options);

        Assert.Equal(64, result.Completed);
        Assert.Equal(1, result.WorkersUsed);
        Assert.All(delivered, n => Assert.Equal(1, n));
        Assert.Equal([0, 32, 16, 48, 8, 40, 24, 56], built.Take(8));
        Assert.Contains("32 jobs spread over the batch", result.Reason);
    }

    [Fact]
    public void Building_the_job_and_writing_its_output_count_as_work_that_parallel_divides()
    {
        // Rendering "L1" takes microseconds; the sink takes at least 3 ms a job. Measured on the render alone, 64 jobs
        // could never pay for a worker that takes 20 ms to wake; measured whole, they do (at least 190 ms of work).
        var machine = new DispatchCosts(WakeMicroseconds: 20_000, PerJobMicroseconds: 0.1, FullLoadSlowdown: 1.0);
        var options = Options(new CostModel(), processors: 2, machine: machine) with { Tuning = TuningMode.Adaptive };

        var result = BatchRenderer.Render(64, i => Job("light.html", i), (_, _) => Thread.Sleep(3), options);

        Assert.Equal(64, result.Completed);
        Assert.Equal(2, result.WorkersUsed);
        Assert.Contains("4 jobs spread over the batch", result.Reason);
    }

    [Fact]
    public void Without_given_machine_figures_the_slowdown_is_measured_on_the_batchs_own_jobs_on_that_many_workers()
    {
        // Sleeping jobs do not compete for processors, so two workers get through them twice as fast: the probe
        // finds no slowdown to speak of and the rest goes parallel.
        var built = new int[64];
        var options = Options(new CostModel(), processors: 2) with { Tuning = TuningMode.Adaptive, DispatchCosts = null };

        var result = BatchRenderer.Render(64, i => { Interlocked.Increment(ref built[i]); return Job("light.html", i); }, (_, _) => Thread.Sleep(3), options);

        Assert.Equal(64, result.Completed);
        Assert.All(built, n => Assert.Equal(1, n));
        Assert.True(result.WorkersUsed == 2, result.Reason);
        Assert.True(result.Reason.Contains("4 jobs spread over the batch", StringComparison.Ordinal), result.Reason);
        // About 10 ms per worker: 6–8 jobs, depending on how long a 3 ms sleep really took.
        Assert.Matches(@"; [2-8] more run on 2 workers in ", result.Reason);
    }

    [Theory]
    [InlineData(2, 1000, 300, 20)]      // 10 ms each at 1 ms a job
    [InlineData(2, 10, 300, 64)]        // tiny jobs: at most 32 each
    [InlineData(2, 50_000, 300, 4)]     // huge jobs: at least 2 each
    [InlineData(4, 1000, 14, 0)]        // half of what is left is under 2 each: no probe
    [InlineData(2, 1000, 30, 15)]       // at most half of what is left
    public void A_probe_gives_each_worker_about_10_ms_within_bounds(int workers, double mean, int remaining, int expected) =>
        Assert.Equal(expected, BatchRun.ProbeSize(workers, mean, remaining));

    [Theory]
    [InlineData(2, 2, 1.5, 1.5)]        // all processors: the slowdown is the full-load one
    [InlineData(2, 4, 1.5, 2.5)]        // 2 of 4: 1 + 0.5 × 3 ÷ 1
    [InlineData(4, 2, 3.0, 1.5)]        // oversubscribed: workers take turns
    [InlineData(2, 2, 0.8, 1.0)]        // faster than alone is noise: 1.0
    [InlineData(2, 2, 5.0, 2.0)]        // never worse than one processor's worth
    public void A_probed_slowdown_becomes_the_full_load_slowdown(int workers, int processors, double probed, double expected)
    {
        var full = DispatchCosts.FullLoadFrom(probed, workers, processors);

        Assert.Equal(expected, full, 6);
        if (probed is >= 1 and <= 2 && workers <= processors)
            Assert.Equal(probed, new DispatchCosts(1, 1, full).Slowdown(workers, processors), 6);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(20, 3)]
    [InlineData(64, 4)]
    [InlineData(336, 8)]
    [InlineData(50_000, 8)]
    public void Serial_samples_before_going_parallel_grow_with_the_batch_from_3_to_8(int count, int expected) =>
        Assert.Equal(expected, BatchRun.MinLazySamples(count));

    [Fact]
    public void A_long_lazy_batch_that_starts_serial_runs_a_stage_and_decides_again_rendering_every_job_once()
    {
        // Every job holds one lock for a millisecond, so two workers cannot overlap: each probe measures no gain, the
        // batch stays serial, and with 400 ms of work it re-plans after serial stages (up to three times) on the way.
        var gate = new object();
        var delivered = new int[400];
        var options = Options(new CostModel(), processors: 2) with { Tuning = TuningMode.Adaptive, DispatchCosts = null };

        var result = BatchRenderer.Render(
            400,
            i => Job("light.html", i),
            (i, text) =>
            {
                lock (gate) Thread.Sleep(1);
                Assert.Equal($"L{i}", text);
                Interlocked.Increment(ref delivered[i]);
            },
            options);

        Assert.Equal(400, result.Completed);
        Assert.Empty(result.Errors);
        Assert.All(delivered, n => Assert.Equal(1, n));
        // Whether it re-plans depends on what the machine measures (on a loaded machine the first plan can read a gain
        // and go parallel at once, or fork/join can look too dear to probe again): the invariant is that staging and
        // probing again lose and repeat nothing. When it did re-plan, the reason says after how much serial work.
        if (result.Reason.Contains("decided again", StringComparison.Ordinal))
            Assert.Matches(@"decided again after \d+ jobs ran serially in [0-9.]+ m?s", result.Reason);
    }

    [Theory]
    [InlineData(199_999, 100, 2, true, false)]   // under 200 ms of predicted work: decided once
    [InlineData(200_000, 100, 2, true, true)]
    [InlineData(1e7, 3, 2, true, false)]         // too few jobs left to stage and probe
    [InlineData(1e7, 100, 1, true, false)]       // one processor
    [InlineData(1e7, 100, 8, false, false)]      // a platform without threads
    public void Only_a_serial_lazy_batch_with_much_left_re_plans(double predicted, int remaining, int processors, bool parallel, bool expected) =>
        Assert.Equal(expected, BatchRun.ShouldReplan(predicted, remaining, processors, parallel));

    [Theory]
    [InlineData(300_000, 100_000)]       // at least 100 ms
    [InlineData(2_000_000, 200_000)]     // a tenth of what is left
    [InlineData(60_000_000, 250_000)]    // at most 250 ms
    public void A_serial_stage_is_a_tenth_of_the_predicted_work_left_within_100_to_250_ms(double predicted, double expected) =>
        Assert.Equal(expected, BatchRun.StageMicroseconds(predicted));
}
