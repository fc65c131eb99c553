using System.Globalization;
using System.Text.RegularExpressions;

namespace Kida.Cli.Reporting;

/// <summary>
/// The summary's one-line <c>Workers:</c> decision — <c>Workers: 2 (parallel: ~250 ms of work, predicted 1.6× faster)</c>
/// — and, with <c>--verbose</c>, the batch renderer's full reason under it.
/// </summary>
/// <remarks>
/// The engine exposes the decision as a worker count and one English sentence (<c>BatchResult.Reason</c>); the
/// figures the short line quotes (predicted work, predicted time serial and parallel) are read back out of that
/// sentence. A reason this does not recognise still gives the worker count and parallel/serial, and points at
/// <c>--verbose</c>.
/// </remarks>
internal static partial class WorkersLine
{
    public static string Format(int workers, string reason, bool verbose)
    {
        var line = "Workers: " + workers.ToString(CultureInfo.InvariantCulture) + " (" + Short(workers, reason) + ")";
        return verbose ? line + "\n  " + reason : line;
    }

    /// <summary>The part in parentheses: the decision and the one figure or cause that made it.</summary>
    public static string Short(int workers, string reason)
    {
        var mode = workers > 1 ? "parallel" : "serial";
        if (Fixed().Match(reason) is { Success: true }) return "fixed by --workers";
        if (Static().Match(reason) is { Success: true } s)
            return $"{mode}: --env {s.Groups["env"].Value.ToLowerInvariant()} profile" + (s.Groups["below"].Success ? ", too few pages to split" : "");
        if (reason.StartsWith("Serial: the batch is empty", StringComparison.Ordinal)) return "serial: no pages to render";
        if (reason.StartsWith("Serial: nothing measured", StringComparison.Ordinal)) return "serial: nothing measured";

        var work = Work().Match(reason);
        var prefix = work.Success ? $"{mode}: ~{Time(ParseMicroseconds(work.Groups["t"].Value))} of work" : mode;
        if (workers > 1 && Finish().Match(reason) is { Success: true } f)
        {
            var speedup = ParseMicroseconds(f.Groups["serial"].Value) / Math.Max(ParseMicroseconds(f.Groups["parallel"].Value), 1e-3);
            return prefix + string.Create(CultureInfo.InvariantCulture, $", predicted {speedup:0.0}× faster");
        }
        if (workers <= 1)
        {
            if (reason.Contains("a single job cannot be split", StringComparison.Ordinal)) return prefix + ", a single page";
            if (reason.Contains("one thread at a time", StringComparison.Ordinal)) return prefix + ", this platform runs one thread at a time";
            if (reason.Contains("the process has one processor", StringComparison.Ordinal)) return prefix + ", one processor";
            if (reason.Contains("less than waking a single worker costs", StringComparison.Ordinal)) return prefix + ", too little to split";
            if (TwoWorkers().Match(reason) is { Success: true } two && work.Success)
            {
                var ratio = ParseMicroseconds(work.Groups["t"].Value) / Math.Max(ParseMicroseconds(two.Groups["t"].Value), 1e-3);
                return prefix + string.Create(CultureInfo.InvariantCulture, $", 2 workers would be only {ratio:0.00}× as fast");
            }
        }
        return prefix + ", --verbose says why";
    }

    /// <summary>A duration as the engine prints it (<c>379.09 ms</c>, <c>42.8 µs</c>, <c>1.2 s</c>) in microseconds.</summary>
    public static double ParseMicroseconds(string text)
    {
        var space = text.LastIndexOf(' ');
        var number = double.Parse(text[..space], NumberStyles.Float, CultureInfo.InvariantCulture);
        return text[(space + 1)..] switch
        {
            "s" => number * 1_000_000,
            "ms" => number * 1000,
            _ => number,
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

    private const string Duration = @"[0-9]+(?:\.[0-9]+)? (?:s|ms|µs)";

    [GeneratedRegex(@"^Fixed at \d+ workers? by ")]
    private static partial Regex Fixed();

    [GeneratedRegex(@"static \w+/(?<env>\w+) profile(?<below>, \d+ jobs is below)?")]
    private static partial Regex Static();

    [GeneratedRegex(@"jobs predicted at (?<t>" + Duration + ") of work")]
    private static partial Regex Work();

    [GeneratedRegex(@"should finish in about (?<parallel>" + Duration + ") instead of (?<serial>" + Duration + ") serially")]
    private static partial Regex Finish();

    [GeneratedRegex(@"would take about (?<t>" + Duration + ") on 2 workers")]
    private static partial Regex TwoWorkers();
}
