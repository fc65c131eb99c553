using System.Globalization;
using System.Text;

namespace Kida.Runtime.I18n;

/// <summary>Reads the entries of a gettext <c>.po</c> file (msgctxt, msgid, msgid_plural, msgstr, msgstr[i], fuzzy flag).</summary>
internal static class PoReader
{
    internal sealed class Entry
    {
        public string? Context;
        public string Id = "";
        public string? Plural;
        public List<string> Strings = [];
        public bool Fuzzy;
    }

    public static List<Entry> Read(string text)
    {
        var entries = new List<Entry>();
        Entry? current = null;
        var fuzzy = false;
        // Which string a continuation line ("...") extends: 'c' context, 'i' id, 'p' plural, 's' msgstr number.
        char field = '\0';
        var strIndex = 0;
        var lineNo = 0;
        void Flush()
        {
            if (current is not null) entries.Add(current);
            current = null;
        }
        foreach (var rawLine in text.Replace("\r\n", "\n").Split('\n'))
        {
            lineNo++;
            var line = rawLine.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                if (line.StartsWith("#,", StringComparison.Ordinal) && line[2..].Split(',').Any(f => f.Trim() == "fuzzy"))
                {
                    if (field == 's') Flush();
                    fuzzy = true;
                }
                continue;
            }
            if (line.StartsWith('"'))
            {
                if (current is null) throw Bad(lineNo, "a string continues no keyword");
                var s = Unquote(line, lineNo);
                switch (field)
                {
                    case 'c': current.Context += s; break;
                    case 'i': current.Id += s; break;
                    case 'p': current.Plural += s; break;
                    default: current.Strings[strIndex] += s; break;
                }
                continue;
            }
            var space = line.IndexOf(' ');
            if (space < 0) throw Bad(lineNo, $"expected a keyword and a string, got '{line}'");
            var keyword = line[..space];
            var value = Unquote(line[(space + 1)..].Trim(), lineNo);
            if (keyword is "msgctxt" || keyword is "msgid" && (current is null || field == 's'))
            {
                Flush();
                current = new Entry { Fuzzy = fuzzy };
                fuzzy = false;
            }
            if (current is null) throw Bad(lineNo, $"'{keyword}' before msgid");
            switch (keyword)
            {
                case "msgctxt": current.Context = value; field = 'c'; break;
                case "msgid": current.Id = value; field = 'i'; break;
                case "msgid_plural": current.Plural = value; field = 'p'; break;
                case "msgstr":
                    current.Strings.Add(value);
                    strIndex = current.Strings.Count - 1;
                    field = 's';
                    break;
                default:
                    if (!keyword.StartsWith("msgstr[", StringComparison.Ordinal) || !keyword.EndsWith(']')
                        || !int.TryParse(keyword.AsSpan(7, keyword.Length - 8), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                        throw Bad(lineNo, $"unknown keyword '{keyword}'");
                    while (current.Strings.Count <= index) current.Strings.Add("");
                    current.Strings[index] = value;
                    strIndex = index;
                    field = 's';
                    break;
            }
        }
        Flush();
        return entries;
    }

    private static TranslationCatalogException Bad(int line, string message) => new($".po line {line}: {message}", line);

    private static string Unquote(string s, int line)
    {
        if (s.Length < 2 || s[0] != '"' || s[^1] != '"') throw Bad(line, $"expected a quoted string, got {s}");
        var sb = new StringBuilder(s.Length);
        for (var i = 1; i < s.Length - 1; i++)
        {
            var c = s[i];
            if (c != '\\') { sb.Append(c); continue; }
            if (++i >= s.Length - 1) throw Bad(line, "a string ends in a backslash");
            c = s[i];
            switch (c)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case 'x':
                    var hex = 0;
                    var digits = 0;
                    while (i + 1 < s.Length - 1 && Uri.IsHexDigit(s[i + 1])) { hex = hex * 16 + Convert.ToInt32(s[++i].ToString(), 16); digits++; }
                    if (digits == 0) throw Bad(line, "\\x without hex digits");
                    sb.Append((char)hex);
                    break;
                case >= '0' and <= '7':
                    var oct = c - '0';
                    for (var k = 0; k < 2 && i + 1 < s.Length - 1 && s[i + 1] is >= '0' and <= '7'; k++) oct = oct * 8 + (s[++i] - '0');
                    sb.Append((char)oct);
                    break;
                default: sb.Append(c); break; // \" \\ \' \?
            }
        }
        return sb.ToString();
    }
}
