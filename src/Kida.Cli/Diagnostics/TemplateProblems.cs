namespace Kida.Cli.Diagnostics;

/// <summary>Turns engine exceptions into <see cref="Problem"/>s that name the template's file on disk.</summary>
internal static class TemplateProblems
{
    /// <param name="templatesDisplayPath">How the templates folder is shown (e.g. <c>site/templates</c>).</param>
    /// <param name="fallbackName">The template being compiled or rendered, used when the error names none.</param>
    public static Problem From(TemplateException e, string templatesDisplayPath, string? fallbackName, string? note = null)
    {
        var name = e.TemplateName ?? fallbackName;
        var path = name is null ? templatesDisplayPath : templatesDisplayPath + "/" + name;
        return new Problem(path, e.Line, e.Line is null ? null : e.Column, e.Reason)
        {
            SourceLine = e.SourceLine,
            Hint = e.Suggestion,
            Note = note,
        };
    }
}
