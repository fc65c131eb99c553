using Kida.Cli.Output;

namespace Kida.Tests.Cli;

public class AtomicFileWriterTests
{
    [Fact]
    public void Text_is_written_as_utf8_without_a_bom_over_the_old_file_and_no_temporary_file_is_left()
    {
        using var sandbox = new CliSandbox();
        var path = sandbox.PathOf("out/deep/page.html");
        AtomicFileWriter.Write(path, "old, longer content that must not survive");

        AtomicFileWriter.Write(path, "<p>café — ✓ 𝄞</p>");

        Assert.Equal("<p>café — ✓ 𝄞</p>"u8.ToArray(), File.ReadAllBytes(path));
        Assert.Equal(["page.html"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Empty_and_large_texts_round_trip()
    {
        using var sandbox = new CliSandbox();
        var large = string.Concat(Enumerable.Repeat("ü<li>row</li>\n", 100_000));

        AtomicFileWriter.Write(sandbox.PathOf("empty.html"), "");
        AtomicFileWriter.Write(sandbox.PathOf("large.html"), large);

        Assert.Empty(File.ReadAllBytes(sandbox.PathOf("empty.html")));
        Assert.Equal(large, File.ReadAllText(sandbox.PathOf("large.html")));
    }

    [Fact]
    public void A_failed_write_leaves_the_previous_output_and_no_temporary_file()
    {
        using var sandbox = new CliSandbox();
        var path = sandbox.PathOf("page.html");
        AtomicFileWriter.Write(path, "previous");
        Directory.CreateDirectory(sandbox.PathOf("dir.html"));

        // Renaming a file over a folder fails after the temporary file was written.
        Assert.ThrowsAny<IOException>(() => AtomicFileWriter.Write(sandbox.PathOf("dir.html"), "new"));

        Assert.Equal("previous", File.ReadAllText(path));
        Assert.DoesNotContain(Directory.GetFiles(sandbox.Root), f => Path.GetFileName(f).StartsWith('.'));
    }
}
