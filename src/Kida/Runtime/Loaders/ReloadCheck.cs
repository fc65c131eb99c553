using System.Diagnostics;

namespace Kida.Runtime;

/// <summary>
/// Auto-reload's memory of one compiled template: the loader's up-to-date check
/// (<see cref="TemplateSource.IsUpToDate"/>) and when it last ran. With a minimum interval the check runs at most once
/// per interval (the answers between are "up to date"); once it has said "changed" it keeps saying so, so every thread
/// that still holds the old cache entry drops it. Lock-free: two threads at worst both run the check.
/// </summary>
internal sealed class ReloadCheck(Func<bool> isUpToDate, TimeSpan minimumInterval)
{
    private readonly long _intervalTicks = (long)(minimumInterval.TotalSeconds * Stopwatch.Frequency);
    private long _nextCheck = Stopwatch.GetTimestamp() + (long)(minimumInterval.TotalSeconds * Stopwatch.Frequency);
    private volatile bool _stale;

    public bool IsUpToDate()
    {
        if (_stale) return false;
        if (_intervalTicks > 0)
        {
            var now = Stopwatch.GetTimestamp();
            if (now < Volatile.Read(ref _nextCheck)) return true;
            Volatile.Write(ref _nextCheck, now + _intervalTicks);
        }
        bool fresh;
        try
        {
            fresh = isUpToDate();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            fresh = false; // Jinja2: an OSError from the check means "not up to date", and the reload tells what is wrong
        }
        if (!fresh) _stale = true;
        return fresh;
    }
}
