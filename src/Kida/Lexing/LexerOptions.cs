namespace Kida.Lexing;

/// <summary>Lexer settings taken from the environment options.</summary>
internal sealed record LexerOptions
{
    public static LexerOptions Default { get; } = new();

    public bool TrimBlocks { get; init; }
    public bool LstripBlocks { get; init; }
    public bool KeepTrailingNewline { get; init; }
    public int MaxTokens { get; init; } = 1_000_000;

    /// <summary>Tag delimiters; anything but the default goes through <see cref="Syntax"/>.</summary>
    public Delimiters Delimiters { get; init; } = Delimiters.Default;

    /// <summary>Jinja2's <c>line_statement_prefix</c>, or null.</summary>
    public string? LineStatementPrefix { get; init; }

    /// <summary>Jinja2's <c>line_comment_prefix</c>, or null.</summary>
    public string? LineCommentPrefix { get; init; }

    /// <summary>What every newline of template data becomes (Jinja2's <c>newline_sequence</c>).</summary>
    public string NewlineSequence { get; init; } = "\n";

    /// <summary>Kida dialect: <c>2.</c> is a float (Jinja2 reads an integer and a dot).</summary>
    public bool TrailingDotFloats { get; init; }

    /// <summary>Jinja2 dialect: names are Python identifiers (<c>föö</c>, <c>き</c>); Kida keeps them ASCII.</summary>
    public bool UnicodeNames { get; init; }

    /// <summary>
    /// The compiled root rules for non-default delimiters or line prefixes; null selects the default fast path.
    /// Made by <see cref="LexerSyntax.CreateOptions"/>.
    /// </summary>
    public LexerSyntax? Syntax { get; init; }
}
