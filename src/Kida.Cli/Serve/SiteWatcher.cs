namespace Kida.Cli.Serve;

/// <summary>
/// Watches a site folder for <c>kida serve</c>. Every file event counts at once in <see cref="Changes"/> (the next request
/// loads the site again); once the folder has been quiet for a moment the burst is published as one new
/// <see cref="Version"/>, and <see cref="NextChange"/> completes, which is what tells open browser pages to reload.
/// An editor's save is often several events (truncate, write, rename); they make one reload. Dot-files and dot-folders
/// (editor swap files, <c>.git</c>) are not site files and are ignored, as <c>kida render</c> ignores them.
/// </summary>
internal sealed class SiteWatcher : IDisposable
{
    private readonly string _root;
    private readonly FileSystemWatcher _watcher;
    private readonly Timer _quiet;
    private readonly TimeSpan _settle;
    private readonly Action<IReadOnlyList<string>>? _published;
    private readonly Lock _lock = new();
    private readonly SortedSet<string> _pending = new(StringComparer.Ordinal);
    private TaskCompletionSource<long> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _changes;
    private long _version;
    private bool _disposed;

    /// <param name="root">The site folder (full path).</param>
    /// <param name="settle">How long the folder must stay quiet before a burst of events is published.</param>
    /// <param name="published">Told the changed paths (relative to the site, forward slashes) of each published burst.</param>
    public SiteWatcher(string root, TimeSpan settle, Action<IReadOnlyList<string>>? published = null)
    {
        _root = root;
        _settle = settle;
        _published = published;
        // Versions start from the clock (milliseconds), so a restarted server's versions are above any page an earlier
        // one served: an open page that reconnects to a new server reloads.
        _version = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _quiet = new Timer(_ => Publish(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += (_, e) => Seen(e.FullPath);
        _watcher.Created += (_, e) => Seen(e.FullPath);
        _watcher.Deleted += (_, e) => Seen(e.FullPath);
        _watcher.Renamed += (_, e) =>
        {
            Seen(e.OldFullPath);
            Seen(e.FullPath);
        };
        // A lost event (the watcher's buffer overflowed) may have been any file: count it as a change.
        _watcher.Error += (_, _) => Seen(null);
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>How many file events there have been; a cached site older than this count is stale.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>The published version: moves once per settled burst of changes. Pages carry the version they were served at.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Completes with the new <see cref="Version"/> when the next burst of changes is published.</summary>
    public Task<long> NextChange
    {
        get
        {
            lock (_lock) return _next.Task;
        }
    }

    private void Seen(string? fullPath)
    {
        string? relative = null;
        if (fullPath is not null)
        {
            relative = Path.GetRelativePath(_root, fullPath).Replace('\\', '/');
            if (relative.Split('/').Any(segment => segment.StartsWith('.'))) return;
        }
        Interlocked.Increment(ref _changes);
        lock (_lock)
        {
            if (_disposed) return;
            if (relative is not null) _pending.Add(relative);
            _quiet.Change(_settle, Timeout.InfiniteTimeSpan);
        }
    }

    private void Publish()
    {
        TaskCompletionSource<long> done;
        string[] paths;
        long version;
        lock (_lock)
        {
            if (_disposed) return;
            version = Interlocked.Increment(ref _version);
            paths = [.. _pending];
            _pending.Clear();
            done = _next;
            _next = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        _published?.Invoke(paths);
        done.TrySetResult(version);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _watcher.Dispose();
        _quiet.Dispose();
    }
}
