using Kida.Diagnostics;
using Kida.Lexing;
using Kida.Syntax;
using Kida.Syntax.Statements;

namespace Kida.Parsing;

/// <summary>
/// Recursive-descent parser for the Jinja2 grammar plus Kida's additions. Split by grammar area:
/// <c>Parser.Statements.cs</c> and <c>Parser.Expressions.cs</c>.
/// </summary>
internal sealed partial class Parser
{
    private readonly TokenCursor _tokens;
    private readonly string? _name;
    private readonly string _source;
    private readonly TemplateEnvironment _environment;
    private readonly Stack<(string Tag, Token Start, string[] Ends)> _open = new();
    private int _loopDepth;

    public Parser(List<Token> tokens, string? name, string source, TemplateEnvironment environment)
    {
        _tokens = new TokenCursor(tokens);
        _name = name;
        _source = source;
        _environment = environment;
    }

    private bool KidaDialect => _environment.Options.Dialect == TemplateDialect.Kida;

    public StatementList ParseTemplate()
    {
        try
        {
            var body = Subparse(null, out _);
            return body;
        }
        catch (InsufficientExecutionStackException)
        {
            throw Error("template is nested too deeply to parse", _tokens.Current);
        }
    }

    internal TemplateSyntaxException Error(string message, Token at, string code = ErrorCode.UnexpectedToken)
    {
        var e = new TemplateSyntaxException(message, code);
        e.Locate(_name, at.Span, _source);
        return e;
    }

    private TemplateSyntaxException Error(string message, SourceSpan at, string code = ErrorCode.UnexpectedToken)
    {
        var e = new TemplateSyntaxException(message, code);
        e.Locate(_name, at, _source);
        return e;
    }

    private Token Expect(TokenKind kind, string? value = null)
    {
        var t = _tokens.Current;
        if (t.Kind == kind && (value is null || t.Value == value)) return _tokens.Next();
        var wanted = kind switch
        {
            TokenKind.Name when value is not null => $"'{value}'",
            TokenKind.Name => "a name",
            TokenKind.Operator => $"'{value}'",
            TokenKind.BlockEnd => "'%}'",
            TokenKind.VariableEnd => "'}}'",
            TokenKind.String => "a string",
            _ => kind.ToString(),
        };
        throw Error($"expected {wanted}, got {t.Describe()}{OpenBlockHint()}", t);
    }

    private Token ExpectOperator(string op) => Expect(TokenKind.Operator, op);

    /// <summary>The end of a tag that opens a body; Jinja2 accepts one ':' before it (Python style, for line statements).</summary>
    private Token ExpectBodyStart()
    {
        if (_tokens.Current.IsOperator(":") && _tokens.Peek().Kind == TokenKind.BlockEnd) _tokens.Next();
        return Expect(TokenKind.BlockEnd);
    }

    private string OpenBlockHint()
    {
        if (_tokens.Current.Kind != TokenKind.Eof || _open.Count == 0) return "";
        var (tag, start, _) = _open.Peek();
        return $"; the innermost open block is '{tag}' at line {start.Span.Line}";
    }

    /// <summary>Deepest nesting of block tags accepted; rendering recurses once per level, on any thread's stack.</summary>
    internal const int MaxBlockNesting = 100;

    private int _blockNesting;

    /// <summary>
    /// Parses statements until one of <paramref name="endTags"/> (or Kida's <c>end</c>) starts a tag; the cursor is
    /// left on that tag's name. With null, parses to the end of the template.
    /// </summary>
    private StatementList Subparse(string[]? endTags, out Token endTag)
    {
        if (++_blockNesting > MaxBlockNesting)
            throw Error($"block tags are nested too deeply (more than {MaxBlockNesting} levels)", _tokens.Current);
        try
        {
            return SubparseBody(endTags, out endTag);
        }
        finally
        {
            _blockNesting--;
        }
    }

    private StatementList SubparseBody(string[]? endTags, out Token endTag)
    {
        var items = new List<Statement>();
        var start = _tokens.Current.Span;
        while (true)
        {
            var t = _tokens.Current;
            switch (t.Kind)
            {
                case TokenKind.Data:
                    _tokens.Next();
                    items.Add(new TextStatement(t.Value, t.Span));
                    break;
                case TokenKind.VariableBegin:
                    _tokens.Next();
                    var expr = ParseTuple();
                    items.Add(new OutputStatement(expr, expr.Span));
                    Expect(TokenKind.VariableEnd);
                    break;
                case TokenKind.BlockBegin:
                    _tokens.Next();
                    var tag = _tokens.Current;
                    if (tag.Kind != TokenKind.Name)
                        throw Error($"tag name expected, got {tag.Describe()}", tag);
                    if (endTags is not null && (tag.Value == "end" || Array.IndexOf(endTags, tag.Value) >= 0))
                    {
                        endTag = tag;
                        return new StatementList(items.ToArray(), start);
                    }
                    items.Add(ParseStatement());
                    break;
                case TokenKind.Eof:
                    if (endTags is not null)
                    {
                        var (openTag, openToken, _) = _open.Peek();
                        throw Error(
                            $"unexpected end of template; expected {DescribeTags(endTags)} to close the '{openTag}' block opened at line {openToken.Span.Line}",
                            t, ErrorCode.UnclosedBlock);
                    }
                    endTag = t;
                    return new StatementList(items.ToArray(), start);
                default:
                    throw Error($"unexpected {t.Describe()}", t);
            }
        }
    }

    private static string DescribeTags(string[] tags)
    {
        var all = tags.Select(x => $"'{x}'").Append("'end'").ToArray();
        return all.Length == 1 ? all[0] : string.Join(", ", all[..^1]) + " or " + all[^1];
    }

    /// <summary>Parses a block body up to its closer: the given end tag or <c>end</c>, consuming it and its <c>%}</c>.</summary>
    private StatementList ParseBody(string tag, Token start, string endTag, params string[] alsoStopAt)
    {
        string[] ends = [endTag, .. alsoStopAt];
        _open.Push((tag, start, ends));
        var body = Subparse(ends, out var end);
        _open.Pop();
        if (end.Value == endTag || end.Value == "end")
        {
            _tokens.Next();
            if (tag == "block" && _tokens.Current.Kind == TokenKind.Name) _tokens.Next(); // {% endblock name %}
            Expect(TokenKind.BlockEnd);
        }
        return body;
    }
}
