using Kida.Lexing;
using Kida.Syntax;

namespace Kida.Parsing;

internal sealed partial class Parser
{
    /// <summary>
    /// Jinja2's <c>compile_expression</c> parse: the tokens of <c>{{ source }}</c> hold exactly one expression
    /// (<c>parse_expression</c>: no bare tuple); anything after it is "chunk after expression".
    /// </summary>
    internal Expression ParseStandaloneExpression()
    {
        try
        {
            Expect(TokenKind.VariableBegin);
            var expr = ParseExpression();
            if (_tokens.Current.Kind != TokenKind.VariableEnd) throw Error("chunk after expression", _tokens.Current);
            _tokens.Next();
            if (_tokens.Current.Kind != TokenKind.Eof) throw Error("chunk after expression", _tokens.Current);
            return expr;
        }
        catch (InsufficientExecutionStackException)
        {
            throw Error("expression is nested too deeply to parse", _tokens.Current);
        }
    }
}
