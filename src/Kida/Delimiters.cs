namespace Kida;

/// <summary>
/// The six strings that open and close tags (Jinja2's <c>block_start_string</c> … <c>comment_end_string</c>).
/// Start from <see cref="Default"/> and change what your templates use, for example LaTeX-friendly
/// <c>\BLOCK{ … }</c> or ASP-style <c>&lt;% … %&gt;</c>. Whitespace control (<c>-</c>, <c>+</c>), <c>raw</c> blocks,
/// <c>trim_blocks</c> and <c>lstrip_blocks</c> work with any delimiters.
/// </summary>
/// <remarks>
/// Any non-empty strings are allowed, including regex-special characters and strings that are prefixes of one
/// another: when two start strings match at the same place the longer one wins (so <c>&lt;%=</c> and <c>&lt;%</c> can
/// coexist). Jinja2's one restriction is kept: <see cref="BlockStart"/> must differ from <see cref="VariableStart"/>, and
/// <see cref="VariableStart"/> from <see cref="CommentStart"/>. A violation, or an empty or null string, makes the
/// <see cref="TemplateEnvironment"/> constructor throw <see cref="ArgumentException"/>.
/// </remarks>
/// <example>
/// <code>
/// var env = new TemplateEnvironment(TemplateEnvironmentOptions.Default with
/// {
///     Delimiters = Delimiters.Default with { BlockStart = "&lt;%", BlockEnd = "%&gt;", VariableStart = "&lt;%=", VariableEnd = "%&gt;" },
/// });
/// env.RenderString("&lt;% for x in xs %&gt;&lt;%= x %&gt;&lt;% endfor %&gt;", new { xs = new[] { 1, 2 } }); // "12"
/// </code>
/// </example>
public sealed record Delimiters
{
    /// <summary>Jinja2's delimiters: <c>{% %}</c>, <c>{{ }}</c> and <c>{# #}</c>.</summary>
    public static Delimiters Default { get; } = new();

    /// <summary>Opens a statement tag (Jinja2 <c>block_start_string</c>). Default <c>{%</c>.</summary>
    public string BlockStart { get; init; } = "{%";

    /// <summary>Closes a statement tag (Jinja2 <c>block_end_string</c>). Default <c>%}</c>.</summary>
    public string BlockEnd { get; init; } = "%}";

    /// <summary>Opens an output tag (Jinja2 <c>variable_start_string</c>). Default <c>{{</c>.</summary>
    public string VariableStart { get; init; } = "{{";

    /// <summary>Closes an output tag (Jinja2 <c>variable_end_string</c>). Default <c>}}</c>.</summary>
    public string VariableEnd { get; init; } = "}}";

    /// <summary>Opens a comment (Jinja2 <c>comment_start_string</c>). Default <c>{#</c>.</summary>
    public string CommentStart { get; init; } = "{#";

    /// <summary>Closes a comment (Jinja2 <c>comment_end_string</c>). Default <c>#}</c>.</summary>
    public string CommentEnd { get; init; } = "#}";

    /// <summary>Whether these are exactly Jinja2's default delimiters.</summary>
    internal bool IsDefault =>
        BlockStart == "{%" && BlockEnd == "%}" && VariableStart == "{{" && VariableEnd == "}}" &&
        CommentStart == "{#" && CommentEnd == "#}";
}
