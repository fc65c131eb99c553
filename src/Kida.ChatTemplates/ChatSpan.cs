namespace Kida.ChatTemplates;

/// <summary>A range of a rendered prompt in UTF-16 code units (.NET <see cref="string"/> indices).</summary>
/// <param name="Start">The index of the first character.</param>
/// <param name="Length">The number of characters.</param>
public readonly record struct ChatSpan(int Start, int Length)
{
    /// <summary>The index just past the last character (<see cref="Start"/> + <see cref="Length"/>).</summary>
    public int End => Start + Length;
}
