namespace Kida.Tests.Engine;

/// <summary>Subscripts that miss or whose indexer throws; expectations from Jinja2 3.1.6 where it has one.</summary>
public class IndexingErrorsTests
{
    private static string Render(string source, object? model = null) =>
        new TemplateEnvironment().FromString(source).Render(model);

    [Theory]
    [InlineData("[{{ range(5)[9] }}]", "[]")]       // IndexError → undefined, as Jinja2
    [InlineData("[{{ range(5)[-1] }}]", "[4]")]
    [InlineData("[{{ range(5)[-6] is defined }}]", "[False]")]
    [InlineData("[{{ range(2, 10, 3)[2] }}]", "[8]")]
    public void Range_subscripts_behave_as_in_Jinja2(string source, string expected) =>
        Assert.Equal(expected, Render(source));

    public sealed class Throwing
    {
        public string this[int index] => throw new InvalidOperationException($"row {index} is not loaded");
    }

    [Fact]
    public void An_indexer_that_throws_reports_its_own_error_not_reflections_wrapper()
    {
        var e = Assert.ThrowsAny<TemplateException>(() => Render("{{ rows[3] }}", new { rows = new Throwing() }));
        Assert.Contains("row 3 is not loaded", e.Message);
        Assert.DoesNotContain("target of an invocation", e.Message);
    }
}
