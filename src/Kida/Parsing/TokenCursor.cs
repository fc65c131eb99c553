using Kida.Lexing;

namespace Kida.Parsing;

/// <summary>Walks the token list: current, peek, next, expect, skip-if (Jinja's TokenStream, in small).</summary>
internal sealed class TokenCursor(List<Token> tokens)
{
    private int _pos;

    public Token Current => tokens[_pos];

    public Token Peek(int ahead = 1) => tokens[Math.Min(_pos + ahead, tokens.Count - 1)];

    public Token Next()
    {
        var t = tokens[_pos];
        if (_pos < tokens.Count - 1) _pos++;
        return t;
    }

    public bool SkipIfOperator(string op)
    {
        if (!Current.IsOperator(op)) return false;
        Next();
        return true;
    }

    public bool SkipIfName(string name)
    {
        if (!Current.IsName(name)) return false;
        Next();
        return true;
    }
}
