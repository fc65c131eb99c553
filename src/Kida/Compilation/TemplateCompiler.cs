namespace Kida.Compilation;

/// <summary>Lexes, parses and binds a template into its immutable compiled form.</summary>
internal static class TemplateCompiler
{
    public static Template Compile(TemplateEnvironment environment, string source, string? name, string? fileName) =>
        throw new NotImplementedException();
}
