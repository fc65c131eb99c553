using System.Text;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Kida.AspNetCore.Hosting;

/// <summary>
/// Reads templates through an <see cref="IFileProvider"/> (physical, embedded, composite…). With <c>watch</c> on, each
/// source carries a change token, so <see cref="TemplateEnvironmentOptions.AutoReload"/> recompiles a template after its
/// file changes; off, nothing is watched and a template is read once.
/// </summary>
public sealed class FileProviderTemplateLoader : ITemplateLoader
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private readonly IFileProvider _files;
    private readonly bool _watch;

    /// <summary>Creates the loader.</summary>
    /// <param name="files">Where templates are read from; template names are paths relative to its root.</param>
    /// <param name="watch">Whether sources report changes (development) or are read once (production).</param>
    public FileProviderTemplateLoader(IFileProvider files, bool watch)
    {
        ArgumentNullException.ThrowIfNull(files);
        _files = files;
        _watch = watch;
    }

    /// <summary>The provider templates are read from.</summary>
    public IFileProvider Files => _files;

    /// <inheritdoc />
    public TemplateSource GetSource(string name) =>
        TryGetSource(name, out var source)
            ? source
            : throw new TemplateNotFoundException(name, $"template '{name}' was not found in the template folder");

    /// <inheritdoc />
    public bool TryGetSource(string name, out TemplateSource source)
    {
        source = null!;
        if (!IsSafeName(name)) return false;
        // The token is taken before the read, so an edit made while reading still counts as a change.
        var token = _watch ? _files.Watch(name) : null;
        var file = _files.GetFileInfo(name);
        if (!file.Exists || file.IsDirectory) return false;
        string text;
        using (var stream = file.CreateReadStream())
        using (var reader = new StreamReader(stream, Utf8, detectEncodingFromByteOrderMarks: true))
            text = reader.ReadToEnd();
        var modified = file.LastModified;
        source = new TemplateSource(text, file.PhysicalPath ?? name, modified)
        {
            IsUpToDate = token is null ? null : () => IsUnchanged(token, name, modified),
        };
        return true;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListTemplates()
    {
        var names = new List<string>();
        Collect("", names);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private void Collect(string folder, List<string> names)
    {
        foreach (var entry in _files.GetDirectoryContents(folder))
        {
            var path = folder.Length == 0 ? entry.Name : folder + "/" + entry.Name;
            if (entry.IsDirectory) Collect(path, names);
            else names.Add(path);
        }
    }

    // Change tokens of physical files fire from a file-system watcher, a moment after the write; the write time is
    // compared too, so the request right after an edit already sees it.
    private bool IsUnchanged(IChangeToken token, string name, DateTimeOffset modified) =>
        !token.HasChanged && _files.GetFileInfo(name) is { Exists: true } now && now.LastModified == modified;

    private static bool IsSafeName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('\\') || name.Contains('\0') || Path.IsPathRooted(name)) return false;
        foreach (var part in name.Split('/'))
            if (part is "" or "." or "..") return false;
        return true;
    }
}
