using System.Collections.Concurrent;
using System.Security.Cryptography;
using Kida.Runtime.Values;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Kida.AspNetCore.Web;

/// <summary>
/// <c>static_url(path)</c>: the URL of a file under the web root with a content-hash version, <c>/css/site.css?v=…</c>
/// (the SHA-256 of the file, base64url — what Razor's <c>asp-append-version</c> appends), so browsers may cache static
/// files for ever and still get a changed one at once. Hashes are cached and recomputed when the file changes. A file
/// that does not exist gets no version (the URL is still returned, as Razor does).
/// </summary>
public sealed class StaticFileVersions
{
    private readonly IFileProvider _files;
    private readonly ConcurrentDictionary<string, (string Version, IChangeToken Token)> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates the cache over the app's web root.</summary>
    /// <param name="host">The host environment; its <see cref="IWebHostEnvironment.WebRootFileProvider"/> is read.</param>
    public StaticFileVersions(IWebHostEnvironment host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _files = host.WebRootFileProvider;
    }

    /// <summary>The versioned URL of <paramref name="path"/> (relative to the web root; a leading <c>/</c> or <c>~/</c> is allowed), under the request's path base.</summary>
    /// <param name="pathBase">The request's path base (an app mounted under a prefix).</param>
    /// <param name="path">The file's path in the web root.</param>
    /// <returns>The URL with <c>?v=</c> and the hash appended when the file exists.</returns>
    public string Url(PathString pathBase, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var relative = path.StartsWith("~/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('/');
        var query = relative.IndexOfAny(['?', '#']);
        var file = query < 0 ? relative : relative[..query];
        var url = pathBase.Add("/" + relative).Value!;
        var version = Version(file);
        if (version is null) return url;
        return url + (query >= 0 && relative[query] == '?' ? "&v=" : "?v=") + version;
    }

    private string? Version(string file)
    {
        if (_cache.TryGetValue(file, out var cached) && !cached.Token.HasChanged) return cached.Version;
        var token = _files.Watch(file);
        var info = _files.GetFileInfo(file);
        if (!info.Exists || info.IsDirectory) return null;
        using var stream = info.CreateReadStream();
        var version = WebEncoders.Base64UrlEncode(SHA256.HashData(stream));
        _cache[file] = (version, token);
        return version;
    }

    internal IPyCallable Function(PathString pathBase) => new StaticUrl(this, pathBase);

    private sealed class StaticUrl(StaticFileVersions versions, PathString pathBase) : IPyCallable
    {
        public object? Call(CallArguments args) =>
            args.GetString(0, "path", null) is { } path
                ? versions.Url(pathBase, path)
                : throw new TemplateRuntimeException("static_url() needs the file's path, e.g. static_url('css/site.css')");
    }
}
