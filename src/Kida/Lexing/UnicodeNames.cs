using System.Globalization;
using System.Text;

namespace Kida.Lexing;

/// <summary>
/// Python's identifier rules beyond ASCII (Jinja2 accepts any <c>str.isidentifier()</c> name): a start character is a
/// letter (Lu Ll Lt Lm Lo) or letter number (Nl) or one of Other_ID_Start; later characters add marks (Mn Mc), digits
/// (Nd), connectors (Pc) and Other_ID_Continue. Only reached for characters above U+007F.
/// </summary>
internal static class UnicodeNames
{
    public static bool IsStart(string s, int i) => Rune.DecodeFromUtf16(s.AsSpan(i), out var r, out _) == System.Buffers.OperationStatus.Done && IsStart(r);

    /// <summary>The end of the name continuing at <paramref name="i"/> (ASCII and non-ASCII identifier characters).</summary>
    public static int End(string s, int i)
    {
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsAsciiLetterOrDigit(c) || c == '_') { i++; continue; }
            if (c <= '\x7f' || Rune.DecodeFromUtf16(s.AsSpan(i), out var r, out var used) != System.Buffers.OperationStatus.Done || !IsPart(r)) break;
            i += used;
        }
        return i;
    }

    private static bool IsStart(Rune r)
    {
        switch (Rune.GetUnicodeCategory(r))
        {
            case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber:
                return true;
        }
        // Other_ID_Start
        return r.Value is 0x1885 or 0x1886 or 0x2118 or 0x212E or 0x309B or 0x309C;
    }

    private static bool IsPart(Rune r)
    {
        if (IsStart(r)) return true;
        switch (Rune.GetUnicodeCategory(r))
        {
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber
                or UnicodeCategory.ConnectorPunctuation:
                return true;
        }
        // Other_ID_Continue
        return r.Value is 0x00B7 or 0x0387 or (>= 0x1369 and <= 0x1371) or 0x19DA;
    }
}
