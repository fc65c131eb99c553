namespace Kida.Tests.Runtime.Loaders;

public class FileSystemLoaderTests
{
    [Fact]
    public void Loads_a_file_by_its_slash_separated_name()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("pages/home.html", "Hello {{ name }}");
        var loader = new FileSystemLoader(dir.Path);

        var source = loader.GetSource("pages/home.html");

        Assert.Equal("Hello {{ name }}", source.Text);
        Assert.Equal(Path.GetFullPath(path), source.FileName);
        Assert.NotNull(source.LastModified);
    }

    [Fact]
    public void Searches_roots_in_order_and_the_first_match_wins()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        first.Write("a.html", "first");
        second.Write("a.html", "second");
        second.Write("b.html", "only second");
        var loader = new FileSystemLoader(first.Path, second.Path);

        Assert.Equal("first", loader.GetSource("a.html").Text);
        Assert.Equal("only second", loader.GetSource("b.html").Text);
    }

    [Fact]
    public void Reads_with_the_given_encoding()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(Path.Combine(dir.Path, "latin.txt"), [0x63, 0x61, 0x66, 0xE9]);
        var loader = new FileSystemLoader([dir.Path], System.Text.Encoding.Latin1);

        Assert.Equal("café", loader.GetSource("latin.txt").Text);
    }

    [Fact]
    public void Missing_template_message_names_the_template_and_every_searched_root()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var loader = new FileSystemLoader(first.Path, second.Path);

        var e = Assert.Throws<TemplateNotFoundException>(() => loader.GetSource("nope.html"));

        Assert.Equal("nope.html", e.Name);
        Assert.Contains("'nope.html'", e.Message);
        Assert.Contains(first.Path, e.Message);
        Assert.Contains(second.Path, e.Message);
        Assert.False(loader.TryGetSource("nope.html", out _));
    }

    [Theory]
    [InlineData("../secret")]
    [InlineData("pages/../../secret")]
    [InlineData("..")]
    [InlineData("/etc/passwd")]
    [InlineData("a\0b")]
    [InlineData("..\\secret")]
    [InlineData("pages\\..\\..\\secret")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("C:secret")]
    [InlineData("")]
    public void Names_that_could_escape_the_root_are_not_found(string name)
    {
        using var outer = new TempDirectory();
        outer.Write("secret", "TOP SECRET");
        var root = outer.Sub("root");
        File.WriteAllText(Path.Combine(root, "a"), "a");
        var loader = new FileSystemLoader(root);

        var e = Assert.Throws<TemplateNotFoundException>(() => loader.GetSource(name));

        Assert.Equal(name, e.Name);
        Assert.Contains(root, e.Message);
        Assert.DoesNotContain("\0", e.Message);
        Assert.False(loader.TryGetSource(name, out _));
    }

    [Fact]
    public void Absolute_path_to_an_existing_file_inside_the_root_is_still_refused()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("a.html", "a");
        var loader = new FileSystemLoader(dir.Path);

        Assert.Throws<TemplateNotFoundException>(() => loader.GetSource(path));
    }

    [Fact]
    public void A_symbolic_link_to_a_file_outside_the_root_is_not_found()
    {
        using var outer = new TempDirectory();
        var secret = outer.Write("secret.txt", "TOP SECRET");
        var root = outer.Sub("root");
        File.CreateSymbolicLink(Path.Combine(root, "leak.html"), secret);
        var loader = new FileSystemLoader(root);

        var e = Assert.Throws<TemplateNotFoundException>(() => loader.GetSource("leak.html"));

        Assert.Contains("outside", e.Message);
        Assert.False(loader.TryGetSource("leak.html", out _));
        Assert.DoesNotContain("leak.html", loader.ListTemplates());
    }

    [Fact]
    public void A_symbolic_link_to_a_directory_outside_the_root_is_not_followed()
    {
        using var outer = new TempDirectory();
        outer.Write("outside/secret.html", "TOP SECRET");
        var root = outer.Sub("root");
        Directory.CreateSymbolicLink(Path.Combine(root, "linked"), Path.Combine(outer.Path, "outside"));
        var loader = new FileSystemLoader(root);

        Assert.Throws<TemplateNotFoundException>(() => loader.GetSource("linked/secret.html"));
        Assert.Empty(loader.ListTemplates());
    }

    [Fact]
    public void A_relative_symbolic_link_that_climbs_out_of_the_root_is_not_found()
    {
        using var outer = new TempDirectory();
        outer.Write("secret.txt", "TOP SECRET");
        var root = outer.Sub("root");
        var sub = Directory.CreateDirectory(Path.Combine(root, "sub")).FullName;
        File.CreateSymbolicLink(Path.Combine(sub, "up.html"), "../../secret.txt");
        var loader = new FileSystemLoader(root);

        Assert.Throws<TemplateNotFoundException>(() => loader.GetSource("sub/up.html"));
    }

    [Fact]
    public void A_symbolic_link_that_stays_inside_the_root_is_followed()
    {
        using var dir = new TempDirectory();
        dir.Write("real/page.html", "inside");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "alias.html"), Path.Combine(dir.Path, "real", "page.html"));
        var loader = new FileSystemLoader(dir.Path);

        Assert.Equal("inside", loader.GetSource("alias.html").Text);
        Assert.Equal(["alias.html", "real/page.html"], loader.ListTemplates());
    }

    [Fact]
    public void A_root_reached_through_a_symbolic_link_still_serves_its_files()
    {
        using var outer = new TempDirectory();
        outer.Write("real-root/page.html", "ok");
        var linkedRoot = Path.Combine(outer.Path, "linked-root");
        Directory.CreateSymbolicLink(linkedRoot, Path.Combine(outer.Path, "real-root"));
        var loader = new FileSystemLoader(linkedRoot);

        Assert.Equal("ok", loader.GetSource("page.html").Text);
        Assert.Equal(["page.html"], loader.ListTemplates());
    }

    [Fact]
    public void A_symbolic_link_loop_is_not_found_and_does_not_hang()
    {
        using var dir = new TempDirectory();
        File.CreateSymbolicLink(Path.Combine(dir.Path, "a.html"), Path.Combine(dir.Path, "b.html"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "b.html"), Path.Combine(dir.Path, "a.html"));
        var loader = new FileSystemLoader(dir.Path);

        Assert.False(loader.TryGetSource("a.html", out _));
        Assert.Empty(loader.ListTemplates());
    }

    [Fact]
    public void A_directory_link_cycle_inside_the_root_lists_each_file_once_per_path_and_terminates()
    {
        using var dir = new TempDirectory();
        dir.Write("sub/page.html", "x");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "sub", "again"), Path.Combine(dir.Path, "sub"));
        var loader = new FileSystemLoader(dir.Path);

        Assert.Equal(["sub/page.html"], loader.ListTemplates());
    }

    [Fact]
    public void Dot_segments_and_doubled_slashes_are_harmless()
    {
        using var dir = new TempDirectory();
        dir.Write("pages/home.html", "home");
        var loader = new FileSystemLoader(dir.Path);

        Assert.Equal("home", loader.GetSource("./pages//home.html").Text);
    }

    [Fact]
    public void Lists_every_file_of_every_extension_sorted_deduplicated_and_slash_separated()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        first.Write("b.html", "");
        first.Write("a/z.xml", "");
        first.Write("a/notes.txt", "");
        first.Write("Z.md", "");
        second.Write("b.html", "");
        second.Write("c.jinja", "");
        var loader = new FileSystemLoader(first.Path, second.Path);

        Assert.Equal(["Z.md", "a/notes.txt", "a/z.xml", "b.html", "c.jinja"], loader.ListTemplates());
    }

    [Fact]
    public void Listing_skips_hidden_dot_files_and_dot_directories()
    {
        using var dir = new TempDirectory();
        dir.Write("page.html", "");
        dir.Write(".DS_Store", "");
        dir.Write(".git/config", "");
        dir.Write("sub/.page.html.swp", "");
        var loader = new FileSystemLoader(dir.Path);

        Assert.Equal(["page.html"], loader.ListTemplates());
    }

    [Fact]
    public void A_missing_root_lists_nothing_and_finds_nothing()
    {
        var loader = new FileSystemLoader(Path.Combine(Path.GetTempPath(), "kida-missing-" + Guid.NewGuid().ToString("N")));

        Assert.Empty(loader.ListTemplates());
        Assert.Throws<TemplateNotFoundException>(() => loader.GetSource("a.html"));
    }

    [Fact]
    public async Task Async_loading_returns_the_same_source_and_refuses_the_same_names()
    {
        using var dir = new TempDirectory();
        dir.Write("a.html", "async");
        ITemplateLoader loader = new FileSystemLoader(dir.Path);

        Assert.Equal("async", (await loader.GetSourceAsync("a.html", TestContext.Current.CancellationToken)).Text);
        await Assert.ThrowsAsync<TemplateNotFoundException>(async () => await loader.GetSourceAsync("../a.html", TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Many_threads_loading_at_once_all_get_the_file()
    {
        using var dir = new TempDirectory();
        for (var i = 0; i < 8; i++) dir.Write($"t{i}.html", $"template {i}");
        var loader = new FileSystemLoader(dir.Path);
        const int threads = 16;
        using var barrier = new Barrier(threads);
        var results = new string[threads];

        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            barrier.SignalAndWait();
            results[t] = loader.GetSource($"t{t % 8}.html").Text;
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        for (var t = 0; t < threads; t++) Assert.Equal($"template {t % 8}", results[t]);
    }

    [Fact]
    public void The_environment_loads_and_lists_through_the_loader()
    {
        using var dir = new TempDirectory();
        dir.Write("a.html", "x");
        var env = new TemplateEnvironment(new FileSystemLoader(dir.Path));

        Assert.Equal(["a.html"], env.ListTemplates());
    }

    [Fact]
    public void A_file_whose_name_holds_a_backslash_is_not_listed_because_it_could_not_be_loaded()
    {
        if (OperatingSystem.IsWindows()) return; // such a file cannot exist there
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "odd\\name.html"), "x");
        dir.Write("ok.html", "");
        var loader = new FileSystemLoader(dir.Path);

        Assert.Equal(["ok.html"], loader.ListTemplates());
    }

    [Fact]
    public void Every_listed_name_loads()
    {
        using var dir = new TempDirectory();
        dir.Write("a.html", "a");
        dir.Write("deep/er/b.txt", "b");
        dir.Write("with space.html", "c");
        var loader = new FileSystemLoader(dir.Path);

        Assert.All(loader.ListTemplates(), name => Assert.True(loader.TryGetSource(name, out _), name));
    }
}
