namespace Kida.Diagnostics;

/// <summary>
/// Where a token or node sits in its template. <see cref="Offset"/> is a 0-based character offset into the source
/// (after <c>\r\n</c> is normalised to <c>\n</c>) and <see cref="Length"/> a count of characters; <see cref="Line"/>
/// and <see cref="Column"/> are 1-based (the first character of the template is line 1, column 1), and are what
/// error messages print as <c>name:line:column</c> (see <see cref="TemplateException.Format"/>). A line of 0 means
/// the location is unknown (<see cref="None"/>). The engine uses it internally; exceptions expose the location as
/// <see cref="TemplateException.Line"/> and <see cref="TemplateException.Column"/>.
/// </summary>
/// <param name="Offset">0-based character offset of the first character.</param>
/// <param name="Length">Number of characters covered.</param>
/// <param name="Line">1-based line number; 0 when unknown.</param>
/// <param name="Column">1-based column (character position within the line); 0 when unknown.</param>
internal readonly record struct SourceSpan(int Offset, int Length, int Line, int Column)
{
    /// <summary>An unknown location (line 0).</summary>
    public static readonly SourceSpan None = new(0, 0, 0, 0);

    /// <summary>Whether this is a real location (its line is 1 or more).</summary>
    public bool IsKnown => Line > 0;
}
