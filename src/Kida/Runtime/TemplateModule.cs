using Kida.Runtime.Values;

namespace Kida.Runtime;

/// <summary>What <c>{% import "t" as m %}</c> binds: the template's top-level macros and variables.</summary>
public sealed class TemplateModule : IPyAttributes, IPyObject
{
    private readonly Dictionary<string, object?> _exports;

    internal TemplateModule(string? name, Dictionary<string, object?> exports, string body)
    {
        TemplateName = name;
        _exports = exports;
        Body = body;
    }

    public string? TemplateName { get; }

    /// <summary>The text the template rendered while being imported (Jinja2's <c>str(module)</c>).</summary>
    public string Body { get; }

    public string PyTypeName => "TemplateModule";

    public string PyStr() => Body;

    public bool TryGetAttribute(string name, out object? value)
    {
        if (!name.StartsWith('_') && _exports.TryGetValue(name, out value)) return true;
        value = null;
        return false;
    }

    internal bool TryExport(string name, out object? value) => TryGetAttribute(name, out value);
}
