using System.Runtime.InteropServices;

namespace Kida.Workers;

/// <summary>
/// One worker's private tally, so jobs never contend on shared counters: time per template, jobs done, and its
/// slowest jobs. Merged once the batch ends. Allocates only when it meets a template for the first time.
/// </summary>
internal sealed class BatchWorker
{
    public const int SlowestKept = 5;

    public readonly Dictionary<Template, (long Ticks, int Count, long Max)> PerTemplate = new(ReferenceEqualityComparer.Instance);
    public readonly long[] SlowTicks = new long[SlowestKept];
    public readonly int[] SlowIndex = new int[SlowestKept];
    public readonly Template?[] SlowTemplate = new Template?[SlowestKept];
    public long BusyTicks;
    public int Completed;

    public void Record(Template template, int index, long ticks)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(PerTemplate, template, out _);
        entry.Ticks += ticks;
        entry.Count++;
        entry.Max = Math.Max(entry.Max, ticks);
        BusyTicks += ticks;
        Completed++;
        // Insertion into a tiny sorted array: cheaper than any heap for five entries, and almost always skipped.
        if (ticks <= SlowTicks[SlowestKept - 1]) return;
        var i = SlowestKept - 1;
        while (i > 0 && SlowTicks[i - 1] < ticks)
        {
            SlowTicks[i] = SlowTicks[i - 1];
            SlowIndex[i] = SlowIndex[i - 1];
            SlowTemplate[i] = SlowTemplate[i - 1];
            i--;
        }
        SlowTicks[i] = ticks;
        SlowIndex[i] = index;
        SlowTemplate[i] = template;
    }

    /// <summary>Time this worker's thread spent on a processor and waiting for one while it took jobs (ns; see <see cref="ProcessorShare"/>).</summary>
    public long RunningNanoseconds, WaitingNanoseconds;
    private long _runningAtStart, _waitingAtStart;

    /// <summary>Reads the thread's scheduler figures as it starts taking jobs; false where they cannot be read.</summary>
    public bool BeginShare() => ProcessorShare.TryRead(out _runningAtStart, out _waitingAtStart);

    /// <summary>Adds what the thread spent running and waiting since <see cref="BeginShare"/> (call on the same thread).</summary>
    public void EndShare()
    {
        if (!ProcessorShare.TryRead(out var running, out var waiting)) return;
        RunningNanoseconds += Math.Max(0, running - _runningAtStart);
        WaitingNanoseconds += Math.Max(0, waiting - _waitingAtStart);
    }

    /// <summary>A job that failed before a template was known (the job factory threw): counts as done, nothing to time.</summary>
    public void RecordUntimed() => Completed++;
}
