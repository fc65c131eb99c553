using Kida.Runtime;

namespace Kida;

/// <summary>
/// A compiled template: immutable, and safe to render from many threads at once with no locks.
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

    /// <summary>The name it was loaded by (or given to <c>FromString</c>); null for anonymous strings.</summary>
    public string? Name { get; }

    /// <summary>The file it came from, if a file-system loader found it.</summary>
    public string? FileName { get; }

    /// <summary>The template text as it was compiled.</summary>
    public string Source { get; }

    public TemplateEnvironment Environment { get; }

    /// <summary>The template this one extends: the literal name, or the expression's text for a dynamic <c>extends</c>; null when it extends nothing.</summary>
    public string? Parent { get; private set; }

    /// <summary>Names of the blocks this template defines, in source order.</summary>
    public IReadOnlyList<string> BlockNames { get; private set; } = [];

    /// <summary>Names of the macros (<c>macro</c> and <c>def</c>) this template defines, in source order.</summary>
    public IReadOnlyList<string> MacroNames { get; private set; } = [];

    /// <summary>Every include in source order (literal names; a dynamic include counts as its expression text).</summary>
    public IReadOnlyList<string> Includes { get; private set; } = [];

    /// <summary>Whether the output of this template is HTML-escaped.</summary>
    public bool Autoescape { get; }
}
