namespace Kida;

/// <summary>
/// Asks a function for each template; it returns the source or null for "not found". The function is called from
/// whichever thread loads the template, so it must itself be thread-safe. It cannot enumerate, so the list is empty.
/// </summary>
public sealed class FunctionLoader : ITemplateLoader
{
    private readonly Func<string, TemplateSource?> _load;

    public FunctionLoader(Func<string, TemplateSource?> load)
    {
        _load = load ?? throw new ArgumentNullException(nameof(load));
    }

    public TemplateSource GetSource(string name)
    {
        if (TryGetSource(name, out var source)) return source;
        throw new TemplateNotFoundException(name, $"template '{TemplateNames.Display(name)}' not found: the loader function returned null");
    }

    public bool TryGetSource(string name, out TemplateSource source)
    {
        var found = name is null ? null : _load(name);
        source = found!;
        return found is not null;
    }

    public IReadOnlyList<string> ListTemplates() => [];
}
