namespace Kida.Tests.Runtime;

/// <summary>
/// Tags that name a template by a literal remember what it resolved to; clearing the environment's cache must still
/// make them load the template again, and names that depend on the render (variables, relative names) never stick.
/// </summary>
public class TemplateNameSiteTests
{
    private static (TemplateEnvironment Env, Dictionary<string, string> Files) Environment()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["page.html"] = "{% extends 'base.html' %}{% block b %}[{% include 'part.html' %}]{% endblock %}",
            ["base.html"] = "<{% block b %}{% endblock %}>",
            ["part.html"] = "one",
            ["other.html"] = "two",
            ["dyn.html"] = "{% include name %}",
            ["dir/rel.html"] = "{% include './part.html' %}",
            ["dir/part.html"] = "relative",
        };
        var loader = new FunctionLoader(name => files.TryGetValue(name, out var text) ? new TemplateSource(text, name) : null);
        return (new TemplateEnvironment(new TemplateEnvironmentOptions { Loader = loader }), files);
    }

    [Fact]
    public void A_literal_include_and_extends_see_a_changed_template_after_the_cache_is_cleared()
    {
        var (env, files) = Environment();
        var page = env.GetTemplate("page.html");
        Assert.Equal("<[one]>", page.Render());
        Assert.Equal("<[one]>", page.Render());

        files["part.html"] = "ONE";
        files["base.html"] = "«{% block b %}{% endblock %}»";
        env.ClearTemplateCache(["part.html", "base.html"]);

        Assert.Equal("«[ONE]»", page.Render());
    }

    [Fact]
    public void A_name_from_a_variable_is_resolved_on_every_render()
    {
        var (env, _) = Environment();
        var dyn = env.GetTemplate("dyn.html");

        Assert.Equal("one", dyn.Render(new Dictionary<string, object?> { ["name"] = "part.html" }));
        Assert.Equal("two", dyn.Render(new Dictionary<string, object?> { ["name"] = "other.html" }));
    }

    [Fact]
    public void A_relative_name_resolves_against_the_template_that_names_it()
    {
        var (env, _) = Environment();

        Assert.Equal("relative", env.GetTemplate("dir/rel.html").Render());
        Assert.Equal("relative", env.GetTemplate("dir/rel.html").Render());
    }

    [Fact]
    public void Threads_rendering_the_same_page_at_once_all_get_its_layout_and_partial()
    {
        var (env, _) = Environment();
        var page = env.GetTemplate("page.html");
        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = page.Render());
        Assert.All(results, r => Assert.Equal("<[one]>", r));
    }
}
