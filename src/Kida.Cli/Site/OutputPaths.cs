namespace Kida.Cli.Site;

/// <summary>
/// Keeps every output inside the output folder: relative paths only, no <c>..</c>, no drive letters or
/// backslashes, and a final check on the full path.
/// </summary>
internal static class OutputPaths
{
    /// <summary>Normalises a permalink (<c>/about/</c> → <c>about/index.html</c>) or says why it is rejected.</summary>
    public static bool TryNormalize(string link, out string path, out string reason)
    {
        path = "";
        reason = "";
        if (link.Contains('\\') || link.Contains(':') || link.Contains('\0'))
        {
            reason = "it contains a backslash, colon or NUL";
            return false;
        }
        var trimmed = link.TrimStart('/');
        if (trimmed.Length == 0 || trimmed.EndsWith('/')) trimmed += "index.html";
        var segments = trimmed.Split('/');
        if (segments.Any(s => s is "" or "." or ".."))
        {
            reason = "it would leave the output folder (empty, '.' or '..' segments are not allowed)";
            return false;
        }
        path = trimmed;
        return true;
    }

    /// <summary>The full path of <paramref name="relative"/> under <paramref name="outputRoot"/>, or null if it escapes.</summary>
    public static string? Resolve(string outputRoot, string relative)
    {
        var root = Path.GetFullPath(outputRoot);
        var full = Path.GetFullPath(Path.Combine(root, relative));
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return full.StartsWith(prefix, StringComparison.Ordinal) ? full : null;
    }
}
