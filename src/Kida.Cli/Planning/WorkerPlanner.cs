using System.Globalization;
using Kida.Workers;

namespace Kida.Cli.Planning;

/// <summary>Turns <c>--workers auto|N</c>, <c>--env</c> and an optional cost model into a worker count and a reason.</summary>
public static class WorkerPlanner
{
    public static bool TryParseEnvironment(string? text, out DeploymentEnvironment? environment)
    {
        environment = null;
        if (string.IsNullOrEmpty(text)) return true;
        switch (text.ToLowerInvariant())
        {
            case "ci": environment = DeploymentEnvironment.Ci; return true;
            case "local": environment = DeploymentEnvironment.Local; return true;
            case "production": environment = DeploymentEnvironment.Production; return true;
            default: return false;
        }
    }

    public static bool TryChoose(string? workers, DeploymentEnvironment? environment, int pageCount, double meanWeight,
        CostModel? model, WorkerHost host, out WorkerChoice choice, out string error)
    {
        error = "";
        choice = new WorkerChoice(1, "");
        if (!string.IsNullOrEmpty(workers) && !workers.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            if (!int.TryParse(workers, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                error = $"--workers must be 'auto' or a positive number, not '{workers}'";
                return false;
            }
            choice = new WorkerChoice(n, "--workers " + n.ToString(CultureInfo.InvariantCulture));
            return true;
        }

        var tuner = WorkerTuning.For(host);
        var env = environment ?? tuner.DetectEnvironment();
        var envName = env.ToString().ToLowerInvariant() + (environment is null ? " (detected)" : " (--env)");
        if (model is not null && model.RecommendedWorkers > 0)
        {
            var fromModel = Math.Min(model.RecommendedWorkers, Math.Max(1, pageCount));
            choice = new WorkerChoice(fromModel, string.Create(CultureInfo.InvariantCulture,
                $"auto: cost model measured best at {model.RecommendedWorkers} on {model.Processors} processors (x{model.ExpectedSpeedup:0.00} expected)"));
            return true;
        }
        if (!tuner.ShouldParallelize(pageCount, WorkloadType.Render, env))
        {
            var threshold = tuner.GetProfile(WorkloadType.Render, env).ParallelThreshold;
            choice = new WorkerChoice(1, string.Create(CultureInfo.InvariantCulture,
                $"auto: {pageCount} pages is below the parallel threshold of {threshold}"));
            return true;
        }
        var profile = tuner.GetProfile(WorkloadType.Render, env);
        var count = tuner.GetOptimalWorkers(pageCount, WorkloadType.Render, env, taskWeight: Math.Max(1.0, meanWeight));
        choice = new WorkerChoice(count, string.Create(CultureInfo.InvariantCulture,
            $"auto: {envName} profile, {host.ProcessorCount} processors x {profile.CpuFraction} (min {profile.MinWorkers}, x{(tuner.IsFreeThreadingEnabled() ? profile.FreeThreadingMultiplier : 1.0)} parallel threads, max {profile.MaxWorkers})"));
        return true;
    }
}
