namespace Kida;

/// <summary>
/// Decides which templates escape their output. Assign a <c>bool</c> for always/never, or use
/// <see cref="ByExtension"/> (the default): templates named <c>*.html *.htm *.xml *.xhtml *.svg</c> escape, others do not.
/// </summary>
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

    public static AutoescapePolicy Always { get; } = new(_ => true, "Always");
    public static AutoescapePolicy Never { get; } = new(_ => false, "Never");
    public static AutoescapePolicy ByExtension { get; } = new(HasHtmlExtension, "ByExtension");

    /// <summary>A policy from a function of the template name (null for templates made from strings without a name).</summary>
    public static AutoescapePolicy From(Func<string?, bool> decide) => new(decide, "Custom");

    public static implicit operator AutoescapePolicy(bool enabled) => enabled ? Always : Never;

    public bool ShouldEscape(string? templateName) => _decide(templateName);

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
