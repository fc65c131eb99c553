namespace Kida.Lexing;

/// <summary>Lexer settings taken from the environment options.</summary>
internal sealed record LexerOptions
{
    public static LexerOptions Default { get; } = new();

    public bool TrimBlocks { get; init; }
    public bool LstripBlocks { get; init; }
    public bool KeepTrailingNewline { get; init; }
    public int MaxTokens { get; init; } = 1_000_000;
}
