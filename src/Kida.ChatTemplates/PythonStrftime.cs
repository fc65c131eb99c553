using System.Globalization;
using System.Text;

namespace Kida.ChatTemplates;

/// <summary>
/// Python's <c>datetime.strftime(format)</c> on a naive local time, in the C locale (glibc's codes, as CPython on
/// Linux): what transformers' <c>strftime_now(format)</c> global returns for <c>datetime.now()</c>.
/// </summary>
internal static class PythonStrftime
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>Formats <paramref name="t"/> (a naive local time: its offset is not printed, %z and %Z are empty).</summary>
    public static string Format(DateTime t, string format)
    {
        var sb = new StringBuilder(format.Length + 16);
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%' || i + 1 >= format.Length)
            {
                sb.Append(c);
                continue;
            }
            var code = format[++i];
            // glibc flags: '-' (no padding) and '_' (space padding), e.g. %-d as transformers' templates use.
            char? flag = null;
            if (code is '-' or '_' or '0' or '^' or '#' && i + 1 < format.Length)
            {
                flag = code;
                code = format[++i];
            }
            var text = Field(t, code);
            if (text is null)
            {
                sb.Append('%');
                if (flag is not null) sb.Append(flag.Value);
                sb.Append(code);
                continue;
            }
            sb.Append(Flag(text, flag, code));
        }
        return sb.ToString();
    }

    private static string Flag(string text, char? flag, char code)
    {
        switch (flag)
        {
            case '-':
                if (IsNumeric(code)) { var trimmed = text.TrimStart('0', ' '); return trimmed.Length == 0 ? "0" : trimmed; }
                return text;
            case '_':
                if (IsNumeric(code)) { var n = text.Length; var trimmed = text.TrimStart('0'); if (trimmed.Length == 0) trimmed = "0"; return trimmed.PadLeft(n); }
                return text;
            case '^':
                return text.ToUpperInvariant();
            case '#':
                return code is 'a' or 'A' or 'b' or 'B' or 'h' ? text.ToUpperInvariant() : code == 'p' ? text.ToLowerInvariant() : text;
            default:
                return text;
        }
    }

    private static bool IsNumeric(char code) => code is 'd' or 'e' or 'H' or 'I' or 'j' or 'm' or 'M' or 'S' or 'y' or 'Y' or 'U' or 'W' or 'V' or 'u' or 'w' or 'k' or 'l' or 'C' or 'g' or 'G';

    private static string Two(int v) => v.ToString("00", CultureInfo.InvariantCulture);

    private static string? Field(DateTime t, char code)
    {
        var inv = CultureInfo.InvariantCulture;
        var hour12 = t.Hour % 12 == 0 ? 12 : t.Hour % 12;
        switch (code)
        {
            case 'a': return Days[(int)t.DayOfWeek][..3];
            case 'A': return Days[(int)t.DayOfWeek];
            case 'b' or 'h': return Months[t.Month - 1][..3];
            case 'B': return Months[t.Month - 1];
            case 'c': return $"{Days[(int)t.DayOfWeek][..3]} {Months[t.Month - 1][..3]} {t.Day,2} {Two(t.Hour)}:{Two(t.Minute)}:{Two(t.Second)} {t.Year}";
            case 'C': return Two(t.Year / 100);
            case 'd': return Two(t.Day);
            case 'D': return $"{Two(t.Month)}/{Two(t.Day)}/{Two(t.Year % 100)}";
            case 'e': return t.Day.ToString(inv).PadLeft(2);
            case 'f': return (t.Ticks % TimeSpan.TicksPerSecond / 10).ToString("000000", inv);
            case 'F': return $"{t.Year.ToString("0000", inv)}-{Two(t.Month)}-{Two(t.Day)}";
            case 'g': return Two(ISOWeek.GetYear(t) % 100);
            case 'G': return ISOWeek.GetYear(t).ToString(inv);
            case 'H': return Two(t.Hour);
            case 'I': return Two(hour12);
            case 'j': return t.DayOfYear.ToString("000", inv);
            case 'k': return t.Hour.ToString(inv).PadLeft(2);
            case 'l': return hour12.ToString(inv).PadLeft(2);
            case 'm': return Two(t.Month);
            case 'M': return Two(t.Minute);
            case 'n': return "\n";
            case 'p': return t.Hour < 12 ? "AM" : "PM";
            case 'P': return t.Hour < 12 ? "am" : "pm";
            case 'r': return $"{Two(hour12)}:{Two(t.Minute)}:{Two(t.Second)} {(t.Hour < 12 ? "AM" : "PM")}";
            case 'R': return $"{Two(t.Hour)}:{Two(t.Minute)}";
            case 's': return ((long)(t - DateTime.UnixEpoch).TotalSeconds).ToString(inv);
            case 'S': return Two(t.Second);
            case 't': return "\t";
            case 'T': return $"{Two(t.Hour)}:{Two(t.Minute)}:{Two(t.Second)}";
            case 'u': return (t.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)t.DayOfWeek).ToString(inv);
            case 'U': return Two((t.DayOfYear + 6 - (int)t.DayOfWeek) / 7);
            case 'V': return Two(ISOWeek.GetWeekOfYear(t));
            case 'w': return ((int)t.DayOfWeek).ToString(inv);
            case 'W': return Two((t.DayOfYear + 6 - ((int)t.DayOfWeek + 6) % 7) / 7);
            case 'x': return $"{Two(t.Month)}/{Two(t.Day)}/{Two(t.Year % 100)}";
            case 'X': return $"{Two(t.Hour)}:{Two(t.Minute)}:{Two(t.Second)}";
            case 'y': return Two(t.Year % 100);
            case 'Y': return t.Year.ToString(inv);
            case 'z': return "";
            case 'Z': return "";
            case '%': return "%";
            default: return null;
        }
    }
}
