namespace Kida;

// Jinja2's select_template, get_or_select_template and filtered list_templates.
public sealed partial class TemplateEnvironment
{
    /// <summary>
    /// Returns the first of <paramref name="names"/> that exists (Jinja2's <c>select_template</c>), e.g. a specific
    /// layout with a generic fallback. Only "not found" moves on to the next name: a template that exists but does not
    /// compile raises its <see cref="TemplateSyntaxException"/>.
    /// </summary>
    /// <param name="names">The names to try, in order.</param>
    /// <exception cref="TemplateNotFoundException">None of the names exists (its <see cref="TemplateNotFoundException.Name"/>
    /// is the last one tried, as in Jinja2), or the list is empty.</exception>
    /// <example>
    /// <code>
    /// var page = env.SelectTemplate([$"pages/{slug}.html", "pages/default.html"]);
    /// </code>
    /// </example>
    public Template SelectTemplate(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var tried = new List<string>();
        foreach (var name in names)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(names));
            tried.Add(name);
            try
            {
                return GetTemplate(name);
            }
            catch (TemplateNotFoundException e) when (e.Name == name)
            {
                // Not this one; a missing template that the found one includes is raised later, while rendering.
            }
        }
        if (tried.Count == 0) throw new TemplateNotFoundException("", "Tried to select from an empty list of templates.");
        throw new TemplateNotFoundException(tried[^1], "none of the templates given were found: " + string.Join(", ", tried));
    }

    /// <summary>
    /// <see cref="GetTemplate"/> for one name, <see cref="SelectTemplate"/> for several (Jinja2's
    /// <c>get_or_select_template</c>, which frameworks call with whatever a view returned).
    /// </summary>
    /// <exception cref="TemplateNotFoundException">The template, or every one of the templates, does not exist.</exception>
    public Template GetOrSelectTemplate(IEnumerable<string> names) => SelectTemplate(names);

    /// <inheritdoc cref="GetOrSelectTemplate(IEnumerable{string})"/>
    public Template GetOrSelectTemplate(string name) => GetTemplate(name);

    /// <summary>
    /// The loader's template names filtered by extension (without the dot: <c>["html", "xml"]</c>) or by a predicate
    /// (Jinja2's <c>list_templates(extensions, filter_func)</c>), sorted as <see cref="ListTemplates()"/> is.
    /// </summary>
    /// <exception cref="ArgumentException">Both <paramref name="extensions"/> and <paramref name="filter"/> are given
    /// (Jinja2 refuses that too).</exception>
    public IReadOnlyList<string> ListTemplates(IEnumerable<string>? extensions, Func<string, bool>? filter = null)
    {
        if (extensions is not null && filter is not null)
            throw new ArgumentException("either extensions or filter can be passed, but not both", nameof(filter));
        var all = ListTemplates();
        if (extensions is not null)
        {
            var wanted = extensions.ToHashSet(StringComparer.Ordinal);
            filter = n => n.LastIndexOf('.') is var dot and >= 0 && wanted.Contains(n[(dot + 1)..]);
        }
        return filter is null ? all : [.. all.Where(filter)];
    }
}
