using Kida.Cli.Site;

namespace Kida.Cli.Serve;

/// <summary>
/// Hands each request the current <see cref="SiteSnapshot"/>, loading the site again when a file changed since the last
/// load: nothing from content or data survives a change. (Templates are the environment's: it checks each against its
/// file on every render, includes and layouts too.) Data files that do not load are reported once per load.
/// </summary>
internal sealed class SiteSnapshots(string root, string display, SiteWatcher watcher, TextWriter error)
{
    private readonly Lock _lock = new();
    private SiteSnapshot? _current;

    public SiteSnapshot Current
    {
        get
        {
            // Read before loading: a change made while the site loads makes the next request load again.
            var changes = watcher.Changes;
            lock (_lock)
            {
                if (_current is { } known && known.Changes == changes) return known;
                var site = SiteLoader.Load(root, display);
                foreach (var problem in site.Problems) error.WriteLine(problem.Format() + "\n");
                return _current = new SiteSnapshot(site, changes);
            }
        }
    }
}
