namespace Kida.Tests.Security.Fuzz;

/// <summary>
/// Runs fuzz cases on a dedicated thread per calling thread, so a case that never returns is reported after a time
/// limit instead of hanging the run. (Task.Run would starve the thread pool when the callers are pool threads too.)
/// </summary>
public sealed class CaseRunner : IDisposable
{
    private static readonly ThreadLocal<CaseRunner> PerThread = new(() => new CaseRunner(), trackAllValues: true);

    private readonly Thread _thread;
    private readonly SemaphoreSlim _start = new(0);
    private readonly SemaphoreSlim _done = new(0);
    private Func<FuzzOracle.Outcome>? _job;
    private FuzzOracle.Outcome _result;
    private Exception? _error;
    private volatile bool _stuck;

    private CaseRunner()
    {
        // 16 MB: the engine must not depend on a big stack, but the worker should not be the smallest one either.
        _thread = new Thread(Loop, 16 * 1024 * 1024) { IsBackground = true, Name = "fuzz case" };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="job"/> on this thread's worker; throws a finding if it takes longer than <paramref name="limit"/>.</summary>
    public static FuzzOracle.Outcome Run(Func<FuzzOracle.Outcome> job, TimeSpan limit, string source)
    {
        var runner = PerThread.Value!;
        if (runner._stuck) throw new FuzzFindingException("an earlier case on this worker never finished", source, null);
        runner._job = job;
        runner._start.Release();
        if (!runner._done.Wait(limit))
        {
            runner._stuck = true;
            PerThread.Value = new CaseRunner();
            throw new FuzzFindingException($"no result after {limit.TotalSeconds:F0} s (hang)", source, null);
        }
        if (runner._error is { } e) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
        return runner._result;
    }

    private void Loop()
    {
        while (true)
        {
            _start.Wait();
            try { _result = _job!(); _error = null; }
            catch (Exception e) { _error = e; }
            _done.Release();
        }
    }

    public void Dispose()
    {
        _start.Dispose();
        _done.Dispose();
    }
}
