using System.Text;

namespace Kida;

/// <summary>
/// Loads templates from directories, searching the roots in order. A name that would leave its root — through
/// <c>..</c>, an absolute path, a backslash, a NUL character or a symbolic link pointing outside — is treated as not
/// found, so a template name taken from user input can never read an arbitrary file.
/// </summary>
/// <remarks>
/// Jinja2's <c>FileSystemLoader(searchpath, encoding)</c>. Immutable after construction, so safe to use from many threads
/// at once. Files are read when a template is first loaded; the environment then caches the compiled template, so
/// changes on disk are seen only after <see cref="TemplateEnvironment.ClearTemplateCache"/>. A search path that does not
/// exist is skipped (not an error).
/// </remarks>
/// <example>
/// <code>
/// // Site templates override the shared ones: "page.html" is looked for in "site/templates" first.
/// var loader = new FileSystemLoader("site/templates", "shared/templates");
/// var env = new TemplateEnvironment(loader);
/// env.GetTemplate("layouts/base.html");   // site/templates/layouts/base.html or shared/templates/layouts/base.html
///
/// // With an explicit encoding:
/// var latin1 = new FileSystemLoader(["legacy"], System.Text.Encoding.Latin1);
/// </code>
/// </example>
public sealed class FileSystemLoader : ITemplateLoader
{
    private readonly string[] _roots;
    private readonly Encoding _encoding;

    /// <summary>Creates a loader searching <paramref name="searchPaths"/> in order, reading files as UTF-8.</summary>
    /// <param name="searchPaths">The directories, highest priority first; relative paths are made absolute against the current directory now.</param>
    /// <exception cref="ArgumentNullException"><paramref name="searchPaths"/> is null.</exception>
    /// <exception cref="ArgumentException">No search path is given, or one is null.</exception>
    public FileSystemLoader(params string[] searchPaths) : this((IEnumerable<string>)searchPaths) { }

    /// <summary>Creates a loader searching <paramref name="roots"/> in order, reading files in <paramref name="encoding"/>.</summary>
    /// <param name="roots">The directories, highest priority first; relative paths are made absolute against the current directory now.</param>
    /// <param name="encoding">How files are decoded; null for UTF-8. A byte-order mark in a file is honoured either way.</param>
    /// <exception cref="ArgumentNullException"><paramref name="roots"/> is null.</exception>
    /// <exception cref="ArgumentException">No search path is given, or one is null.</exception>
    public FileSystemLoader(IEnumerable<string> roots, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(roots);
        _roots = [.. roots.Select(r => Path.GetFullPath(r ?? throw new ArgumentException("A search path is null.", nameof(roots))))];
        if (_roots.Length == 0) throw new ArgumentException("At least one search path is required.", nameof(roots));
        // No BOM is written, and a BOM in a file is still honoured by the reader.
        _encoding = encoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    }

    /// <summary>The absolute search paths, in search order.</summary>
    public IReadOnlyList<string> SearchPaths => _roots;

    /// <summary>Reads the template from the first search path that has the file.</summary>
    /// <param name="name">The <c>/</c>-separated name relative to the search paths, e.g. <c>"pages/home.html"</c>.</param>
    /// <returns>The text, with the file's path as <see cref="TemplateSource.FileName"/> and its write time.</returns>
    /// <exception cref="TemplateNotFoundException">No search path has the file, or the name is refused (<c>..</c>, absolute, backslash, NUL, a link leading outside); the message lists the paths searched.</exception>
    /// <exception cref="IOException">The file exists but cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public TemplateSource GetSource(string name)
    {
        if (TryResolve(name, out var path, out var reason))
        {
            try
            {
                return Read(path);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // Deleted between the check and the read: the same answer as if it had never existed.
                reason = "the file disappeared while it was being read";
            }
        }
        throw NotFound(name, reason);
    }

    /// <summary>Looks the template up without throwing: false when this loader does not have it.</summary>
    /// <param name="name">The <c>/</c>-separated template name.</param>
    /// <param name="source">The source when found; otherwise null.</param>
    /// <returns>Whether the template was found.</returns>
    public bool TryGetSource(string name, out TemplateSource source)
    {
        if (TryResolve(name, out var path, out _))
        {
            try
            {
                source = Read(path);
                return true;
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
            }
        }
        source = null!;
        return false;
    }

