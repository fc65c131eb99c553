using System.Globalization;
using Kida.Workers;

namespace Kida.Cli.Planning;

/// <summary>
/// Turns <c>--workers auto|N</c> and <c>--env</c> into <see cref="BatchOptions"/>. <c>auto</c> lets the batch renderer
/// measure and decide (<see cref="TuningMode.Adaptive"/>); <c>auto</c> with <c>--env</c> uses that environment's
/// fixed profile instead (<see cref="TuningMode.Static"/>); a number fixes the worker count.
/// </summary>
internal static class WorkerSettings
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

    public static bool TryCreateOptions(string? workers, DeploymentEnvironment? environment, out BatchOptions options, out string error)
    {
        error = "";
        options = BatchOptions.Default;
        if (string.IsNullOrEmpty(workers) || workers.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            options = environment is null
                ? new BatchOptions { Tuning = TuningMode.Adaptive }
                : new BatchOptions { Tuning = TuningMode.Static, Environment = environment };
            return true;
        }
        if (!int.TryParse(workers, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            error = $"--workers must be 'auto' or a positive number, not '{workers}'";
            return false;
        }
        options = new BatchOptions { Workers = n, Environment = environment };
        return true;
    }
}
