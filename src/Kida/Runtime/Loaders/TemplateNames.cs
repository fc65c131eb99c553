namespace Kida;

/// <summary>
/// Checks and splits the <c>/</c>-separated names that loaders receive. Kept in one place so every loader refuses the
/// same escape attempts the same way.
/// </summary>
internal static class TemplateNames
{
    /// <summary>
    /// Splits a name into path segments, or returns the reason it is refused. Empty and <c>.</c> segments are dropped
    /// (as Jinja2 does); <c>..</c>, rooted names, backslashes, drive-relative names and NUL characters are refused,
    /// because each of them can reach a file outside a loader's root on some platform.
    /// </summary>
    public static bool TrySplit(string? name, out string[] segments, out string reason)
    {
        segments = [];
        if (string.IsNullOrEmpty(name))
        {
            reason = "the name is empty";
            return false;
        }
        if (name.Contains('\0'))
        {
            reason = "the name contains a NUL character";
            return false;
        }
        // A backslash is a separator on Windows and an ordinary character elsewhere; refusing it everywhere keeps a
        // template set portable and closes "..\\secret" on Windows.
        if (name.Contains('\\'))
        {
            reason = "the name contains a backslash; template names use '/'";
            return false;
        }
        if (name[0] == '/' || Path.IsPathRooted(name) || (name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0])))
        {
            reason = "absolute paths are not template names";
            return false;
        }

        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                reason = "the name contains a '..' segment";
                return false;
            }
            // On Windows a colon opens an alternate data stream ("a.html:secret") or a drive ("x/C:"); elsewhere it
            // is an ordinary file-name character.
            if (OperatingSystem.IsWindows() && part.Contains(':'))
            {
                reason = "the name contains a ':'";
                return false;
            }
            parts.Add(part);
        }
        if (parts.Count == 0)
        {
            reason = "the name has no file part";
            return false;
        }
        segments = [.. parts];
        reason = "";
        return true;
    }

    /// <summary>The name as it is quoted in messages: control characters are escaped so a NUL cannot cut a log line.</summary>
    public static string Display(string? name)
    {
        if (name is null) return "";
        if (!name.Any(char.IsControl)) return name;
        var sb = new System.Text.StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            if (c == '\0') sb.Append("\\0");
            else if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
