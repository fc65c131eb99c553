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
            case string name: return ctx.Environment.GetTemplate(name);
            case Markup m: return ctx.Environment.GetTemplate(m.Value);
            case Undefined u:
                u.ThrowIfStrict();
                throw new TemplateNotFoundException(u.Name ?? "", $"template name is undefined ({u.Describe()})");
            case System.Collections.IEnumerable list:
                // A list of names: the first one that exists (Jinja2's select_template).
                var tried = new List<string>();
                foreach (var item in list)
                {
                    if (item is Template it) return it;
                    var n = PyFormat.Str(item);
                    tried.Add(n);
                    if (ctx.Environment.Loader is { } loader && loader.TryGetSource(n, out _)) return ctx.Environment.GetTemplate(n);
                }
                throw new TemplateNotFoundException(string.Join(", ", tried),
                    tried.Count == 0 ? "no template name was given" : $"none of the templates exist: {string.Join(", ", tried.Select(x => $"'{x}'"))}");
            default:
                throw new TemplateRuntimeException($"a template name must be a string, not {PyFormat.TypeName(value)}");
        }
    }
}
