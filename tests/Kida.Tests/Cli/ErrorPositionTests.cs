namespace Kida.Tests.Cli;

/// <summary>
/// Malformed data and content files: every position printed is <c>path:line:col</c>, one-based both, with no
/// System.Text.Json or YamlDotNet position text left in the message; a failed data file is counted and named in the
/// summary, so a run that exits 1 never reads "0 failed".
/// </summary>
public sealed class ErrorPositionTests
{
    private static (CliRun Run, string Display) RenderWithBadFiles(CliSandbox box)
    {
        var site = box.CopyExampleSite();
        box.Write("site/data/bad.json", "{\n  \"a\": 1,\n  \"b\": ]\n}\n");
        box.Write("site/content/bad-doc.json", "{\"title\": \"x\",\n \"t\": }");
        box.Write("site/content/bad-front.md", "---\ntitle: x\n  bad: : 1\n---\nText.\n");
        box.Write("site/content/unicode.json", "{\"title\":\n\"é€\", x}");
        return (box.Run("render", site, "--out", box.PathOf("out"), "--quiet"), site.Replace('\\', '/'));
    }

    [Fact]
    public void A_malformed_data_file_is_counted_and_named_in_the_summary()
    {
        using var box = new CliSandbox();
        var (run, _) = RenderWithBadFiles(box);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Rendered 336 pages, 3 failed, 1 data file failed (data/bad.json) -> ", run.Out);
    }

    [Fact]
    public void Only_a_malformed_data_file_still_reads_as_a_failure_in_the_summary()
    {
        using var box = new CliSandbox();
        var site = box.CopyExampleSite();
        box.Write("site/data/bad.json", "{\n]");
        var run = box.Run("render", site, "--out", box.PathOf("out"), "--quiet");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Rendered 336 pages, 0 failed, 1 data file failed (data/bad.json) -> ", run.Out);
    }

    [Fact]
    public void Json_errors_are_one_based_line_and_column_without_the_zero_based_suffix()
    {
        using var box = new CliSandbox();
        var (run, display) = RenderWithBadFiles(box);

        // Line 3 of data/bad.json, the ']' is the 8th character.
        Assert.Contains($"{display}/data/bad.json:3:8: invalid JSON: ']' is an invalid start of a value.\n", run.Error);
        Assert.Contains("3 |   \"b\": ]\n  |        ^\n", run.Error);
        Assert.Contains($"{display}/content/bad-doc.json:2:7: invalid JSON: '}}' is an invalid start of a value.\n", run.Error);
        Assert.DoesNotContain("LineNumber", run.Error);
        Assert.DoesNotContain("BytePositionInLine", run.Error);
    }

    [Fact]
    public void A_json_column_counts_characters_not_utf8_bytes()
    {
        using var box = new CliSandbox();
        var (run, display) = RenderWithBadFiles(box);

        // "é€", x} — the x is the 7th character (but the 10th byte).
        Assert.Contains($"{display}/content/unicode.json:2:7: invalid JSON: 'x' is an invalid start of a property name.", run.Error);
        Assert.Contains("2 | \"é€\", x}\n  |       ^\n", run.Error);
    }

    [Fact]
    public void Yaml_front_matter_errors_are_one_based_line_and_column_in_the_file()
    {
        using var box = new CliSandbox();
        var (run, display) = RenderWithBadFiles(box);

        // The YAML starts on line 2; its second line is line 3 of the file, and the ':' it stops at is the 6th character.
        Assert.Contains($"{display}/content/bad-front.md:3:6: invalid YAML: ", run.Error);
        Assert.Contains("3 |   bad: : 1\n  |      ^\n", run.Error);
        Assert.DoesNotContain("(Line:", run.Error);
    }

    [Fact]
    public void A_yaml_error_at_the_start_of_a_line_is_column_one()
    {
        using var box = new CliSandbox();
        var site = box.CopyExampleSite();
        box.Write("site/data/broken.yaml", "a: 1\n- b\n");
        var run = box.Run("render", site, "--out", box.PathOf("out"), "--quiet");

        Assert.Contains($"{site.Replace('\\', '/')}/data/broken.yaml:2:1: invalid YAML: ", run.Error);
        Assert.Contains("1 data file failed (data/broken.yaml)", run.Out);
    }

    [Fact]
    public void An_unclosed_yaml_collection_points_past_the_last_text_not_past_the_end_of_the_file()
    {
        using var box = new CliSandbox();
        var site = box.CopyExampleSite();
        box.Write("site/data/open.yaml", "a: 1\nb: [1, 2\nc: 3\n");
        var run = box.Run("render", site, "--out", box.PathOf("out"), "--quiet");

        Assert.Contains($"{site.Replace('\\', '/')}/data/open.yaml:3:5: invalid YAML: the text ends inside", run.Error);
        Assert.Contains("3 | c: 3\n  |     ^\n", run.Error);
    }
}
