using System.Text;

namespace Kida.Cli.Output;

/// <summary>
/// Writes a file so readers only ever see the old version or the complete new one: the content goes to a
/// temporary file in the same folder (same file system, so the rename is atomic) and replaces the target last.
/// If writing fails, the temporary file is removed and the previous output stays as it was.
/// </summary>
public static class AtomicFileWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, Action<TextWriter> write)
    {
        var directory = Path.GetDirectoryName(path) ?? throw new ArgumentException("The path has no folder.", nameof(path));
        Directory.CreateDirectory(directory);
        // Dot-prefixed so a half-written file is never mistaken for a page if the process is killed.
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024))
            using (var writer = new StreamWriter(stream, Utf8NoBom, 16 * 1024))
            {
                write(writer);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
