using System.Diagnostics;
using System.Globalization;

namespace Kida.Benchmarks.Infrastructure;

/// <summary>
/// <c>tuning-matrix --noisy</c>: a separate OS process that keeps one processor busy while the matrix runs — this
/// benchmark's own executable re-launched with the hidden <c>tuning-matrix --spin &lt;pid&gt;</c> verb, one thread in
/// a tight loop. It is started before the machine is measured and killed when the matrix ends, fails or is
/// interrupted (Ctrl+C, SIGTERM: <see cref="Dispose"/> runs from <c>finally</c>, <see cref="AppDomain.ProcessExit"/>
/// and <see cref="Console.CancelKeyPress"/>); and the spinner watches its parent, so even a matrix killed with
/// SIGKILL leaves no spinner behind (it checks every 200 ms; under load 40 it was gone within 4 s).
/// </summary>
internal sealed class TuningMatrixNoisyNeighbour : IDisposable
{
    private readonly Process _process;
    private readonly DateTime _started = DateTime.UtcNow;
    private int _disposed;

    private TuningMatrixNoisyNeighbour(Process process)
    {
        _process = process;
        AppDomain.CurrentDomain.ProcessExit += OnExit;
        Console.CancelKeyPress += OnCancel;
    }

    /// <summary>The spinner's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts the spinner and waits until it is spinning.</summary>
    public static TuningMatrixNoisyNeighbour Start()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardOutput = true };
        // Under `dotnet run` the process is the dotnet host and the program a dll argument; an apphost is the program.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(typeof(TuningMatrix).Assembly.Location);
        foreach (var a in new[] { "tuning-matrix", "--spin", Environment.ProcessId.ToString(CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the noisy neighbour");
        // It prints one line once its loop runs: the matrix must not measure the machine before the neighbour is there.
        var ready = process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(30)) || ready.Result != "spinning")
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw new InvalidOperationException("the noisy neighbour did not start spinning");
        }
        return new TuningMatrixNoisyNeighbour(process);
    }

    /// <summary>
    /// What the spinner did so far: its processor time over its wall time (1.0 = one processor kept busy all along).
    /// </summary>
    public string Describe()
    {
        try
        {
            _process.Refresh();
            var wall = (DateTime.UtcNow - _started).TotalSeconds;
            var cpu = _process.TotalProcessorTime.TotalSeconds;
            return string.Create(CultureInfo.InvariantCulture, $"noisy neighbour (pid {_process.Id}): {cpu:F1} s of processor time in {wall:F1} s ({cpu / Math.Max(wall, 1e-9):F2} processors)");
        }
        catch (InvalidOperationException)
        {
            return "noisy neighbour: exited";
        }
    }

    /// <summary>Kills the spinner (once; safe from any thread).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        AppDomain.CurrentDomain.ProcessExit -= OnExit;
        Console.CancelKeyPress -= OnCancel;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private void OnExit(object? sender, EventArgs e) => Dispose();

    // Ctrl+C: kill the spinner, then let the process end as it would have.
    private void OnCancel(object? sender, ConsoleCancelEventArgs e) => Dispose();

    /// <summary>
    /// The hidden <c>--spin &lt;parent pid&gt;</c> verb: one thread in a tight loop until the parent process is gone.
    /// </summary>
    public static int Spin(int parentId)
    {
        Process? parent;
        try
        {
            parent = Process.GetProcessById(parentId);
        }
        catch (ArgumentException)
        {
            return 0; // the parent is already gone
        }
        var stop = false;
        var watcher = new Thread(() =>
        {
            while (!parent.WaitForExit(200)) { }
            Volatile.Write(ref stop, true);
        }) { IsBackground = true, Name = "parent watcher" };
        watcher.Start();
        Console.WriteLine("spinning");
        Console.Out.Flush();
        ulong x = 88172645463325252UL;
        while (!Volatile.Read(ref stop))
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
            }
        }
        return x == 0 ? 1 : 0; // reads the result, so the loop is not optimised away
    }
}
