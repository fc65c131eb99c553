using Kida.Workers;

namespace Kida.Tests.Workers;

/// <summary>Every example of the seed page "Worker Auto-Tuning", with the processor count injected.</summary>
public class SeedExampleTests
{
    [Fact]
    public void Should_parallelize_5_is_false_below_the_threshold()
    {
        Assert.False(Hosts.Local(8).ShouldParallelize(5));
    }

    [Fact]
    public void Should_parallelize_100_is_true_above_the_threshold()
    {
        Assert.True(Hosts.Local(8).ShouldParallelize(100));
    }

    [Fact]
    public void Should_parallelize_100_with_a_500_byte_estimate_is_false_as_too_small()
    {
        Assert.False(Hosts.Local(8).ShouldParallelize(100, totalWorkEstimate: 500));
    }

    [Fact]
    public void Get_optimal_workers_100_is_4_on_an_8_processor_local_machine()
    {
        Assert.Equal(4, Hosts.Local(8).GetOptimalWorkers(100));
    }

    [Fact]
    public void Compile_workload_gives_2_workers_on_a_4_processor_local_machine()
    {
        // The seed's "2" holds on up to 5 processors (max(2, int(n × 0.5)) with no multiplier).
        Assert.Equal(2, Hosts.Local(4).GetOptimalWorkers(100, workloadType: WorkloadType.Compile));
    }

    [Fact]
    public void Config_override_16_is_returned_as_is()
    {
        Assert.Equal(16, Hosts.Local(8).GetOptimalWorkers(100, configOverride: 16));
    }

    [Fact]
    public void Task_weight_2_scales_the_useful_worker_count()
    {
        var tuner = Hosts.Local(8);

        Assert.Equal(4, tuner.GetOptimalWorkers(50, taskWeight: 2.0));
        // The weight matters when tasks are few: 1 task of weight 2 is worth 2 workers, of weight 1 only 1.
        Assert.Equal(2, tuner.GetOptimalWorkers(1, taskWeight: 2.0));
        Assert.Equal(1, tuner.GetOptimalWorkers(1));
    }

    [Fact]
    public void Render_profile_has_threshold_10_max_4_and_multiplier_1_5()
    {
        var profile = Hosts.Local(8).GetProfile(WorkloadType.Render);

        Assert.Equal(10, profile.ParallelThreshold);
        Assert.Equal(4, profile.MaxWorkers);
        Assert.Equal(1.5, profile.FreeThreadingMultiplier);
    }

    [Fact]
    public void Free_threading_is_reported_on_a_multi_processor_host()
    {
        Assert.True(Hosts.Local(8).IsFreeThreadingEnabled());
    }

    [Theory]
    [InlineData(DeploymentEnvironment.Ci, 2)]
    [InlineData(DeploymentEnvironment.Local, 4)]
    [InlineData(DeploymentEnvironment.Production, 8)]
    public void Environment_table_ceilings_are_2_4_and_8_render_workers(DeploymentEnvironment environment, int expected)
    {
        Assert.Equal(expected, Hosts.Local(64).GetOptimalWorkers(1000, environment: environment));
    }

    [Fact]
    public void Kida_env_production_selects_the_aggressive_profile()
    {
        var tuner = Hosts.WithVariables(64, ("KIDA_ENV", "production"));

        Assert.Equal(DeploymentEnvironment.Production, tuner.DetectEnvironment());
        Assert.Equal(8, tuner.GetOptimalWorkers(1000));
    }
}
