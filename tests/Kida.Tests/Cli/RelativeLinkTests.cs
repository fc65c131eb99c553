using System.Text.RegularExpressions;
using Kida.Cli.Site;

namespace Kida.Tests.Cli;

/// <summary>
/// The example site works opened from disk: every link and asset is relative to its page and lands on a file of the
/// output; the CLI gives each page <c>root</c> and copies the site's <c>static/</c> folder.
/// </summary>
public sealed partial class RelativeLinkTests
{
    [GeneratedRegex(@"\b(?:href|src)=""(?<url>[^""]*)""")]
    private static partial Regex Link();

    [Fact]
    public void Every_href_and_src_of_the_example_site_resolves_to_an_output_file_relative_to_its_page()
    {
        using var box = new CliSandbox();
        var run = box.Run("render", CliSandbox.ExampleSite, "--out", box.PathOf("out"), "--quiet");
        Assert.True(run.ExitCode == 0, run.ToString());

        var outRoot = Path.GetFullPath(box.PathOf("out"));
        var problems = new List<string>();
        var checkedLinks = 0;
        var stylesheets = 0;
        foreach (var page in Directory.EnumerateFiles(outRoot, "*.html", SearchOption.AllDirectories))
        {
            var html = File.ReadAllText(page);
            if (html.Contains("rel=\"stylesheet\" href=\"", StringComparison.Ordinal)) stylesheets++;
            foreach (Match m in Link().Matches(html))
            {
                var url = m.Groups["url"].Value;
                if (url.StartsWith("https://", StringComparison.Ordinal) && html[..m.Index].EndsWith("rel=\"canonical\" ", StringComparison.Ordinal)) continue;
                if (url.StartsWith('#')) continue;
                var relativePage = Path.GetRelativePath(outRoot, page).Replace('\\', '/');
                if (url.Length == 0 || url.StartsWith('/') || url.Contains("://", StringComparison.Ordinal))
                {
                    problems.Add($"{relativePage}: '{url}' is not a relative link");
                    continue;
                }
                var path = url.Split('#')[0];
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, path));
                if (!target.StartsWith(outRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(target))
                    problems.Add($"{relativePage}: '{url}' does not resolve to a file of the output");
                checkedLinks++;
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        Assert.True(checkedLinks > 5000, $"only {checkedLinks} links checked");
        Assert.Equal(336, stylesheets);
    }

    [Fact]
    public void The_example_site_links_its_stylesheet_relative_to_each_page()
    {
        using var box = new CliSandbox();
        box.Run("render", CliSandbox.ExampleSite, "--out", box.PathOf("out"), "--quiet");

        Assert.Contains("<link rel=\"stylesheet\" href=\"./style.css\">", File.ReadAllText(box.PathOf("out/index.html")));
        Assert.Contains("<link rel=\"stylesheet\" href=\"../style.css\">", File.ReadAllText(box.PathOf("out/blog/welcome.html")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(CliSandbox.ExampleSite, "static", "style.css")), File.ReadAllBytes(box.PathOf("out/style.css")));
    }

    [Theory]
    [InlineData("index.html", "./")]
    [InlineData("blog/hello.html", "../")]
    [InlineData("about/team/index.html", "../../")]
    public void Root_is_the_way_back_to_the_output_folder(string output, string expected) =>
        Assert.Equal(expected, RelativeRoot.For(output));

    [Fact]
    public void Every_page_sees_root_and_the_static_folder_is_copied_skipping_dot_files()
    {
        using var box = new CliSandbox();
        box.Write("site/templates/page.html", "[{{ root }}{{ page.output }}]");
        box.Write("site/content/index.md", "Home\n");
        box.Write("site/content/docs/deep/page.md", "Deep\n");
        box.Write("site/static/css/site.css", "body { margin: 0 }\n");
        box.Write("site/static/img/logo.svg", "<svg/>");
        box.Write("site/static/.hidden", "secret");
        box.Write("site/static/.git/config", "secret");

        var run = box.Run("render", box.PathOf("site"), "--out", box.PathOf("out"), "--quiet");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("[./index.html]", File.ReadAllText(box.PathOf("out/index.html")));
        Assert.Equal("[../../docs/deep/page.html]", File.ReadAllText(box.PathOf("out/docs/deep/page.html")));
        Assert.Equal("body { margin: 0 }\n", File.ReadAllText(box.PathOf("out/css/site.css")));
        Assert.Equal("<svg/>", File.ReadAllText(box.PathOf("out/img/logo.svg")));
        Assert.False(File.Exists(box.PathOf("out/.hidden")));
        Assert.False(Directory.Exists(box.PathOf("out/.git")));
        Assert.Contains("Copied 2 static files from static/\n", run.Out);
    }

    [Fact]
    public void A_static_file_that_collides_with_a_page_is_not_copied_and_is_reported()
    {
        using var box = new CliSandbox();
        box.Write("site/templates/page.html", "page");
        box.Write("site/content/about.md", "About\n");
        box.Write("site/static/about.html", "static");

        var run = box.Run("render", box.PathOf("site"), "--out", box.PathOf("out"), "--quiet");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("page", File.ReadAllText(box.PathOf("out/about.html")));
        Assert.Contains("static/about.html: not copied: 'about.html' is also the output of a page", run.Error);
        Assert.Contains("Copied 0 static files from static/, 1 not copied (static/about.html)\n", run.Out);
    }
}
