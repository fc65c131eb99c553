using Kida.Runtime;

namespace Kida;

/// <summary>
/// A compiled template (Jinja2's <c>jinja2.Template</c>): immutable, and safe to render from many threads at once with
/// no locks. Get one from <see cref="TemplateEnvironment.GetTemplate"/> (cached by name) or
/// <see cref="TemplateEnvironment.FromString"/>; there is no public constructor. Render it with
/// <see cref="Render(object?)"/> (to a string), <see cref="Render(TextWriter, object?)"/> (to a writer),
/// <see cref="RenderStream(object?)"/>/<see cref="RenderAsync(TextWriter, object?, CancellationToken)"/> (in <c>{% flush %}</c> chunks) or <see cref="RenderBlock(string, object?)"/> (one block).
/// </summary>
public sealed partial class Template
{
    internal Template(TemplateEnvironment environment, string source, string? name, string? fileName)
    {
        Environment = environment;
        Source = source;
        Name = name;
        FileName = fileName;
        Autoescape = environment.ShouldAutoescape(name);
    }

    /// <summary>The name it was loaded by (or given to <c>FromString</c>); null for anonymous strings (Jinja2's <c>Template.name</c>).</summary>
    public string? Name { get; }

    /// <summary>
    /// The file it came from, as the loader reported it in <see cref="TemplateSource.FileName"/> (a
    /// <see cref="FileSystemLoader"/> gives the path under its search path); null for in-memory and string templates
    /// (Jinja2's <c>Template.filename</c>).
    /// </summary>
    public string? FileName { get; }

    /// <summary>The template text as it was compiled.</summary>
    public string Source { get; }

    /// <summary>
    /// The environment that compiled it, whose loader, filters, tests, globals and options its renders use (Jinja2's
    /// <c>Template.environment</c>).
    /// </summary>
    public TemplateEnvironment Environment { get; }

    /// <summary>The template this one extends: the literal name, or the expression's text for a dynamic <c>extends</c>; null when it extends nothing.</summary>
    public string? Parent { get; private set; }

    /// <summary>Names of the blocks this template defines, in source order (Kida's <c>list_blocks()</c>); blocks it only inherits are not listed.</summary>
    public IReadOnlyList<string> BlockNames { get; private set; } = [];

    /// <summary>Names of the macros (<c>macro</c> and <c>def</c>) this template defines, in source order.</summary>
    public IReadOnlyList<string> MacroNames { get; private set; } = [];

    /// <summary>Every include in source order (literal names; a dynamic include counts as its expression text).</summary>
    public IReadOnlyList<string> Includes { get; private set; } = [];

    /// <summary>Whether the output of this template is HTML-escaped, as <see cref="TemplateEnvironment.ShouldAutoescape"/> decided for its name when it was compiled.</summary>
    public bool Autoescape { get; }
}
