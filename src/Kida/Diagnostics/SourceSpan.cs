namespace Kida.Diagnostics;

/// <summary>Where a token or node sits in its template: offset and length in characters, 1-based line and column.</summary>
public readonly record struct SourceSpan(int Offset, int Length, int Line, int Column)
{
    public static readonly SourceSpan None = new(0, 0, 0, 0);

    public bool IsKnown => Line > 0;
}
