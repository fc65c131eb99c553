namespace Kida;

/// <summary>
/// The text of a template and where it came from, as a loader returns it (the <c>(source, filename, uptodate)</c> tuple of
/// Jinja2's <c>BaseLoader.get_source</c>). Immutable.
/// </summary>
/// <param name="Text">The template text.</param>
/// <param name="FileName">The file it was read from, shown as <see cref="Template.FileName"/>; null when there is no file (in-memory templates).</param>
/// <param name="LastModified">When the source last changed, if the loader knows (a <see cref="FileSystemLoader"/> gives the file's UTC write time); informational — reloading asks <see cref="IsUpToDate"/>.</param>
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
/// Implementations must be safe to call from many threads at once. Jinja2's <c>BaseLoader</c>. The environment calls
/// <see cref="GetSource"/> once per template name (it caches the compiled template; see
/// <see cref="TemplateEnvironment.ClearTemplateCache"/>) and <see cref="TryGetSource"/> to pick the first existing template
/// of a list (<c>{% include ['a.html', 'b.html'] %}</c>). Built in: <see cref="FileSystemLoader"/>, <see cref="DictLoader"/>,
/// <see cref="ChoiceLoader"/>, <see cref="PrefixLoader"/> and <see cref="FunctionLoader"/>.
/// </summary>
/// <example>
/// A loader reading templates from a database:
/// <code>
/// sealed class DbLoader(TemplateStore store) : ITemplateLoader
/// {
///     public TemplateSource GetSource(string name) =>
///         TryGetSource(name, out var source) ? source : throw new TemplateNotFoundException(name, $"template '{name}' is not in the store");
///
///     public bool TryGetSource(string name, out TemplateSource source)
///     {
///         var text = store.Find(name);   // thread-safe
///         source = text is null ? null! : new TemplateSource(text, FileName: null);
///         return text is not null;
///     }
///
///     public IReadOnlyList&lt;string&gt; ListTemplates() => store.Names().Order(StringComparer.Ordinal).ToList();
/// }
/// </code>
/// </example>
public interface ITemplateLoader
{
    /// <summary>Returns the source, or throws <see cref="TemplateNotFoundException"/> (Jinja2's <c>get_source</c>).</summary>
    /// <param name="name">The <c>/</c>-separated template name, as given to <see cref="TemplateEnvironment.GetTemplate"/> or written in <c>extends</c>/<c>include</c>.</param>
    /// <returns>The template's text and where it came from.</returns>
    /// <exception cref="TemplateNotFoundException">This loader does not have the template (or refuses the name); the reason should say why.</exception>
    TemplateSource GetSource(string name);

    /// <summary>Returns false when the template does not exist (no exception).</summary>
    /// <param name="name">The <c>/</c>-separated template name.</param>
    /// <param name="source">The source when found; otherwise null.</param>
    /// <returns>Whether the template was found.</returns>
    bool TryGetSource(string name, out TemplateSource source);

    /// <summary>Every template name this loader can load, sorted ordinally, <c>/</c>-separated (Jinja2's <c>list_templates</c>); empty for a loader that cannot enumerate.</summary>
    IReadOnlyList<string> ListTemplates();

    /// <summary>
    /// Loads the source asynchronously, for callers that fetch sources themselves (the environment loads with
    /// <see cref="GetSource"/>, also in <see cref="TemplateEnvironment.GetTemplateAsync"/>). The default implementation
    /// calls <see cref="GetSource"/> synchronously; override it when the source comes from slow I/O
    /// (<see cref="FileSystemLoader"/> does).
    /// </summary>
    /// <param name="name">The <c>/</c>-separated template name.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The template's text and where it came from.</returns>
    /// <exception cref="TemplateNotFoundException">This loader does not have the template.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<TemplateSource> GetSourceAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(GetSource(name));
    }
}