    /// <summary>Reads the template asynchronously from the first search path that has the file; see <see cref="GetSource"/>.</summary>
    /// <param name="name">The <c>/</c>-separated name relative to the search paths.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The text, with the file's path and write time.</returns>
    /// <exception cref="TemplateNotFoundException">No search path has the file, or the name is refused.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<TemplateSource> GetSourceAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!TryResolve(name, out var path, out var reason)) throw NotFound(name, reason);
        try
        {
            var modified = File.GetLastWriteTimeUtc(path.Real);
            var text = await File.ReadAllTextAsync(path.Real, _encoding, cancellationToken).ConfigureAwait(false);
            var real = path.Real;
            return new TemplateSource(text, path.Display, modified) { IsUpToDate = () => File.Exists(real) && File.GetLastWriteTimeUtc(real) == modified };
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw NotFound(name, "the file disappeared while it was being read");
        }
    }

    /// <summary>
    /// Every file under the search paths, as <c>/</c>-separated names relative to its root, sorted ordinally, each once.
    /// Hidden entries (names starting with <c>.</c>) and files reached through links leading outside the root are skipped.
    /// </summary>
    public IReadOnlyList<string> ListTemplates()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var root in _roots)
        {
            if (!Directory.Exists(root)) continue;
            var realRoot = PathResolver.RealPath(root);
            if (realRoot is null) continue;
            var visited = new HashSet<string>(PathResolver.PathComparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
            Walk(root, "", realRoot, visited, names);
        }
        return [.. names];
    }

    private void Walk(string directory, string prefix, string realRoot, HashSet<string> visited, SortedSet<string> names)
    {
        var realDirectory = PathResolver.RealPath(directory);
        // A linked directory is followed only while it stays inside the root, and each real directory once, so a
        // link cycle cannot make the listing endless.
        if (realDirectory is null || !PathResolver.IsUnder(realDirectory, realRoot) || !visited.Add(realDirectory)) return;

        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var entry in entries)
        {
            var entryName = Path.GetFileName(entry);
            // Hidden dot-files (.DS_Store, editor swap files) are never templates; a name with a backslash could
            // not be loaded back, so it is not listed either.
            if (entryName.StartsWith('.') || entryName.Contains('\\')) continue;
            var relative = prefix.Length == 0 ? entryName : prefix + "/" + entryName;
            if (Directory.Exists(entry))
            {
                Walk(entry, relative, realRoot, visited, names);
            }
            else if (File.Exists(entry))
            {
                var real = PathResolver.RealPath(entry);
                if (real is not null && PathResolver.IsUnder(real, realRoot)) names.Add(relative);
            }
        }
    }

    private readonly record struct ResolvedPath(string Display, string Real);

    private bool TryResolve(string name, out ResolvedPath path, out string reason)
    {
        path = default;
        if (!TemplateNames.TrySplit(name, out var segments, out reason)) return false;

        var escaped = false;
        foreach (var root in _roots)
        {
            var candidate = Path.Combine([root, .. segments]);
            if (!File.Exists(candidate)) continue;
            var realRoot = PathResolver.RealPath(root);
            var real = PathResolver.RealPath(candidate);
            if (realRoot is null || real is null || !PathResolver.IsUnder(real, realRoot))
            {
                // Keep searching: a later root may hold a legitimate file of that name.
                escaped = true;
                continue;
            }
            path = new ResolvedPath(candidate, real);
            return true;
        }
        reason = escaped ? "the file resolves to a location outside its search path" : "no such file";
        return false;
    }

    private TemplateSource Read(ResolvedPath path)
    {
        // Reading the resolved real path reads the very file that was checked, not whatever a link points to later.
        // The time is read before the text: a write in between then makes the next up-to-date check reload, never
        // leaves old text looking current.
        var modified = File.GetLastWriteTimeUtc(path.Real);
        var text = File.ReadAllText(path.Real, _encoding);
        var real = path.Real;
        return new(text, path.Display, modified) { IsUpToDate = () => File.Exists(real) && File.GetLastWriteTimeUtc(real) == modified };
    }

    private TemplateNotFoundException NotFound(string name, string reason) =>
        new(name, $"template '{TemplateNames.Display(name)}' not found ({reason}); searched: {string.Join(", ", _roots)}");
}
