namespace Kida.Tests.Runtime.Loaders;

/// <summary>select_template, get_or_select_template and filtered list_templates; expectations from Jinja2 3.1.6.</summary>
public class SelectTemplateTests
{
    private static TemplateEnvironment Env(Dictionary<string, string>? extra = null)
    {
        var templates = new Dictionary<string, string> { ["b.html"] = "B", ["c.txt"] = "C", ["d/e.html"] = "E" };
        foreach (var kv in extra ?? []) templates[kv.Key] = kv.Value;
        return new TemplateEnvironment(new DictLoader(templates));
    }

    [Fact]
    public void The_first_existing_name_wins()
    {
        Assert.Equal("b.html", Env().SelectTemplate(["x.html", "b.html"]).Name);
        Assert.Equal("b.html", Env().GetOrSelectTemplate("b.html").Name);
        Assert.Equal("c.txt", Env().GetOrSelectTemplate(["z", "c.txt"]).Name);
    }

    [Fact]
    public void None_found_names_them_all_as_Jinja2_does()
    {
        var e = Assert.Throws<TemplateNotFoundException>(() => Env().SelectTemplate(["x.html", "y.html"]));
        Assert.Equal("none of the templates given were found: x.html, y.html", e.Reason);
        Assert.Equal("y.html", e.Name);
        var empty = Assert.Throws<TemplateNotFoundException>(() => Env().SelectTemplate([]));
        Assert.Equal("Tried to select from an empty list of templates.", empty.Reason);
    }

    [Fact]
    public void A_template_that_exists_but_does_not_compile_is_raised_not_skipped()
    {
        var env = Env(new() { ["bad.html"] = "{% if %}" });
        Assert.Throws<TemplateSyntaxException>(() => env.SelectTemplate(["bad.html", "b.html"]));
    }

    [Fact]
    public void List_templates_filters_by_extension_or_predicate_but_not_both()
    {
        Assert.Equal(["b.html", "d/e.html"], Env().ListTemplates(["html"]));
        Assert.Equal(["d/e.html"], Env().ListTemplates(null, n => n.StartsWith('d')));
        Assert.Throws<ArgumentException>(() => Env().ListTemplates(["html"], _ => true));
    }
}
