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

/// <summary>A groupby group is a tuple (Jinja2's namedtuple): equal to the tuple of its fields, not to a list.</summary>
public class GroupTupleEqualityTests
{
    [Fact]
    public void A_group_equals_its_tuple_and_not_a_list()
    {
        const string source = "{% for g in [{'a':1},{'a':2}]|groupby('a') %}{{ g == (g.grouper, g.list) }}{{ g == [g.grouper, g.list] }}{{ (g.grouper, g.list) == g }}{{ g in [(1, [{'a':1}])] }}|{% endfor %}";
        // Jinja2 3.1.6: TrueFalseTrueTrue|TrueFalseTrueFalse|
        Assert.Equal("TrueFalseTrueTrue|TrueFalseTrueFalse|", new TemplateEnvironment().FromString(source).Render());
    }
}
