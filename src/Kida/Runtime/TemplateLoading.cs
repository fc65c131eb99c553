using Kida.Runtime.Values;

namespace Kida.Runtime;

/// <summary>Turns the value of an <c>extends</c>/<c>include</c>/<c>import</c> expression into a template.</summary>
internal static class TemplateLoading
{
    public static Template Resolve(RenderContext ctx, object? value)
    {
        switch (value)
        {
            case Template t: return t;
            case string name: return ctx.Environment.GetTemplate(ResolveName(ctx, name));
            case Markup m: return ctx.Environment.GetTemplate(ResolveName(ctx, m.Value));
            case Undefined u:
                u.ThrowIfStrict();
                throw new TemplateNotFoundException(u.Name ?? "", $"template name is undefined ({u.Describe()})");
            case System.Collections.IEnumerable list:
                // A list of names: the first one that exists (Jinja2's select_template).
                var tried = new List<string>();
                foreach (var item in list)
                {
                    if (item is Template it) return it;
                    var n = ResolveName(ctx, PyFormat.Str(item));
                    tried.Add(n);
                    if (ctx.Environment.Loader is { } loader && loader.TryGetSource(n, out _)) return ctx.Environment.GetTemplate(n);
                }
                throw new TemplateNotFoundException(string.Join(", ", tried),
                    tried.Count == 0 ? "no template name was given" : $"none of the templates exist: {string.Join(", ", tried.Select(x => $"'{x}'"))}");
            default:
                throw new TemplateRuntimeException($"a template name must be a string, not {PyFormat.TypeName(value)}");
        }
    }

    /// <summary>
    /// Kida's template names inside templates: <c>./x</c> and <c>../x</c> resolve against the folder of the template
    /// that is running (climbing above the root is not found); <c>@alias/x</c> expands through
    /// <see cref="TemplateEnvironmentOptions.TemplateAliases"/>. Other names are unchanged.
    /// </summary>
    public static string ResolveName(RenderContext ctx, string name)
    {
        if (name.StartsWith('@'))
        {
            var slash = name.IndexOf('/');
            var alias = slash < 0 ? name[1..] : name[1..slash];
            var aliases = ctx.Environment.Options.TemplateAliases;
            if (aliases is null || !aliases.TryGetValue(alias, out var target))
                throw new TemplateNotFoundException(name, $"template '{name}' not found: there is no template alias '@{alias}'");
            var rest = slash < 0 ? "" : name[(slash + 1)..];
            return target.TrimEnd('/') + (rest.Length == 0 ? "" : "/" + rest);
        }
        if (!name.StartsWith("./", StringComparison.Ordinal) && !name.StartsWith("../", StringComparison.Ordinal)) return name;
        var current = ctx.Template?.Name ?? "";
        var parts = new List<string>(current.Split('/', StringSplitOptions.RemoveEmptyEntries));
        if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); // the folder of the current template
        foreach (var segment in name.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..")
            {
                if (parts.Count == 0)
                    throw new TemplateNotFoundException(name,
                        $"template '{name}' not found: it climbs above the template root (from '{current}')");
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(segment);
        }
        return string.Join('/', parts);
    }
}
