using System.Buffers;
using System.Text;

namespace Kida.Cli.Output;

/// <summary>
/// Writes a file so readers only ever see the old version or the complete new one: the content goes to a
/// temporary file in the same folder (same file system, so the rename is atomic) and replaces the target last.
/// If writing fails, the temporary file is removed and the previous output stays as it was.
/// </summary>
internal static class AtomicFileWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes <paramref name="text"/> as UTF-8 (no BOM) in one write: the bytes are encoded into a pooled buffer, so
    /// a page costs no stream or writer buffers (two 16 KB buffers a page with a StreamWriter, which at tens of
    /// thousands of pages kept the GC busy).
    /// </summary>
    public static void Write(string path, string text)
    {
        var temp = TempPathFor(path);
        var buffer = ArrayPool<byte>.Shared.Rent(Utf8NoBom.GetMaxByteCount(text.Length));
        try
        {
            var length = Utf8NoBom.GetBytes(text, buffer);
            using (var handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                RandomAccess.Write(handle, buffer.AsSpan(0, length), fileOffset: 0);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Copies <paramref name="source"/> over <paramref name="path"/> the same way: a temporary copy, then a rename.</summary>
    public static void Copy(string source, string path)
    {
        var temp = TempPathFor(path);
        try
        {
            File.Copy(source, temp);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    // Dot-prefixed so a half-written file is never mistaken for a page if the process is killed.
    private static string TempPathFor(string path)
    {
        var directory = Path.GetDirectoryName(path) ?? throw new ArgumentException("The path has no folder.", nameof(path));
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
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
