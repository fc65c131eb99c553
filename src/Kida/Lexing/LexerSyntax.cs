using System.Text.RegularExpressions;

namespace Kida.Lexing;

/// <summary>
/// The root-state rules of Jinja2's lexer for a configuration with custom delimiters or line prefixes, compiled
/// once per environment. The expressions are Jinja2's own (<c>jinja2/lexer.py</c>, <c>compile_rules</c> and
/// <c>Lexer.__init__</c>): the earliest match wins, and at one position the raw block first, then the longest
/// start string (ties: variable, line statement, line comment, comment, block — Jinja2's reverse sort by name).
/// </summary>
internal sealed class LexerSyntax
{
    public const string Raw = "raw_begin";
    public const string Comment = "comment_begin";
    public const string Block = "block_begin";
    public const string Variable = "variable_begin";
    public const string LineStatement = "linestatement_begin";
    public const string LineComment = "linecomment_begin";

    /// <summary>Group names of the root alternatives, in the order the expression tries them.</summary>
    public string[] RuleNames { get; }

    /// <summary><c>\G(?&lt;text&gt;.*?)(?:raw|rule|…)</c>: data, then the tag that ends it.</summary>
    public Regex Root { get; }

    /// <summary>The end of a raw block: its content, then <c>{% endraw %}</c> with whitespace control.</summary>
    public Regex RawEnd { get; }

    private LexerSyntax(Delimiters d, string? lineStatementPrefix, string? lineCommentPrefix, bool trimBlocks)
    {
        static string E(string s) => Regex.Escape(s);
        var rules = new List<(int Length, string Name, string Pattern)>
        {
            (d.CommentStart.Length, Comment, E(d.CommentStart)),
            (d.BlockStart.Length, Block, E(d.BlockStart)),
            (d.VariableStart.Length, Variable, E(d.VariableStart)),
        };
        if (lineStatementPrefix is not null)
            rules.Add((lineStatementPrefix.Length, LineStatement, @"^[ \t\v]*" + E(lineStatementPrefix)));
        if (lineCommentPrefix is not null)
            rules.Add((lineCommentPrefix.Length, LineComment, @"(?:^|(?<=\S))[^\S\r\n]*" + E(lineCommentPrefix)));
        // Python: sorted(rules, reverse=True) over (length, token name, pattern).
        rules.Sort((a, b) =>
        {
            var c = b.Length.CompareTo(a.Length);
            if (c == 0) c = string.CompareOrdinal(b.Name, a.Name);
            return c != 0 ? c : string.CompareOrdinal(b.Pattern, a.Pattern);
        });
        RuleNames = rules.Select(r => r.Name).ToArray();

        var bs = E(d.BlockStart);
        var be = E(d.BlockEnd);
        var suffix = trimBlocks ? @"\n?" : "";
        var raw = $@"(?<{Raw}>{bs}(?<{Raw}_sign>\-|\+|)\s*raw\s*(?:\-{be}\s*|{be}))";
        var parts = string.Join("|", new[] { raw }.Concat(rules.Select(r => $@"(?<{r.Name}>{r.Pattern}(?<{r.Name}_sign>\-|\+|))")));
        const RegexOptions options = RegexOptions.Singleline | RegexOptions.Multiline | RegexOptions.CultureInvariant;
        Root = new Regex($@"\G(?<text>.*?)(?:{parts})", options);
        RawEnd = new Regex($@"\G(?<text>.*?)(?:{bs}(?<sign>\-|\+|))\s*endraw\s*(?:(?<plus>\+{be})|(?<minus>\-{be}\s*)|{be}{suffix})", options);
    }

    /// <summary>
    /// The lexer settings for an environment, checking the syntax options as Jinja2's environment does.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A delimiter or prefix is null or empty, the block or comment start equals the variable start, or the newline
    /// sequence is not <c>\n</c>, <c>\r\n</c> or <c>\r</c>.
    /// </exception>
    public static LexerOptions CreateOptions(TemplateEnvironmentOptions options)
    {
        var d = options.Delimiters ?? throw new ArgumentException("Delimiters must not be null.", nameof(options));
        Require(d.BlockStart, nameof(Delimiters.BlockStart));
        Require(d.BlockEnd, nameof(Delimiters.BlockEnd));
        Require(d.VariableStart, nameof(Delimiters.VariableStart));
        Require(d.VariableEnd, nameof(Delimiters.VariableEnd));
        Require(d.CommentStart, nameof(Delimiters.CommentStart));
        Require(d.CommentEnd, nameof(Delimiters.CommentEnd));
        // Jinja2: assert block_start_string != variable_start_string != comment_start_string (a chained comparison,
        // so a block start equal to the comment start is allowed: the comment rule then wins).
        if (d.BlockStart == d.VariableStart || d.VariableStart == d.CommentStart)
            throw new ArgumentException(
                $"Delimiters: block, variable and comment start strings must be different (block '{d.BlockStart}', variable '{d.VariableStart}', comment '{d.CommentStart}').",
                nameof(options));
        if (options.LineStatementPrefix is "")
            throw new ArgumentException("LineStatementPrefix must be null (off) or a non-empty string.", nameof(options));
        if (options.LineCommentPrefix is "")
            throw new ArgumentException("LineCommentPrefix must be null (off) or a non-empty string.", nameof(options));
        if (options.NewlineSequence is not ("\n" or "\r\n" or "\r"))
            throw new ArgumentException("NewlineSequence must be one of \"\\n\", \"\\r\\n\" or \"\\r\".", nameof(options));

        var custom = !d.IsDefault || options.LineStatementPrefix is not null || options.LineCommentPrefix is not null;
        return new LexerOptions
        {
            TrimBlocks = options.TrimBlocks,
            LstripBlocks = options.LstripBlocks,
            KeepTrailingNewline = options.KeepTrailingNewline || options.Dialect == TemplateDialect.Kida,
            Delimiters = d,
            LineStatementPrefix = options.LineStatementPrefix,
            LineCommentPrefix = options.LineCommentPrefix,
            NewlineSequence = options.NewlineSequence,
            TrailingDotFloats = options.Dialect == TemplateDialect.Kida,
            UnicodeNames = options.Dialect != TemplateDialect.Kida,
            Syntax = custom ? new LexerSyntax(d, options.LineStatementPrefix, options.LineCommentPrefix, options.TrimBlocks) : null,
        };
    }

    private static void Require(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
            throw new ArgumentException($"Delimiters.{name} must be a non-empty string.", "options");
    }
}
