namespace Kida.Tests.Runtime.Loaders;

public class CompositeLoaderTests
{
    private static DictLoader Dict(params (string Name, string Text)[] entries) =>
        new(entries.ToDictionary(e => e.Name, e => e.Text));

    [Fact]
    public void Choice_loader_takes_the_first_loader_that_has_the_template()
    {
        var loader = new ChoiceLoader(Dict(("a", "theme")), Dict(("a", "default"), ("b", "default b")));

        Assert.Equal("theme", loader.GetSource("a").Text);
        Assert.Equal("default b", loader.GetSource("b").Text);
    }

    [Fact]
    public void Choice_loader_lists_the_sorted_union()
    {
        var loader = new ChoiceLoader(new List<ITemplateLoader> { Dict(("b", ""), ("a", "")), Dict(("a", ""), ("c", "")) });

        Assert.Equal(["a", "b", "c"], loader.ListTemplates());
    }

    [Fact]
    public void Choice_loader_not_found_names_the_template()
    {
        var e = Assert.Throws<TemplateNotFoundException>(() => new ChoiceLoader(Dict(("a", ""))).GetSource("x"));

        Assert.Equal("x", e.Name);
        Assert.Contains("'x'", e.Message);
    }

    [Fact]
    public void Choice_loader_passes_escape_attempts_on_as_not_found()
    {
        using var dir = new TempDirectory();
        var loader = new ChoiceLoader(new FileSystemLoader(dir.Path), Dict(("a", "")));

        Assert.Throws<TemplateNotFoundException>(() => loader.GetSource("../secret"));
    }

    [Fact]
    public void Prefix_loader_splits_at_the_first_delimiter()
    {
        var loader = new PrefixLoader(new Dictionary<string, ITemplateLoader>
        {
            ["app"] = Dict(("pages/home.html", "app home")),
            ["admin"] = Dict(("home.html", "admin home")),
        });

        Assert.Equal("app home", loader.GetSource("app/pages/home.html").Text);
        Assert.Equal("admin home", loader.GetSource("admin/home.html").Text);
    }

    [Fact]
    public void Prefix_loader_supports_another_delimiter()
    {
        var loader = new PrefixLoader(new Dictionary<string, ITemplateLoader> { ["app"] = Dict(("home.html", "x")) }, ":");

        Assert.Equal("x", loader.GetSource("app:home.html").Text);
        Assert.Equal(["app:home.html"], loader.ListTemplates());
    }

    [Fact]
    public void Prefix_loader_lists_re_prefixed_names_sorted()
    {
        var loader = new PrefixLoader(new Dictionary<string, ITemplateLoader>
        {
            ["b"] = Dict(("x", "")),
            ["a"] = Dict(("z", ""), ("y", "")),
        });

        Assert.Equal(["a/y", "a/z", "b/x"], loader.ListTemplates());
    }

    [Theory]
    [InlineData("nodelimiter")]
    [InlineData("unknown/home.html")]
    [InlineData("app/missing.html")]
    public void Prefix_loader_reports_unknown_prefixes_and_missing_names_with_the_full_name(string name)
    {
        var loader = new PrefixLoader(new Dictionary<string, ITemplateLoader> { ["app"] = Dict(("home.html", "")) });

        var e = Assert.Throws<TemplateNotFoundException>(() => loader.GetSource(name));

        Assert.Equal(name, e.Name);
        Assert.Contains($"'{name}'", e.Message);
        Assert.False(loader.TryGetSource(name, out _));
    }

    [Fact]
    public void Function_loader_returns_what_the_function_returns()
    {
        var loader = new FunctionLoader(name => name == "hello" ? new TemplateSource("Hi", "<function>") : null);

        Assert.Equal("Hi", loader.GetSource("hello").Text);
        Assert.Equal("<function>", loader.GetSource("hello").FileName);
        var e = Assert.Throws<TemplateNotFoundException>(() => loader.GetSource("other"));
        Assert.Equal("other", e.Name);
        Assert.Empty(loader.ListTemplates());
    }
}
