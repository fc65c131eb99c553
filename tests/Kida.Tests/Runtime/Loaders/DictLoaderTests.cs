namespace Kida.Tests.Runtime.Loaders;

public class DictLoaderTests
{
    private static DictLoader Loader() => new(new Dictionary<string, string>
    {
        ["base.html"] = "<html>{% block body %}{% endblock %}</html>",
        ["pages/home.html"] = "home",
        ["about.html"] = "about",
    });

    [Fact]
    public void Returns_the_text_with_no_file_name()
    {
        var source = Loader().GetSource("pages/home.html");

        Assert.Equal("home", source.Text);
        Assert.Null(source.FileName);
    }

    [Fact]
    public void Not_found_message_suggests_the_closest_name()
    {
        var e = Assert.Throws<TemplateNotFoundException>(() => Loader().GetSource("bse.html"));

        Assert.Equal("bse.html", e.Name);
        Assert.Contains("'bse.html'", e.Message);
        Assert.Contains("did you mean 'base.html'?", e.Message);
        Assert.Equal("did you mean 'base.html'?", e.Suggestion);
    }

    [Fact]
    public void Not_found_message_has_no_suggestion_when_nothing_is_close()
    {
        var e = Assert.Throws<TemplateNotFoundException>(() => Loader().GetSource("zzzzzzzzzzzz"));

        Assert.Null(e.Suggestion);
        Assert.DoesNotContain("did you mean", e.Message);
    }

    [Fact]
    public void Lists_names_sorted_ordinally()
    {
        Assert.Equal(["about.html", "base.html", "pages/home.html"], Loader().ListTemplates());
    }

    [Fact]
    public void Later_changes_to_the_callers_dictionary_are_not_seen()
    {
        var map = new Dictionary<string, string> { ["a"] = "1" };
        var loader = new DictLoader(map);
        map["a"] = "2";
        map["b"] = "3";

        Assert.Equal("1", loader.GetSource("a").Text);
        Assert.False(loader.TryGetSource("b", out _));
    }
}
