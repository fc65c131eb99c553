namespace Kida.AspNetCore.Benchmarks.Load;

/// <summary>One bounded run of one engine.</summary>
/// <param name="Engine">The engine's name.</param>
/// <param name="Round">The round (1-based).</param>
/// <param name="Requests">Requests sent.</param>
/// <param name="Concurrency">Concurrent clients.</param>
/// <param name="Errors">Requests that failed: an exception, a status other than 200 or a body other than the checked page.</param>
/// <param name="FirstError">What the first error was; null without errors.</param>
/// <param name="Seconds">Wall time from the first request sent to the last response read.</param>
/// <param name="P50Ms">Median latency (request sent → body read), milliseconds.</param>
/// <param name="P99Ms">99th percentile latency, milliseconds.</param>
/// <param name="AllocatedBytes">Bytes allocated by the whole process (server and client) during the run.</param>
/// <param name="HeapBefore">Managed heap after a full collection before the run.</param>
/// <param name="HeapAfter">Managed heap after a full collection after the run.</param>
/// <param name="Gen0">Gen-0 collections during the run.</param>
/// <param name="Gen2">Gen-2 collections during the run.</param>
/// <param name="CpuSeconds">Processor time this process used during the run (every thread, user and kernel).</param>
public sealed record LoadResult(string Engine, int Round, int Requests, int Concurrency, int Errors, string? FirstError,
    double Seconds, double P50Ms, double P99Ms, long AllocatedBytes, long HeapBefore, long HeapAfter, int Gen0, int Gen2, double CpuSeconds)
{
    /// <summary>
    /// Processor time per request, server and client, in microseconds: what the request costs this process, much less
    /// moved than requests/s by other processes taking the machine's cores (they lower throughput, not this).
    /// </summary>
    public double CpuMicrosecondsPerRequest => CpuSeconds * 1e6 / Requests;

    /// <summary>Requests per second.</summary>
    public double RequestsPerSecond => Requests / Seconds;

    /// <summary>Allocated bytes per request, server and client together.</summary>
    public double AllocatedPerRequest => (double)AllocatedBytes / Requests;

    /// <summary>Heap after minus heap before.</summary>
    public long HeapGrowth => HeapAfter - HeapBefore;
}
