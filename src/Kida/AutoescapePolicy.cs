namespace Kida;

/// <summary>
/// Decides which templates escape their output. Assign a <c>bool</c> for always/never, or use
/// <see cref="ByExtension"/> (the default): templates named <c>*.html *.htm *.xml *.xhtml *.svg</c> escape, others do not.
/// Set it with <see cref="TemplateEnvironmentOptions.Autoescape"/>; Jinja2's <c>autoescape</c> option (<c>True</c>,
/// <c>False</c> or a function such as <c>select_autoescape()</c>). The decision is made once per template, when it is
/// compiled. Immutable and thread-safe.
/// </summary>
/// <example>
/// <code>
/// var options = TemplateEnvironmentOptions.Default with { Autoescape = true };             // always
/// var custom = TemplateEnvironmentOptions.Default with
/// {
///     Autoescape = AutoescapePolicy.From(name => name is null || !name.EndsWith(".txt")),   // all but .txt
/// };
/// </code>
/// </example>
public sealed class AutoescapePolicy
{
    private static readonly string[] HtmlExtensions = [".html", ".htm", ".xml", ".xhtml", ".svg"];
    private readonly Func<string?, bool> _decide;
    private readonly string _description;

    private AutoescapePolicy(Func<string?, bool> decide, string description)
    {
        _decide = decide;
        _description = description;
    }

    /// <summary>Every template escapes, named or not (Jinja2's <c>autoescape=True</c>).</summary>
    public static AutoescapePolicy Always { get; } = new(_ => true, "Always");
    /// <summary>No template escapes (Jinja2's default, <c>autoescape=False</c>); use <c>|e</c> where needed.</summary>
    public static AutoescapePolicy Never { get; } = new(_ => false, "Never");
    /// <summary>
    /// The default: a template escapes when its name ends, ignoring case, in <c>.html</c>, <c>.htm</c>, <c>.xml</c>,
    /// <c>.xhtml</c> or <c>.svg</c>, optionally followed by <c>.kida</c> (<c>page.html.kida</c>); like Jinja2's
    /// <c>select_autoescape()</c>. Templates without a name (<see cref="TemplateEnvironment.RenderString(string, object?)"/>, unnamed
    /// <see cref="TemplateEnvironment.FromString"/>) do not escape.
    /// </summary>
    public static AutoescapePolicy ByExtension { get; } = new(HasHtmlExtension, "ByExtension");

    /// <summary>
    /// A policy from a function of the template name (null for templates made from strings without a name). The
    /// function is called when each template is compiled (and by <see cref="TemplateEnvironment.ShouldAutoescape"/>), possibly
    /// from several threads at once, so it must be thread-safe.
    /// </summary>
    public static AutoescapePolicy From(Func<string?, bool> decide) => new(decide, "Custom");

    /// <summary>Lets a <c>bool</c> be assigned: <c>true</c> gives <see cref="Always"/>, <c>false</c> <see cref="Never"/>.</summary>
    public static implicit operator AutoescapePolicy(bool enabled) => enabled ? Always : Never;

    /// <summary>Whether a template of this name escapes its output.</summary>
    /// <param name="templateName">The template name; null for a template made from a string without a name.</param>
    public bool ShouldEscape(string? templateName) => _decide(templateName);

    /// <summary>The policy's name: <c>Always</c>, <c>Never</c>, <c>ByExtension</c> or <c>Custom</c> (from <see cref="From"/>).</summary>
    public override string ToString() => _description;

    private static bool HasHtmlExtension(string? name)
    {
        if (name is null) return false;
        if (name.EndsWith(".kida", StringComparison.OrdinalIgnoreCase)) name = name[..^5];
        foreach (var ext in HtmlExtensions)
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
