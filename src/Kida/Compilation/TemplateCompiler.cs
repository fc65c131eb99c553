using Kida.Lexing;
using Kida.Parsing;

namespace Kida.Compilation;

/// <summary>Lexes, parses and binds a template into its immutable compiled form.</summary>
internal static class TemplateCompiler
{
    public static Template Compile(TemplateEnvironment environment, string source, string? name, string? fileName)
    {
        var lexerOptions = environment.LexerOptions;
        var prepared = Lexer.PrepareSource(source, lexerOptions.KeepTrailingNewline);
        var tokens = Lexer.Tokenize(prepared, name, lexerOptions);
        var root = new Parser(tokens, name, prepared, environment).ParseTemplate();
        var binder = new Binder(environment, name, prepared);
        binder.BindRoot(root);
        var template = new Template(environment, source, name, fileName);
        template.Initialize(root, binder, prepared);
        template.InitializeTier();
        return template;
    }
}
