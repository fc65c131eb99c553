namespace Kida.Workers;

/// <summary>
/// How much of its time a thread spent running rather than waiting for a processor, read from the scheduler
/// (Linux: <c>/proc/thread-self/schedstat</c>, nanoseconds on a processor and waiting on a run queue). A noisy
/// neighbour — another process keeping a processor busy — shows up here and nowhere else: a batch's own timings only
/// say it was slow, and a slowdown measurement of a few hundred microseconds usually fits between two of the
/// neighbour's time slices. A thread that is blocked (waiting for a lock, a garbage collection, I/O) is not waiting
/// for a processor and does not count. Elsewhere nothing is read and batches decide as on a quiet machine.
/// </summary>
internal static class ProcessorShare
{
    private const string StatFile = "/proc/thread-self/schedstat";
    private static volatile bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>Whether the scheduler's figures can be read on this platform (checked once, on first failure).</summary>
    public static bool IsAvailable => !_unavailable;

    /// <summary>The calling thread's time on a processor and waiting for one so far (ns); false where not available.</summary>
    public static bool TryRead(out long runningNanoseconds, out long waitingNanoseconds)
    {
        runningNanoseconds = waitingNanoseconds = 0;
        if (_unavailable) return false;
        try
        {
            Span<byte> buffer = stackalloc byte[96];
            int read;
            using (var handle = File.OpenHandle(StatFile))
                read = RandomAccess.Read(handle, buffer, 0);
            var text = buffer[..read];
            if (!TryParse(ref text, out runningNanoseconds) || !TryParse(ref text, out waitingNanoseconds)) throw new FormatException(StatFile);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or NotSupportedException)
        {
            _unavailable = true;
            return false;
        }
    }

    private static bool TryParse(ref Span<byte> text, out long value)
    {
        value = 0;
        var i = 0;
        while (i < text.Length && text[i] == (byte)' ') i++;
        var start = i;
        while (i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9') value = value * 10 + (text[i++] - '0');
        text = text[i..];
        return i > start;
    }

    /// <summary>Shortest span of observed thread time (running plus waiting, all workers) an estimate is taken from: several time slices.</summary>
    public const double MinimumObservedMicroseconds = 20_000;

    /// <summary>
    /// Runnable threads of other processes competing for the processors, estimated from what <paramref name="workers"/>
    /// of a batch saw: each ran <paramref name="runningNanoseconds"/> and waited <paramref name="waitingNanoseconds"/>
    /// in all. The scheduler shares the processors equally between runnable threads, so each worker gets
    /// <c>P ÷ (workers + others)</c> of one, and others = P ÷ share − workers. A share of 97% or more counts as a
    /// quiet machine (0); NaN when too little was observed to say.
    /// </summary>
    public static double EstimateCompetingThreads(long runningNanoseconds, long waitingNanoseconds, int workers, int processorCount)
    {
        var observed = (runningNanoseconds + waitingNanoseconds) / 1000.0;
        if (workers < 1 || processorCount < 1 || runningNanoseconds <= 0 || observed < MinimumObservedMicroseconds) return double.NaN;
        var share = runningNanoseconds / 1000.0 / observed;
        if (share >= 0.97) return 0;
        return Math.Clamp(processorCount / share - workers, 0, 64 * processorCount);
    }
}
