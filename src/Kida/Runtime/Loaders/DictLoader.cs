using System.Collections.Frozen;

namespace Kida;

/// <summary>
/// Serves templates from an in-memory map of name to text; handy for tests and for templates built in code. The map is
/// copied at construction, so later changes to the caller's dictionary are not seen and reads need no locks. Jinja2's
/// <c>DictLoader</c>. Names are matched exactly (ordinal, case-sensitive); a miss suggests the closest name.
/// </summary>
/// <example>
/// <code>
/// var env = new TemplateEnvironment(new DictLoader(new Dictionary&lt;string, string&gt;
/// {
///     ["base.html"] = "&lt;title&gt;{% block title %}{% endblock %}&lt;/title&gt;",
///     ["page.html"] = "{% extends 'base.html' %}{% block title %}Home{% endblock %}",
/// }));
/// string html = env.Render("page.html");   // "&lt;title&gt;Home&lt;/title&gt;"
/// </code>
/// </example>
public sealed class DictLoader : ITemplateLoader
{
    private readonly FrozenDictionary<string, string> _templates;
    private readonly string[] _names;

    /// <summary>Creates a loader serving a copy of <paramref name="templates"/>.</summary>
    /// <param name="templates">Template name (<c>/</c>-separated) to template text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="templates"/> is null.</exception>
    public DictLoader(IReadOnlyDictionary<string, string> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        _templates = templates.ToFrozenDictionary(StringComparer.Ordinal);
        _names = [.. _templates.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Returns the source of the template <paramref name="name"/>, or throws if this loader does not have it.</summary>
    /// <param name="name">The <c>/</c>-separated template name.</param>
    /// <returns>The text, with no file name.</returns>
    /// <exception cref="TemplateNotFoundException">The dictionary has no such name; <see cref="TemplateException.Suggestion"/> names the closest one, if any is similar.</exception>
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

    /// <summary>Looks the template up without throwing: false when this loader does not have it.</summary>
    /// <param name="name">The <c>/</c>-separated template name.</param>
    /// <param name="source">The source when found; otherwise null.</param>
    /// <returns>Whether the template was found.</returns>
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

    /// <summary>The dictionary's names, sorted ordinally.</summary>
    public IReadOnlyList<string> ListTemplates() => _names;
}
