namespace Kida;

/// <summary>Tries several loaders in order; the first that has the template wins (e.g. a theme over defaults).</summary>
public sealed class ChoiceLoader : ITemplateLoader
{
    private readonly ITemplateLoader[] _loaders;

    public ChoiceLoader(params ITemplateLoader[] loaders) : this((IEnumerable<ITemplateLoader>)loaders) { }

    public ChoiceLoader(IEnumerable<ITemplateLoader> loaders)
    {
        ArgumentNullException.ThrowIfNull(loaders);
        _loaders = [.. loaders.Select(l => l ?? throw new ArgumentException("A loader is null.", nameof(loaders)))];
    }

    public IReadOnlyList<ITemplateLoader> Loaders => _loaders;

    public TemplateSource GetSource(string name)
    {
        if (TryGetSource(name, out var source)) return source;
        throw new TemplateNotFoundException(name, $"template '{TemplateNames.Display(name)}' not found in any of the {_loaders.Length} loaders of the choice loader");
    }

    public bool TryGetSource(string name, out TemplateSource source)
    {
        foreach (var loader in _loaders)
        {
            if (loader.TryGetSource(name, out source)) return true;
        }
        source = null!;
        return false;
    }

    public IReadOnlyList<string> ListTemplates()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var loader in _loaders) names.UnionWith(loader.ListTemplates());
        return [.. names];
    }
}
