using CsCheck;
using Kida.Workers;

namespace Kida.Tests.Workers;

public class WorkerTuningPropertyTests
{
    private static readonly Gen<WorkloadType> Workload = Gen.Enum<WorkloadType>();
    private static readonly Gen<DeploymentEnvironment> Deployment = Gen.Enum<DeploymentEnvironment>();

    [Fact]
    public void Without_an_override_workers_stay_within_one_and_the_profile_maximum_and_never_exceed_the_useful_count()
    {
        Gen.Select(Gen.Int[-10, 100_000], Gen.Double[0.0, 20.0], Gen.Int[1, 512], Workload, Deployment, Gen.Bool)
            .Sample((tasks, weight, processors, workload, deployment, parallelCapable) =>
            {
                var tuner = WorkerTuning.For(WorkerHost.Create(processors, isParallelCapable: parallelCapable));
                var profile = tuner.GetProfile(workload, deployment);

                var workers = tuner.GetOptimalWorkers(tasks, workload, deployment, taskWeight: weight);

                Assert.InRange(workers, 1, profile.MaxWorkers);
                Assert.True(workers <= Math.Max(1, (int)(Math.Max(0, tasks) * weight)), $"{workers} workers for {tasks} tasks of weight {weight}");
            }, iter: 5000);
    }

    [Fact]
    public void With_enough_tasks_workers_are_at_least_the_profile_minimum()
    {
        Gen.Select(Gen.Int[1, 512], Workload, Deployment)
            .Sample((processors, workload, deployment) =>
            {
                var tuner = WorkerTuning.For(WorkerHost.Create(processors));
                var profile = tuner.GetProfile(workload, deployment);

                Assert.True(tuner.GetOptimalWorkers(10_000, workload, deployment) >= profile.MinWorkers);
            });
    }

    [Fact]
    public void More_processors_never_mean_fewer_workers()
    {
        Gen.Select(Gen.Int[1, 255], Gen.Int[0, 1000], Workload, Deployment)
            .Sample((processors, tasks, workload, deployment) =>
            {
                var fewer = WorkerTuning.For(WorkerHost.Create(processors)).GetOptimalWorkers(tasks, workload, deployment);
                var more = WorkerTuning.For(WorkerHost.Create(processors + 1)).GetOptimalWorkers(tasks, workload, deployment);

                Assert.True(more >= fewer, $"{processors}→{fewer}, {processors + 1}→{more}");
            });
    }

    [Fact]
    public void A_positive_override_is_always_returned_as_is()
    {
        Gen.Select(Gen.Int[1, 10_000], Gen.Int[-100, 100_000], Gen.Int[1, 512], Workload, Deployment)
            .Sample((configOverride, tasks, processors, workload, deployment) =>
                Assert.Equal(configOverride, WorkerTuning.For(WorkerHost.Create(processors)).GetOptimalWorkers(tasks, workload, deployment, configOverride)));
    }

    [Fact]
    public void Should_parallelize_is_false_exactly_below_the_threshold_or_under_5000_bytes()
    {
        Gen.Select(Gen.Int[-10, 1000], Gen.Long[0, 20_000].Nullable(), Workload, Deployment)
            .Sample((tasks, estimate, workload, deployment) =>
            {
                var tuner = WorkerTuning.For(WorkerHost.Create(8));
                var expected = tasks >= tuner.GetProfile(workload, deployment).ParallelThreshold && (estimate is null || estimate >= 5000);

                Assert.Equal(expected, tuner.ShouldParallelize(tasks, workload, deployment, estimate));
            });
    }
}
