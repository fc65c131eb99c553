using Kida.Lexing;
using Kida.Syntax.Statements;

namespace Kida.Parsing;

// Span tags (TemplateEnvironmentOptions.SpanTags): {% name %}…{% endname %}, a body in a scope of its own.
internal sealed partial class Parser
{
    private SpanStatement ParseSpanTag()
    {
        var start = _tokens.Next();
        var name = start.Value;
        Expect(TokenKind.BlockEnd);
        var body = ParseBody(name, start, "end" + name);
        // Like the caller body of Jinja2's CallBlock (how extensions implement such tags): assignments stay inside.
        var scoped = new StatementList([new ScopedBodyStatement(body, body.Span)], body.Span);
        return new SpanStatement(name, scoped, start.Span);
    }
}
