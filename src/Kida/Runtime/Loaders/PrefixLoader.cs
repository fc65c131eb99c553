using System.Collections.Frozen;

namespace Kida;

/// <summary>
/// Routes <c>prefix/rest</c> to the loader registered for <c>prefix</c>, asking it for <c>rest</c> (e.g. one loader per
/// application module). The name is split at the first delimiter.
/// </summary>
public sealed class PrefixLoader : ITemplateLoader
{
    private readonly FrozenDictionary<string, ITemplateLoader> _loaders;
    private readonly string _delimiter;

    public PrefixLoader(IReadOnlyDictionary<string, ITemplateLoader> mapping, string delimiter = "/")
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentException.ThrowIfNullOrEmpty(delimiter);
        _loaders = mapping.ToFrozenDictionary(StringComparer.Ordinal);
        _delimiter = delimiter;
    }

    public TemplateSource GetSource(string name)
    {
        if (!TrySplit(name, out var loader, out var rest))
        {
            throw new TemplateNotFoundException(name, $"template '{TemplateNames.Display(name)}' not found: no loader is registered for its prefix (known prefixes: {string.Join(", ", _loaders.Keys.Order(StringComparer.Ordinal))})");
        }
        try
        {
            return loader.GetSource(rest);
        }
        catch (TemplateNotFoundException inner)
        {
            // Report the full name the caller asked for, keeping the inner loader's explanation.
            throw new TemplateNotFoundException(name, $"template '{TemplateNames.Display(name)}' not found: {inner.Reason}")
            {
                Suggestion = inner.Suggestion,
            };
        }
    }

    public bool TryGetSource(string name, out TemplateSource source)
    {
        if (TrySplit(name, out var loader, out var rest)) return loader.TryGetSource(rest, out source);
        source = null!;
        return false;
    }

    public IReadOnlyList<string> ListTemplates()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (prefix, loader) in _loaders)
        {
            foreach (var inner in loader.ListTemplates()) names.Add(prefix + _delimiter + inner);
        }
        return [.. names];
    }

    private bool TrySplit(string name, out ITemplateLoader loader, out string rest)
    {
        loader = null!;
        rest = "";
        if (name is null) return false;
        var at = name.IndexOf(_delimiter, StringComparison.Ordinal);
        if (at < 0 || !_loaders.TryGetValue(name[..at], out var found)) return false;
        loader = found;
        rest = name[(at + _delimiter.Length)..];
        return true;
    }
}
