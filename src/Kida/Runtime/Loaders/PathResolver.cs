namespace Kida;

/// <summary>
/// Resolves symbolic links the way POSIX <c>realpath</c> does, one component at a time, so a link anywhere in a path
/// (not only the last component) is followed. Missing components are kept as they are.
/// </summary>
internal static class PathResolver
{
    // Same limit as Linux's MAXSYMLINKS: a loop of links ends in an error instead of spinning.
    private const int MaxLinkHops = 40;

    public static StringComparison PathComparison { get; } =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The real path of <paramref name="path"/>, or null when it cannot be resolved (a link loop).</summary>
    public static string? RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "";
        var pending = new Stack<string>();
        PushSegments(pending, full[root.Length..]);
        var current = root;
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = Path.Combine(current, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (IOException)
            {
                target = null;
            }
            catch (UnauthorizedAccessException)
            {
                target = null;
            }
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++hops > MaxLinkHops) return null;
            if (Path.IsPathRooted(target))
            {
                var targetFull = target;
                current = Path.GetPathRoot(targetFull) ?? root;
                PushSegments(pending, targetFull[current.Length..]);
            }
            else
            {
                // A relative target is relative to the directory holding the link, which is `current`.
                PushSegments(pending, target);
            }
        }
        return current;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> itself or lies below it.</summary>
    public static bool IsUnder(string path, string root)
    {
        var trimmedRoot = Path.TrimEndingDirectorySeparator(root);
        if (path.Length == trimmedRoot.Length) return string.Equals(path, trimmedRoot, PathComparison);
        return path.Length > trimmedRoot.Length
            && path.StartsWith(trimmedRoot, PathComparison)
            && (path[trimmedRoot.Length] == Path.DirectorySeparatorChar || path[trimmedRoot.Length] == Path.AltDirectorySeparatorChar
                || trimmedRoot.Length > 0 && (trimmedRoot[^1] == Path.DirectorySeparatorChar || trimmedRoot[^1] == Path.AltDirectorySeparatorChar));
    }

    private static void PushSegments(Stack<string> pending, string relative)
    {
        var parts = relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--) pending.Push(parts[i]);
    }
}
