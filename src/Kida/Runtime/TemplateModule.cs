using Kida.Runtime.Values;

namespace Kida.Runtime;

/// <summary>What <c>{% import "t" as m %}</c> binds: the template's top-level macros and variables.</summary>
/// <remarks>
/// <para>
/// Jinja2's <c>TemplateModule</c>: after <c>{% import "forms.html" as forms %}</c>, <c>{{ forms.input("q") }}</c> calls a
/// macro the imported template defines and <c>{{ forms.title }}</c> reads one of its top-level <c>{% set %}</c> variables.
/// Names starting with an underscore stay private, as in Jinja2.
/// </para>
/// <para>A module never changes after the import and may be read from several threads.</para>
/// </remarks>
public sealed class TemplateModule : IPyAttributes, IPyObject
{
    private readonly Dictionary<string, object?> _exports;

    internal TemplateModule(string? name, Dictionary<string, object?> exports, string body)
    {
        TemplateName = name;
        _exports = exports;
        Body = body;
    }

    /// <summary>The name the imported template was loaded under (<c>"forms.html"</c>); <see langword="null"/> when it has
    /// none.</summary>
    public string? TemplateName { get; }

    /// <summary>The text the template rendered while being imported (Jinja2's <c>str(module)</c>).</summary>
    public string Body { get; }

    /// <summary>The type name in messages, <c>TemplateModule</c>.</summary>
    public string PyTypeName => "TemplateModule";

    /// <summary>How <c>{{ forms }}</c> prints: the <see cref="Body"/> text.</summary>
    public string PyStr() => Body;

    /// <summary>An exported name: a top-level macro (a <see cref="Macro"/>) or variable of the imported template.</summary>
    /// <param name="name">The name; names starting with <c>_</c> are never exported.</param>
    /// <param name="value">The exported value, or <see langword="null"/> when there is none.</param>
    /// <returns>Whether the template exports <paramref name="name"/>.</returns>
    public bool TryGetAttribute(string name, out object? value)
    {
        if (!name.StartsWith('_') && _exports.TryGetValue(name, out value)) return true;
        value = null;
        return false;
    }

    internal bool TryExport(string name, out object? value) => TryGetAttribute(name, out value);
}
