namespace Kida.Tests.Runtime.Loaders;

/// <summary>spec/API.md: an environment without a loader raises K-RUN-016 when a template is asked for by name.</summary>
public class NoLoaderTests
{
    [Fact]
    public void GetTemplate_without_a_loader_raises_the_no_loader_code()
    {
        var e = Assert.Throws<TemplateNotFoundException>(() => new TemplateEnvironment().GetTemplate("page.html"));
        Assert.Equal("K-RUN-016", e.Code);
        Assert.Equal("page.html", e.Name);
        Assert.Contains("no loader is configured", e.Message);
    }

    [Fact]
    public void An_include_without_a_loader_raises_it_while_rendering()
    {
        var template = new TemplateEnvironment().FromString("{% include 'part.html' %}", "main.html");
        var e = Assert.Throws<TemplateNotFoundException>(() => template.Render());
        Assert.Equal("K-RUN-016", e.Code);
    }

    [Fact]
    public void A_loader_that_lacks_the_template_keeps_the_not_found_code()
    {
        var env = new TemplateEnvironment(new DictLoader(new Dictionary<string, string>()));
        Assert.Equal("K-TPL-001", Assert.Throws<TemplateNotFoundException>(() => env.GetTemplate("x.html")).Code);
    }
}
