using System.Runtime.CompilerServices;

namespace Kida;

/// <summary>Auto-reload (<see cref="TemplateEnvironmentOptions.AutoReload"/>): the up-to-date checks of cached templates.</summary>
public sealed partial class TemplateEnvironment
{
    // The loader's up-to-date check of each template loaded by name; weak, so a dropped template takes its check along.
    private readonly ConditionalWeakTable<Template, Runtime.ReloadCheck> _reloadChecks = new();

    /// <summary>Whether a cached template still matches its source (templates without a check never change).</summary>
    private bool IsUpToDate(Template template) =>
        !_reloadChecks.TryGetValue(template, out var check) || check.IsUpToDate();

    /// <summary>
    /// Forgets a changed template: only the entry that was seen, so a fresh one another thread already put there
    /// stays. The generation moves on, so no template keeps a remembered reference to the old one.
    /// </summary>
    private void DropStale(string name, Lazy<Template> stale)
    {
        if (_cache.TryRemove(new KeyValuePair<string, Lazy<Template>>(name, stale)))
            Interlocked.Increment(ref _cacheGeneration);
    }

    /// <summary>Whether templates may remember what a literal template name resolved to (not while auto-reloading, so each use is checked).</summary>
    internal bool RemembersTemplateNames => !Options.AutoReload;
}
