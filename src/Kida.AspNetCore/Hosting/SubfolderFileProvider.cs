using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Kida.AspNetCore.Hosting;

/// <summary>
/// A folder of another provider, addressed relative to that folder: used for a template folder that does not exist yet
/// when the app starts (a <see cref="PhysicalFileProvider"/> cannot be rooted at a missing folder), so templates created
/// later are still found and watched. Names never leave the folder: the loader refuses <c>..</c> segments.
/// </summary>
internal sealed class SubfolderFileProvider(IFileProvider root, string folder) : IFileProvider
{
    private string Path(string subpath) => folder + "/" + subpath.TrimStart('/');

    public IFileInfo GetFileInfo(string subpath) => root.GetFileInfo(Path(subpath));

    public IDirectoryContents GetDirectoryContents(string subpath) =>
        root.GetDirectoryContents(subpath.Length == 0 ? folder : Path(subpath));

    public IChangeToken Watch(string filter) => root.Watch(Path(filter));
}
