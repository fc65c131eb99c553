namespace Kida;

/// <summary>
/// Asks a function for each template; it returns the source or null for "not found". The function is called from
/// whichever thread loads the template, so it must itself be thread-safe. It cannot enumerate, so the list is empty.
/// Jinja2's <c>FunctionLoader</c>. Unlike the file-system loader it does not check names: the function sees them as the
/// template wrote them and must refuse any it should not serve.
/// </summary>
/// <example>
/// <code>
/// var loader = new FunctionLoader(name =>
///     resources.TryGetValue(name, out var text) ? new TemplateSource(text, FileName: null) : null);
/// </code>
/// </example>
public sealed class FunctionLoader : ITemplateLoader
{
    private readonly Func<string, TemplateSource?> _load;

    /// <summary>Creates a loader that asks <paramref name="load"/> for each template.</summary>
    /// <param name="load">Returns the source of a name, or null when there is no such template. It must be thread-safe.</param>
    /// <exception cref="ArgumentNullException"><paramref name="load"/> is null.</exception>
    public FunctionLoader(Func<string, TemplateSource?> load)
    {
        _load = load ?? throw new ArgumentNullException(nameof(load));
    }

    /// <summary>Returns the source of the template <paramref name="name"/>, or throws if this loader does not have it.</summary>
    /// <param name="name">The <c>/</c>-separated template name.</param>
    /// <returns>The template's text and where it came from.</returns>
    /// <exception cref="TemplateNotFoundException">The function returned null.</exception>
    public TemplateSource GetSource(string name)
    {
        if (TryGetSource(name, out var source)) return source;
        throw new TemplateNotFoundException(name, $"template '{TemplateNames.Display(name)}' not found: the loader function returned null");
    }

    /// <summary>Looks the template up without throwing: false when this loader does not have it.</summary>
    /// <param name="name">The <c>/</c>-separated template name.</param>
    /// <param name="source">The source when found; otherwise null.</param>
    /// <returns>Whether the template was found.</returns>
    public bool TryGetSource(string name, out TemplateSource source)
    {
        var found = name is null ? null : _load(name);
        source = found!;
        return found is not null;
    }

    /// <summary>Always empty: a function cannot be enumerated.</summary>
    public IReadOnlyList<string> ListTemplates() => [];
}
