using Kida.Diagnostics;
using Kida.Lexing;
using Kida.Parsing;
using Kida.Syntax;
using Kida.Syntax.Statements;

namespace Kida.Compilation;

/// <summary>Compiles one expression (Jinja2's <c>compile_expression</c>) into a template whose only statement evaluates it.</summary>
internal static class ExpressionCompiler
{
    // The expression is lexed as the inside of "{{ … }}"; positions on its first line are shifted back by this much.
    private const string Open = "{{ ";

    public static Template Compile(TemplateEnvironment environment, string source)
    {
        var wrapped = Open + source + " }}";
        try
        {
            var tokens = Lexer.Tokenize(wrapped, null, new LexerOptions());
            var expr = new Parser(tokens, null, wrapped, environment).ParseStandaloneExpression();
            var root = new StatementList([new ExpressionResultStatement(expr)], expr.Span);
            var binder = new Binder(environment, null, wrapped);
            binder.BindRoot(root);
            var template = new Template(environment, source, null, null);
            template.Initialize(root, binder, wrapped);
            return template;
        }
        catch (TemplateSyntaxException e)
        {
            throw Relocate(e, source);
        }
    }

    // Points the error at the user's text instead of the wrapped text.
    private static TemplateSyntaxException Relocate(TemplateSyntaxException e, string source)
    {
        if (e.Line is not { } line) return e;
        var column = e.Column ?? 1;
        if (line == 1) column = Math.Clamp(column - Open.Length, 1, source.Length + 1);
        var moved = new TemplateSyntaxException(e.Reason, e.Code) { Suggestion = e.Suggestion };
        moved.Locate(null, new SourceSpan(0, 0, line, column), source);
        return moved;
    }
}
