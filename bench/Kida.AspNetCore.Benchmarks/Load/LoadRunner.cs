using System.Diagnostics;
using System.Net;

namespace Kida.AspNetCore.Benchmarks.Load;

/// <summary>
/// A bounded load run: <c>concurrency</c> clients, each its own <see cref="HttpClient"/> over one keep-alive
/// connection, take request numbers from a shared counter until <c>requests</c> are sent, so the run stops by itself.
/// Each response must be 200 with exactly the checked page's bytes; anything else is counted as an error. Latency is
/// per request from sending to the last body byte read. Allocations are <see cref="GC.GetTotalAllocatedBytes"/> over
/// the run (server and client share the process); the heap is <see cref="GC.GetTotalMemory"/> after full collections.
/// </summary>
public sealed class LoadRunner : IDisposable
{
    private readonly HttpClient[] _clients;

    // One latency buffer for every run (grown when a run is longer), made before any heap is measured, so the heap
    // figures of a run see neither this run's buffer appear nor the previous one's disappear.
    private long[] _latencies = [];

    /// <summary>Opens the clients (connections are made on the first request).</summary>
    /// <param name="address">The server's address.</param>
    /// <param name="concurrency">How many clients send at once.</param>
    public LoadRunner(Uri address, int concurrency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _clients = new HttpClient[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            var handler = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = 1,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
            };
            _clients[i] = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        }
    }

    /// <summary>The number of clients.</summary>
    public int Concurrency => _clients.Length;

    /// <summary>Makes the latency buffer for runs of up to <paramref name="requests"/> requests now, before any heap is measured.</summary>
    /// <param name="requests">The longest run to come.</param>
    public void Reserve(int requests) => Latencies(requests);

    /// <summary>Fetches one page (for the equality check).</summary>
    /// <param name="path">The page's path.</param>
    /// <returns>The status, content type and body.</returns>
    public async Task<(HttpStatusCode Status, string? ContentType, byte[] Body)> GetAsync(string path)
    {
        using var response = await _clients[0].GetAsync(path);
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Sends <paramref name="requests"/> requests for <paramref name="path"/>, untimed (JIT, tiering, connections).</summary>
    /// <param name="path">The page's path.</param>
    /// <param name="expected">The page every response must be.</param>
    /// <param name="requests">How many.</param>
    /// <returns>The number of errors.</returns>
    public async Task<int> WarmUpAsync(string path, byte[] expected, int requests)
    {
        var latencies = Latencies(requests);
        var state = new RunState();
        await Task.WhenAll(_clients.Select(c => Task.Run(() => WorkerAsync(c, path, expected, latencies, state))));
        return state.Errors;
    }

    /// <summary>One measured run.</summary>
    /// <param name="engine">The engine's name (for the result).</param>
    /// <param name="round">The round (for the result).</param>
    /// <param name="path">The page's path.</param>
    /// <param name="expected">The page every response must be.</param>
    /// <param name="requests">How many requests.</param>
    /// <returns>The figures.</returns>
    public async Task<LoadResult> RunAsync(string engine, int round, string path, byte[] expected, int requests)
    {
        var latencies = Latencies(requests);
        var state = new RunState();
        var heapBefore = FullCollection();
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(_clients.Select(c => Task.Run(() => WorkerAsync(c, path, expected, latencies, state))));
        var elapsed = Stopwatch.GetElapsedTime(started);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        gen0 = GC.CollectionCount(0) - gen0;
        gen2 = GC.CollectionCount(2) - gen2;
        var heapAfter = FullCollection();
        latencies.AsSpan().Sort();
        return new LoadResult(engine, round, requests, _clients.Length, state.Errors, state.FirstError, elapsed.TotalSeconds,
            Milliseconds(Percentile(latencies, 0.50)), Milliseconds(Percentile(latencies, 0.99)), allocated, heapBefore, heapAfter, gen0, gen2, cpu.TotalSeconds);
    }

    private ArraySegment<long> Latencies(int requests)
    {
        if (_latencies.Length < requests) _latencies = new long[requests];
        return new ArraySegment<long>(_latencies, 0, requests);
    }

    private static long FullCollection()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static long Percentile(ArraySegment<long> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * q))];

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static async Task WorkerAsync(HttpClient client, string path, byte[] expected, ArraySegment<long> latencies, RunState state)
    {
        var buffer = new byte[expected.Length + 1];
        int index;
        while ((index = Interlocked.Increment(ref state.Next)) < latencies.Count)
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var body = await response.Content.ReadAsStreamAsync();
                var length = 0;
                int read;
                while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length))) > 0) length += read;
                if (response.StatusCode != HttpStatusCode.OK)
                    state.Fail($"status {(int)response.StatusCode}");
                else if (length != expected.Length || !buffer.AsSpan(0, length).SequenceEqual(expected))
                    state.Fail($"body differs from the checked page ({length} bytes, expected {expected.Length})");
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                state.Fail(e.GetType().Name + ": " + e.Message);
            }
            latencies[index] = Stopwatch.GetTimestamp() - sent;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients) client.Dispose();
    }

    private sealed class RunState
    {
        public int Next = -1;
        public int Errors;
        public string? FirstError;

        public void Fail(string error)
        {
            if (Interlocked.Increment(ref Errors) == 1) FirstError = error;
        }
    }
}
