using System.Collections.Frozen;

namespace Kida;

/// <summary>
/// Serves templates from an in-memory map of name to text; handy for tests and for templates built in code. The map is
/// copied at construction, so later changes to the caller's dictionary are not seen and reads need no locks.
/// </summary>
public sealed class DictLoader : ITemplateLoader
{
    private readonly FrozenDictionary<string, string> _templates;
    private readonly string[] _names;

    public DictLoader(IReadOnlyDictionary<string, string> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        _templates = templates.ToFrozenDictionary(StringComparer.Ordinal);
        _names = [.. _templates.Keys.Order(StringComparer.Ordinal)];
    }

    public TemplateSource GetSource(string name)
    {
        if (TryGetSource(name, out var source)) return source;
        var suggestion = name is null ? null : NameSuggestion.Closest(name, _names);
        throw new TemplateNotFoundException(name!, $"template '{TemplateNames.Display(name)}' not found in the dictionary loader")
        {
            // The formatter prints it as "hint: did you mean 'base.html'?" under the reason.
            Suggestion = suggestion is null ? null : $"did you mean '{suggestion}'?",
        };
    }

    public bool TryGetSource(string name, out TemplateSource source)
    {
        if (name is not null && _templates.TryGetValue(name, out var text))
        {
            // Filename null, as in Jinja2: there is no file behind the text.
            source = new TemplateSource(text, null);
            return true;
        }
        source = null!;
        return false;
    }

    public IReadOnlyList<string> ListTemplates() => _names;
}
