namespace Kida.Tests.Cli;

/// <summary>A broken page is reported with its file and line, and never stops or damages the other pages.</summary>
public sealed class BrokenPageTests
{
    private static string SiteWithProblems(CliSandbox box)
    {
        var site = box.CopyExampleSite();
        box.Write("site/templates/broken.html", "{% extends \"section.html\" %}\n{% block article %}\n<h1>{{ page.title }</h1>\n{% endblock %}\n");
        box.Write("site/content/uses-broken.md", "---\ntitle: Uses a broken template\ntemplate: broken.html\n---\nText.\n");
        box.Write("site/content/bad-yaml.md", "---\ntitle: Bad\ndate: [2026, 1\n---\nText.\n");
        box.Write("site/content/no-template.md", "---\ntitle: Missing\ntemplate: nowhere.html\n---\nText.\n");
        return site;
    }

    [Fact]
    public void A_site_with_broken_pages_renders_every_other_page_and_exits_one()
    {
        using var box = new CliSandbox();
        var site = SiteWithProblems(box);
        var run = box.Run("render", site, "--out", box.PathOf("out"), "--quiet");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Rendered 336 pages, 3 failed", run.Out);
        Assert.Equal(336, CliSandbox.Snapshot(box.PathOf("out")).Keys.Count(k => k.EndsWith(".html", StringComparison.Ordinal)));
        Assert.False(File.Exists(box.PathOf("out/uses-broken.html")));
    }

    [Fact]
    public void A_broken_template_is_reported_at_its_file_and_line_with_a_caret_and_the_page_it_broke()
    {
        using var box = new CliSandbox();
        var site = SiteWithProblems(box);
        var run = box.Run("render", site, "--out", box.PathOf("out"), "--quiet");

        var display = site.Replace('\\', '/');
        Assert.Contains($"{display}/templates/broken.html:3:19: unexpected '}}'", run.Error);
        Assert.Contains("3 | <h1>{{ page.title }</h1>", run.Error);
        Assert.Contains("  |                   ^", run.Error);
        Assert.Contains($"note: while rendering {display}/content/uses-broken.md", run.Error);
    }

    [Fact]
    public void Bad_front_matter_and_a_missing_template_point_into_the_content_file()
    {
        using var box = new CliSandbox();
        var site = SiteWithProblems(box);
        var run = box.Run("render", site, "--out", box.PathOf("out"), "--quiet");

        var display = site.Replace('\\', '/');
        Assert.Contains($"{display}/content/bad-yaml.md:", run.Error);
        Assert.Contains("invalid YAML", run.Error);
        Assert.Contains($"{display}/content/no-template.md:3:1: template 'nowhere.html' not found", run.Error);
        Assert.Contains("3 | template: nowhere.html", run.Error);
    }

    [Fact]
    public void A_failed_page_leaves_its_previous_output_untouched_and_no_temporary_file()
    {
        using var box = new CliSandbox();
        var site = box.CopyExampleSite();
        box.Write("out/about.html", "previous output\n");
        // Fails at render time, after output has started: the page writes into a temporary file first.
        box.Write("site/templates/page.html", "{% extends \"section.html\" %}\n{% block article %}started {{ page.title }} {{ 1 // 0 }}{% endblock %}\n");

        var run = box.Run("render", site, "--out", box.PathOf("out"), "--quiet");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("previous output\n", File.ReadAllText(box.PathOf("out/about.html")));
        Assert.Empty(Directory.EnumerateFiles(box.PathOf("out"), "*.tmp", SearchOption.AllDirectories));
        Assert.True(File.Exists(box.PathOf("out/catalog.html")));
    }

    [Fact]
    public void A_permalink_that_would_leave_the_output_folder_is_rejected_and_nothing_is_written_outside()
    {
        using var box = new CliSandbox();
        var site = box.CopyExampleSite();
        box.Write("site/content/escape.md", "---\ntitle: Escape\npermalink: ../../escaped.html\n---\nText.\n");

        var run = box.Run("render", site, "--out", box.PathOf("deep/out"), "--quiet");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("escape.md:3:1: permalink '../../escaped.html' is rejected", run.Error);
        Assert.False(File.Exists(box.PathOf("escaped.html")));
        Assert.Equal(new[] { "deep", "site" }, Directory.EnumerateFileSystemEntries(box.Root).Select(p => Path.GetFileName(p) ?? "").Order().ToArray());
    }

    [Fact]
    public void Fail_fast_stops_at_the_first_failing_page()
    {
        using var box = new CliSandbox();
        var site = box.CopyExampleSite();
        box.Write("site/templates/product.html", "{{ undefined_macro() }}");

        var run = box.Run("render", site, "--out", box.PathOf("out"), "--quiet", "--fail-fast", "--workers", "1");

        Assert.Equal(1, run.ExitCode);
        // One worker takes pages heaviest first: the Markdown pages render, then the first product fails and the rest are skipped.
        var match = System.Text.RegularExpressions.Regex.Match(run.Out, @"Rendered (\d+) pages, 1 failed, (\d+) skipped \(--fail-fast\)");
        Assert.True(match.Success, run.ToString());
        Assert.Equal(335, int.Parse(match.Groups[1].Value) + int.Parse(match.Groups[2].Value));
        Assert.True(int.Parse(match.Groups[2].Value) >= 300);
    }
}
