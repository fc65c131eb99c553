using System.Text.Json;

namespace Kida.Tests.Conformance;

/// <summary>
/// The optional environment fields of a corpus case (all absent = Jinja2's defaults): <c>keep_trailing_newline</c>,
/// the six delimiter strings (<c>block_start_string</c> …), <c>line_statement_prefix</c>, <c>line_comment_prefix</c>,
/// <c>newline_sequence</c> and <c>undefined</c> (<c>"default"</c>, <c>"strict"</c>, <c>"chainable"</c>, <c>"debug"</c>).
/// </summary>
public sealed record ConformanceEnvironment
{
    public bool KeepTrailingNewline { get; init; }
    public string? BlockStart { get; init; }
    public string? BlockEnd { get; init; }
    public string? VariableStart { get; init; }
    public string? VariableEnd { get; init; }
    public string? CommentStart { get; init; }
    public string? CommentEnd { get; init; }
    public string? LineStatementPrefix { get; init; }
    public string? LineCommentPrefix { get; init; }
    public string? NewlineSequence { get; init; }
    public string? Undefined { get; init; }

    public static ConformanceEnvironment Load(JsonElement c)
    {
        string? S(string name) => c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new ConformanceEnvironment
        {
            KeepTrailingNewline = c.TryGetProperty("keep_trailing_newline", out var k) && k.GetBoolean(),
            BlockStart = S("block_start_string"),
            BlockEnd = S("block_end_string"),
            VariableStart = S("variable_start_string"),
            VariableEnd = S("variable_end_string"),
            CommentStart = S("comment_start_string"),
            CommentEnd = S("comment_end_string"),
            LineStatementPrefix = S("line_statement_prefix"),
            LineCommentPrefix = S("line_comment_prefix"),
            NewlineSequence = S("newline_sequence"),
            Undefined = S("undefined"),
        };
    }

    /// <summary>Why this build cannot run the case (a setting it has no option for), or null.</summary>
    public string? UnsupportedReason => ApplyUndefined(TemplateEnvironmentOptions.Default, Undefined, out var reason) is null ? reason : null;

    public TemplateEnvironmentOptions Apply(TemplateEnvironmentOptions options)
    {
        var d = Delimiters.Default;
        options = options with
        {
            KeepTrailingNewline = options.KeepTrailingNewline || KeepTrailingNewline,
            Delimiters = new Delimiters
            {
                BlockStart = BlockStart ?? d.BlockStart,
                BlockEnd = BlockEnd ?? d.BlockEnd,
                VariableStart = VariableStart ?? d.VariableStart,
                VariableEnd = VariableEnd ?? d.VariableEnd,
                CommentStart = CommentStart ?? d.CommentStart,
                CommentEnd = CommentEnd ?? d.CommentEnd,
            },
            LineStatementPrefix = LineStatementPrefix,
            LineCommentPrefix = LineCommentPrefix,
            NewlineSequence = NewlineSequence ?? "\n",
        };
        return ApplyUndefined(options, Undefined, out var reason)
            ?? throw new InvalidOperationException(reason);
    }

    /// <summary>
    /// The one place that maps the corpus's <c>undefined</c> kind to an option: the options to use, or null with the
    /// reason this build cannot honour the kind (such cases are skipped with that reason).
    /// </summary>
    public static TemplateEnvironmentOptions? ApplyUndefined(TemplateEnvironmentOptions options, string? kind, out string? reason)
    {
        reason = null;
        switch (kind)
        {
            case null or "default": return options with { UndefinedBehavior = UndefinedBehavior.Default };
            case "strict": return options with { UndefinedBehavior = UndefinedBehavior.Strict };
            case "chainable": return options with { UndefinedBehavior = UndefinedBehavior.Chainable };
            case "debug": return options with { UndefinedBehavior = UndefinedBehavior.Debug };
            default:
                reason = $"undefined kind '{kind}' has no option in this build";
                return null;
        }
    }
}
