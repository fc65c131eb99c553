using Kida.Workers;

namespace Kida.Tests.Workers;

public class WorkerTuningTests
{
    public static TheoryData<WorkloadType, DeploymentEnvironment, int, int, int, double, double> ProfileTable => new()
    {
        { WorkloadType.Render, DeploymentEnvironment.Ci, 10, 2, 2, 1.0, 1.0 },
        { WorkloadType.Render, DeploymentEnvironment.Local, 10, 2, 4, 0.5, 1.5 },
        { WorkloadType.Render, DeploymentEnvironment.Production, 10, 2, 8, 0.5, 1.5 },
        { WorkloadType.Compile, DeploymentEnvironment.Ci, 20, 1, 2, 0.5, 1.0 },
        { WorkloadType.Compile, DeploymentEnvironment.Local, 20, 2, 4, 0.5, 1.0 },
        { WorkloadType.Compile, DeploymentEnvironment.Production, 20, 2, 6, 0.5, 1.0 },
        { WorkloadType.IoBound, DeploymentEnvironment.Ci, 20, 2, 4, 1.0, 1.0 },
        { WorkloadType.IoBound, DeploymentEnvironment.Local, 20, 2, 8, 0.75, 1.0 },
        { WorkloadType.IoBound, DeploymentEnvironment.Production, 20, 2, 12, 0.75, 1.0 },
    };

    [Theory]
    [MemberData(nameof(ProfileTable))]
    public void Each_of_the_nine_profiles_has_the_exact_values_of_the_spec(
        WorkloadType type, DeploymentEnvironment environment, int threshold, int min, int max, double fraction, double multiplier)
    {
        Assert.Equal(new WorkloadProfile(threshold, min, max, fraction, multiplier), Hosts.Local(8).GetProfile(type, environment));
    }

    [Fact]
    public void Get_profile_without_an_environment_uses_the_detected_one()
    {
        Assert.Equal(2, Hosts.WithVariables(8, ("CI", "true")).GetProfile(WorkloadType.Render).MaxWorkers);
    }

    [Theory]
    // Local render: max(2, int(n × 0.5)) × 1.5 truncated, capped at 4. The floor applies before the multiplier.
    [InlineData(1, 2)]  // single processor: no free-threading, so max(2, 0) = 2
    [InlineData(2, 3)]  // max(2, 1) = 2, × 1.5 = 3
    [InlineData(3, 3)]  // max(2, 1) = 2, × 1.5 = 3
    [InlineData(4, 3)]  // max(2, 2) = 2, × 1.5 = 3
    [InlineData(6, 4)]  // 3 × 1.5 = 4.5 → 4
    [InlineData(8, 4)]  // 4 × 1.5 = 6, capped at 4
    [InlineData(128, 4)]
    public void Local_render_workers_follow_floor_then_multiplier_then_cap(int processors, int expected)
    {
        Assert.Equal(expected, Hosts.Local(processors).GetOptimalWorkers(100));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(5, 2)]
    [InlineData(6, 3)]
    [InlineData(8, 4)]
    [InlineData(64, 4)]
    public void Local_compile_workers_have_no_multiplier(int processors, int expected)
    {
        Assert.Equal(expected, Hosts.Local(processors).GetOptimalWorkers(100, workloadType: WorkloadType.Compile));
    }

    [Theory]
    [InlineData(4, 3)]   // max(2, 2) = 2 × 1.5 = 3
    [InlineData(6, 4)]   // max(2, 3) = 3 × 1.5 = 4.5 → 4
    [InlineData(8, 6)]   // 4 × 1.5 = 6
    [InlineData(16, 8)]  // 8 × 1.5 = 12, capped at 8
    public void Production_render_workers_scale_up_to_8(int processors, int expected)
    {
        Assert.Equal(expected, Hosts.Local(processors).GetOptimalWorkers(100, environment: DeploymentEnvironment.Production));
    }

    [Fact]
    public void Io_bound_production_allows_12_workers()
    {
        Assert.Equal(12, Hosts.Local(32).GetOptimalWorkers(100, WorkloadType.IoBound, DeploymentEnvironment.Production));
    }

    [Fact]
    public void Without_parallel_capable_threads_the_multiplier_is_not_applied()
    {
        var tuner = WorkerTuning.For(WorkerHost.Create(6, isParallelCapable: false));

        Assert.False(tuner.IsFreeThreadingEnabled());
        Assert.Equal(3, tuner.GetOptimalWorkers(100));
    }

    [Fact]
    public void A_single_processor_is_not_free_threaded()
    {
        Assert.False(Hosts.Local(1).IsFreeThreadingEnabled());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(-5, 1)]
    public void Never_more_workers_than_tasks_and_never_fewer_than_one(int tasks, int expected)
    {
        Assert.Equal(expected, Hosts.Local(64).GetOptimalWorkers(tasks, environment: DeploymentEnvironment.Production));
    }

    [Fact]
    public void A_light_task_weight_reduces_the_useful_worker_count()
    {
        Assert.Equal(2, Hosts.Local(64).GetOptimalWorkers(10, environment: DeploymentEnvironment.Production, taskWeight: 0.25));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void An_override_of_zero_or_less_is_ignored(int configOverride)
    {
        Assert.Equal(4, Hosts.Local(8).GetOptimalWorkers(100, configOverride: configOverride));
    }

    [Fact]
    public void An_override_wins_even_over_the_task_count()
    {
        Assert.Equal(16, Hosts.Local(1).GetOptimalWorkers(1, WorkloadType.Compile, DeploymentEnvironment.Ci, configOverride: 16));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1.0)]
    public void An_invalid_task_weight_is_rejected(double weight)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Hosts.Local(8).GetOptimalWorkers(10, taskWeight: weight));
    }

    [Fact]
    public void A_huge_task_count_times_weight_does_not_overflow()
    {
        Assert.Equal(4, Hosts.Local(8).GetOptimalWorkers(int.MaxValue, taskWeight: 1000.0));
    }

    [Theory]
    [InlineData(WorkloadType.Render, 9, false)]
    [InlineData(WorkloadType.Render, 10, true)]
    [InlineData(WorkloadType.Compile, 19, false)]
    [InlineData(WorkloadType.Compile, 20, true)]
    [InlineData(WorkloadType.IoBound, 19, false)]
    [InlineData(WorkloadType.IoBound, 20, true)]
    public void Should_parallelize_starts_at_the_profile_threshold(WorkloadType type, int tasks, bool expected)
    {
        Assert.Equal(expected, Hosts.Local(8).ShouldParallelize(tasks, type));
    }

    [Theory]
    [InlineData(4999L, false)]
    [InlineData(5000L, true)]
    [InlineData(0L, false)]
    [InlineData(1_000_000L, true)]
    public void Should_parallelize_needs_an_estimate_of_at_least_5000_bytes(long estimate, bool expected)
    {
        Assert.Equal(expected, Hosts.Local(8).ShouldParallelize(100, totalWorkEstimate: estimate));
    }

    [Fact]
    public void A_large_estimate_does_not_overcome_the_task_threshold()
    {
        Assert.False(Hosts.Local(8).ShouldParallelize(5, totalWorkEstimate: 1_000_000));
    }

    [Fact]
    public void Worker_host_rejects_a_processor_count_below_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkerHost.Create(0));
    }

    [Fact]
    public void The_current_host_reads_the_real_processor_count()
    {
        Assert.Equal(System.Environment.ProcessorCount, WorkerHost.Current.ProcessorCount);
        Assert.InRange(WorkerTuning.GetOptimalWorkers(100), 1, 8);
    }
}
