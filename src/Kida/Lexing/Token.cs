using Kida.Diagnostics;

namespace Kida.Lexing;

/// <summary>One token. <see cref="Value"/> holds the text of names and operators and the decoded value of literals.</summary>
internal readonly record struct Token(TokenKind Kind, string Value, SourceSpan Span, object? Literal = null)
{
    public bool Is(TokenKind kind, string value) => Kind == kind && Value == value;

    public bool IsOperator(string op) => Kind == TokenKind.Operator && Value == op;

    public bool IsName(string name) => Kind == TokenKind.Name && Value == name;

    public string Describe() => Kind switch
    {
        TokenKind.Eof => "end of template",
        TokenKind.Data => "template data",
        TokenKind.VariableBegin => "'{{'",
        TokenKind.VariableEnd => "'}}'",
        TokenKind.BlockBegin => "'{%'",
        TokenKind.BlockEnd => "'%}'",
        TokenKind.String => "string literal",
        TokenKind.Integer or TokenKind.Float => $"number {Value}",
        _ => $"'{Value}'",
    };
}
