using System.Globalization;
using Kida.Workers;

namespace Kida.Cli.Reporting;

/// <summary>
/// The summary's one-line <c>Workers:</c> decision — <c>Workers: 2 (parallel: ~250 ms of work, predicted 1.6× faster)</c>
/// — built from the batch's <see cref="BatchDecision"/> (its cause and predicted figures), and, with <c>--verbose</c>,
/// the batch renderer's full reason under it.
/// </summary>
internal static class WorkersLine
{
    public static string Format(int workers, BatchDecision decision, bool verbose, string? environment = null)
    {
        var line = "Workers: " + workers.ToString(CultureInfo.InvariantCulture) + " (" + Short(workers, decision, environment) + ")";
        return verbose ? line + "\n  " + decision.Reason : line;
    }

    /// <summary>The part in parentheses: the decision and the one figure or cause that made it.</summary>
    public static string Short(int workers, BatchDecision decision, string? environment = null)
    {
        var mode = workers > 1 ? "parallel" : "serial";
        var prefix = decision.PredictedWork is { } work ? $"{mode}: ~{Time(work.TotalMicroseconds)} of work" : mode;
        return decision.Cause switch
        {
            BatchDecisionCause.Fixed => "fixed by --workers",
            BatchDecisionCause.StaticProfile => $"{mode}: --env {environment?.ToLowerInvariant() ?? "static"} profile",
            BatchDecisionCause.Empty => "serial: no pages to render",
            BatchDecisionCause.NothingMeasured => "serial: nothing measured",
            BatchDecisionCause.SingleJob => prefix + ", a single page",
            BatchDecisionCause.SingleThreaded => prefix + ", this platform runs one thread at a time",
            BatchDecisionCause.OneProcessor => prefix + ", one processor",
            BatchDecisionCause.TooLittleWork => prefix + ", too little to split",
            BatchDecisionCause.NoGain when decision.PredictedSpeedup is { } ratio =>
                prefix + string.Create(CultureInfo.InvariantCulture, $", 2 workers would be only {ratio:0.00}× as fast"),
            BatchDecisionCause.Parallel when decision.PredictedSpeedup is { } speedup =>
                prefix + string.Create(CultureInfo.InvariantCulture, $", predicted {speedup:0.0}× faster"),
            _ => prefix + ", --verbose says why",
        };
    }

    /// <summary>A rounded duration for the short line: <c>1.2 s</c>, <c>250 ms</c>, <c>3.4 ms</c>, <c>80 µs</c>.</summary>
    public static string Time(double microseconds) => microseconds switch
    {
        >= 1_000_000 => (microseconds / 1_000_000).ToString("0.0", CultureInfo.InvariantCulture) + " s",
        >= 10_000 => (microseconds / 1000).ToString("0", CultureInfo.InvariantCulture) + " ms",
        >= 1000 => (microseconds / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " ms",
        _ => microseconds.ToString("0", CultureInfo.InvariantCulture) + " µs",
    };
}
