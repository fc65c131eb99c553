using Kida.Cli.Site;
using Kida.Runtime.Values;

namespace Kida.Tests.Cli;

/// <summary>Front matter and data files become plain engine values with YAML 1.2 core-schema types.</summary>
public sealed class SiteValuesTests
{
    [Fact]
    public void Plain_yaml_scalars_become_numbers_booleans_and_null_while_quoted_ones_stay_text()
    {
        var value = SiteLoader.ParseDocument("a: 1\nb: 1.5\nc: true\nd: ~\ne: '1'\nf: 2026-01-10\ng: [x, 2]\n", ".yaml", "x.yaml", 1, out var problem);

        Assert.Null(problem);
        var dict = Assert.IsType<PyDict>(value);
        Assert.Equal(1L, dict["a"]);
        Assert.Equal(1.5, dict["b"]);
        Assert.Equal(true, dict["c"]);
        Assert.Null(dict["d"]);
        Assert.Equal("1", dict["e"]);
        Assert.Equal("2026-01-10", dict["f"]);
        Assert.Equal(new List<object?> { "x", 2L }, dict["g"]);
    }

    [Fact]
    public void Json_integers_stay_integers()
    {
        var value = (PyDict)SiteLoader.ParseDocument("{\"n\": 3, \"x\": 3.5}", ".json", "x.json", 1, out _)!;
        Assert.Equal(3L, value["n"]);
        Assert.Equal(3.5, value["x"]);
    }

    [Fact]
    public void A_yaml_error_in_front_matter_is_located_at_its_line_in_the_file()
    {
        var file = "---\ntitle: ok\nbad: : :\n---\nbody";
        var split = FrontMatter.Split(file);
        SiteLoader.ParseDocument(split.Yaml!, ".yaml", "p.md", FrontMatter.FirstYamlLine, out var problem, file);

        Assert.NotNull(problem);
        Assert.Equal(3, problem.Line);
        Assert.Equal("bad: : :", problem.SourceLine);
    }

    [Fact]
    public void Front_matter_is_split_from_the_markdown_body()
    {
        var split = FrontMatter.Split("---\ntitle: x\n---\n# Body\n");
        Assert.Equal("title: x\n", split.Yaml);
        Assert.Equal("---\ntitle: x\n---\n".Length, split.BodyOffset);
        Assert.Null(FrontMatter.Split("# No front matter\n").Yaml);
    }
}
