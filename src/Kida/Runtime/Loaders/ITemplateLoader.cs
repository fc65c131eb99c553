namespace Kida;

/// <summary>The text of a template and where it came from.</summary>
public sealed record TemplateSource(string Text, string? FileName, DateTimeOffset? LastModified = null)
{
    /// <summary>
    /// Jinja2's <c>uptodate</c>: answers whether the template is still what this source holds (false once the file was
    /// changed or deleted). <see cref="TemplateEnvironmentOptions.AutoReload"/> calls it before reusing a compiled
    /// template; null means "never changes". Called from any thread, so it must be thread-safe; an
    /// <see cref="IOException"/> it throws counts as "changed". <see cref="FileSystemLoader"/> compares the file's
    /// modification time.
    /// </summary>
    /// <example><code>new FunctionLoader(name => new TemplateSource(db.Text(name), null) { IsUpToDate = () => db.Version(name) == v })</code></example>
    public Func<bool>? IsUpToDate { get; init; }
}

/// <summary>
/// Finds template source by name. Names are <c>/</c>-separated and relative to the loader's roots.
/// Implementations must be safe to call from many threads at once.
/// </summary>
public interface ITemplateLoader
{
    /// <summary>Returns the source, or throws <see cref="TemplateNotFoundException"/>.</summary>
    TemplateSource GetSource(string name);

    /// <summary>Returns false when the template does not exist (no exception).</summary>
    bool TryGetSource(string name, out TemplateSource source);

    /// <summary>Every template name this loader can load, sorted ordinally, <c>/</c>-separated.</summary>
    IReadOnlyList<string> ListTemplates();

    ValueTask<TemplateSource> GetSourceAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(GetSource(name));
    }
}
