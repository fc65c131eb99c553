using Kida.Workers;

namespace Kida.Tests.Workers;

public class WorkerTuningConcurrencyTests
{
    [Fact]
    public void Sixteen_threads_calling_at_once_get_the_same_results_as_one_thread()
    {
        const int threads = 16;
        var tuner = Hosts.WithVariables(12, ("KIDA_ENV", "Production"));
        var inputs = (from tasks in new[] { 0, 1, 5, 10, 50, 100, 1000 }
                      from type in Enum.GetValues<WorkloadType>()
                      from weight in new[] { 0.5, 1.0, 2.0 }
                      select (tasks, type, weight)).ToArray();
        string Compute(WorkerTuner t) => string.Join(";", inputs.Select(i =>
            $"{t.ShouldParallelize(i.tasks, i.type)},{t.GetOptimalWorkers(i.tasks, i.type, taskWeight: i.weight)},{t.GetProfile(i.type)},{t.DetectEnvironment()},{WorkerTuning.GetProfile(i.type, DeploymentEnvironment.Ci)}"));
        var expected = Compute(tuner);

        using var barrier = new Barrier(threads);
        var results = new string[threads];
        var failures = new Exception?[threads];
        var workers = Enumerable.Range(0, threads).Select(n => new Thread(() =>
        {
            try
            {
                // Everyone starts together, so the calls really overlap.
                barrier.SignalAndWait();
                results[n] = Compute(tuner);
            }
            catch (Exception e)
            {
                failures[n] = e;
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.All(failures, Assert.Null);
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
