using System.Collections.Frozen;

namespace Kida;

/// <summary>
/// Routes <c>prefix/rest</c> to the loader registered for <c>prefix</c>, asking it for <c>rest</c> (e.g. one loader per
/// application module). The name is split at the first delimiter. Jinja2's <c>PrefixLoader(mapping, delimiter='/')</c>.
/// A name without a registered prefix is not found. Immutable; thread-safe when its loaders are.
/// </summary>
/// <example>
/// <code>
/// var loader = new PrefixLoader(new Dictionary&lt;string, ITemplateLoader&gt;
/// {
///     ["admin"] = new FileSystemLoader("modules/admin/templates"),
///     ["shop"] = new FileSystemLoader("modules/shop/templates"),
/// });
/// var env = new TemplateEnvironment(loader);
/// env.GetTemplate("admin/users.html");   // modules/admin/templates/users.html
/// // and inside a template: {% extends "shop/base.html" %}
/// </code>
/// </example>
public sealed class PrefixLoader : ITemplateLoader
{
    private readonly FrozenDictionary<string, ITemplateLoader> _loaders;
    private readonly string _delimiter;

    /// <summary>Creates a loader routing each prefix of <paramref name="mapping"/> (copied now) to its loader.</summary>
    /// <param name="mapping">Prefix (matched exactly, case-sensitive) to the loader that serves names under it.</param>
    /// <param name="delimiter">What separates the prefix from the rest of the name; default <c>/</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="mapping"/> or <paramref name="delimiter"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="delimiter"/> is empty.</exception>
    public PrefixLoader(IReadOnlyDictionary<string, ITemplateLoader> mapping, string delimiter = "/")
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentException.ThrowIfNullOrEmpty(delimiter);
        _loaders = mapping.ToFrozenDictionary(StringComparer.Ordinal);
        _delimiter = delimiter;
    }

    /// <summary>Returns the source of the template <paramref name="name"/>, or throws if this loader does not have it.</summary>
    /// <param name="name">The <c>/</c>-separated template name.</param>
    /// <returns>The template's text and where it came from.</returns>
    /// <exception cref="TemplateNotFoundException">No loader is registered for the name's prefix (the message lists the known ones), or that loader does not have the rest of the name.</exception>
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

    /// <summary>Looks the template up without throwing: false when this loader does not have it.</summary>
    /// <param name="name">The <c>/</c>-separated template name.</param>
    /// <param name="source">The source when found; otherwise null.</param>
    /// <returns>Whether the template was found.</returns>
    public bool TryGetSource(string name, out TemplateSource source)
    {
        if (TrySplit(name, out var loader, out var rest)) return loader.TryGetSource(rest, out source);
        source = null!;
        return false;
    }

    /// <summary>Every loader's names with its prefix and the delimiter in front (<c>admin/users.html</c>), sorted ordinally.</summary>
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
