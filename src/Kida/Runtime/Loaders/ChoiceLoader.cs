namespace Kida;

/// <summary>
/// Tries several loaders in order; the first that has the template wins (e.g. a theme over defaults). Jinja2's
/// <c>ChoiceLoader</c>. Immutable; thread-safe when its loaders are.
/// </summary>
/// <example>
/// <code>
/// var loader = new ChoiceLoader(
///     new FileSystemLoader("themes/dark"),     // overrides first
///     new FileSystemLoader("templates"));      // then the defaults
/// </code>
/// </example>
public sealed class ChoiceLoader : ITemplateLoader
{
    private readonly ITemplateLoader[] _loaders;

    /// <summary>Creates a loader that asks <paramref name="loaders"/> in the given order.</summary>
    /// <param name="loaders">The loaders, first choice first.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loaders"/> is null.</exception>
    /// <exception cref="ArgumentException">One of the loaders is null.</exception>
    public ChoiceLoader(params ITemplateLoader[] loaders) : this((IEnumerable<ITemplateLoader>)loaders) { }

    /// <summary>Creates a loader that asks <paramref name="loaders"/> in the given order (copied now).</summary>
    /// <param name="loaders">The loaders, first choice first.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loaders"/> is null.</exception>
    /// <exception cref="ArgumentException">One of the loaders is null.</exception>
    public ChoiceLoader(IEnumerable<ITemplateLoader> loaders)
    {
        ArgumentNullException.ThrowIfNull(loaders);
        _loaders = [.. loaders.Select(l => l ?? throw new ArgumentException("A loader is null.", nameof(loaders)))];
    }

    /// <summary>The loaders, in the order they are asked.</summary>
    public IReadOnlyList<ITemplateLoader> Loaders => _loaders;

    /// <summary>Returns the source of the template <paramref name="name"/>, or throws if this loader does not have it.</summary>
    /// <param name="name">The <c>/</c>-separated template name.</param>
    /// <returns>The template's text and where it came from.</returns>
    /// <exception cref="TemplateNotFoundException">None of the loaders has the template.</exception>
    public TemplateSource GetSource(string name)
    {
        if (TryGetSource(name, out var source)) return source;
        throw new TemplateNotFoundException(name, $"template '{TemplateNames.Display(name)}' not found in any of the {_loaders.Length} loaders of the choice loader");
    }

    /// <summary>Looks the template up without throwing: false when this loader does not have it.</summary>
    /// <param name="name">The <c>/</c>-separated template name.</param>
    /// <param name="source">The source when found; otherwise null.</param>
    /// <returns>Whether the template was found.</returns>
    public bool TryGetSource(string name, out TemplateSource source)
    {
        foreach (var loader in _loaders)
        {
            if (loader.TryGetSource(name, out source)) return true;
        }
        source = null!;
        return false;
    }

    /// <summary>The union of every loader's names, sorted ordinally, each once.</summary>
    public IReadOnlyList<string> ListTemplates()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var loader in _loaders) names.UnionWith(loader.ListTemplates());
        return [.. names];
    }
}
