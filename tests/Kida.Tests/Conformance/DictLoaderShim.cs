// Temporary until the loaders land on main; removed when DictLoader exists.
namespace Kida;

public sealed class DictLoader(IReadOnlyDictionary<string, string> templates) : ITemplateLoader
{
    public TemplateSource GetSource(string name) =>
        TryGetSource(name, out var s) ? s : throw new TemplateNotFoundException(name, $"template '{name}' not found");

    public bool TryGetSource(string name, out TemplateSource source)
    {
        if (templates.TryGetValue(name, out var text)) { source = new TemplateSource(text, null); return true; }
        source = null!;
        return false;
    }

    public IReadOnlyList<string> ListTemplates() => templates.Keys.Order(StringComparer.Ordinal).ToList();
}
