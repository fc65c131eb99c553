namespace Kida.Cli.Serve;

/// <summary>
/// Turns a request path into a path inside the site's output (<c>/blog/hello.html</c> → <c>blog/hello.html</c>,
/// <c>/about/</c> → <c>about/</c>), or refuses it: after decoding (<c>%2F</c> and <c>%2E</c> too), no segment may be
/// <c>..</c> or <c>.</c>, start with a dot (dot-files are not part of a site), or hold a backslash, colon or NUL.
/// </summary>
internal static class RequestPaths
{
    /// <summary>The path relative to the output root, with forward slashes; empty for <c>/</c>. False when refused.</summary>
    public static bool TryResolve(string? requestPath, out string relative)
    {
        relative = "";
        if (string.IsNullOrEmpty(requestPath) || requestPath[0] != '/') return false;
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(requestPath);
        }
        catch (UriFormatException)
        {
            return false;
        }
        if (decoded.Contains('\\') || decoded.Contains(':') || decoded.Contains('\0')) return false;
        var trimmed = decoded[1..];
        var segments = trimmed.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            // An empty segment is only allowed last: "about/" names the folder's index page.
            if (segment.Length == 0 && i < segments.Length - 1) return false;
            if (segment.StartsWith('.')) return false;
        }
        relative = trimmed;
        return true;
    }

    /// <summary>The page output a relative path names: a folder (<c>""</c>, <c>about/</c>) names its <c>index.html</c>.</summary>
    public static string OutputFor(string relative) => relative.Length == 0 || relative.EndsWith('/') ? relative + "index.html" : relative;
}
