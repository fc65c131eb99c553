namespace Kida.Tests.Cli;

/// <summary>The bundled example site renders completely, and a few pages match their golden files byte for byte.</summary>
public sealed class ExampleSiteTests
{
    // Set KIDA_UPDATE_GOLDEN=1 to rewrite the golden files from the current output (then review the diff).
    private static readonly bool UpdateGolden = Environment.GetEnvironmentVariable("KIDA_UPDATE_GOLDEN") == "1";

    public static TheoryData<string> GoldenPages =>
    [
        "index.html",
        "about.html",
        "catalog.html",
        "blog/welcome.html",
        "guides/repairs.html",
        "products/tents-100.html",
        "products/apparel-419.html",
    ];

    [Fact]
    public void The_example_site_renders_every_page_and_exits_zero()
    {
        using var box = new CliSandbox();
        var run = box.Run("render", CliSandbox.ExampleSite, "--out", box.PathOf("out"), "--quiet");

        Assert.True(run.ExitCode == 0, run.ToString());
        var files = CliSandbox.Snapshot(box.PathOf("out"));
        Assert.Equal(336, files.Keys.Count(k => k.EndsWith(".html", StringComparison.Ordinal)));
        Assert.Equal(["style.css"], files.Keys.Where(k => !k.EndsWith(".html", StringComparison.Ordinal)));
        Assert.Equal(320, files.Keys.Count(k => k.StartsWith("products/", StringComparison.Ordinal)));
        Assert.Contains("Rendered 336 pages, 0 failed", run.Out);
        Assert.Contains("Slowest pages:", run.Out);
        // The fixed costs before the batch are reported apart from it (the site has 336 pages, so it warms up).
        Assert.Matches(@"\nBefore rendering: \d+\.\d\d s loading the site, \d+\.\d\d s compiling templates and planning, \d+\.\d\d s warming up \(fixed costs", run.Out);
        Assert.DoesNotContain(files.Keys, k => k.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(GoldenPages))]
    public void An_example_page_matches_its_golden_file(string page)
    {
        using var box = new CliSandbox();
        var run = box.Run("render", CliSandbox.ExampleSite, "--out", box.PathOf("out"), "--quiet");
        Assert.True(run.ExitCode == 0, run.ToString());

        var actual = File.ReadAllText(box.PathOf(Path.Combine("out", page)));
        var goldenPath = Path.Combine(CliSandbox.RepoRoot(), "tests", "Kida.Tests", "Cli", "Golden", page);
        if (UpdateGolden)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(goldenPath)!);
            File.WriteAllText(goldenPath, actual);
        }
        Assert.Equal(File.ReadAllText(goldenPath).Replace("\r\n", "\n"), actual);
    }

    [Fact]
    public void One_worker_and_auto_workers_produce_identical_output()
    {
        using var box = new CliSandbox();
        var serial = box.Run("render", CliSandbox.ExampleSite, "--out", box.PathOf("serial"), "--workers", "1", "--quiet");
        var auto = box.Run("render", CliSandbox.ExampleSite, "--out", box.PathOf("auto"), "--workers", "auto", "--quiet");

        Assert.True(serial.ExitCode == 0, serial.ToString());
        Assert.True(auto.ExitCode == 0, auto.ToString());
        Assert.Contains("Workers: 1 (fixed by --workers)\n", serial.Out);
        CliSandbox.AssertSameFiles(box.PathOf("serial"), box.PathOf("auto"));
    }

    [Fact]
    public void Markdown_bodies_become_html_and_data_files_are_visible_as_site_data()
    {
        using var box = new CliSandbox();
        box.Run("render", CliSandbox.ExampleSite, "--out", box.PathOf("out"), "--quiet");

        var post = File.ReadAllText(box.PathOf("out/blog/welcome.html"));
        Assert.Contains("<strong>test your gear at home</strong>", post);
        Assert.Contains("Ana Ferreira, trail editor", post);       // data/authors.json
        Assert.Contains("Kida Outfitters", post);                   // data/site.yaml
        Assert.Contains("<li>Check the forecast twice.</li>", post);
    }
}
