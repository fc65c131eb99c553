namespace Kida.Tests.Language;

/// <summary>§4.16: ./ and ../ names resolve against the including template; @alias/ names through TemplateAliases.</summary>
public class TemplateNameTests
{
    private static readonly Dictionary<string, string> Files = new()
    {
        ["pages/home.html"] = "{% include './part.html' %}|{% from '../components/card.html' import card %}{{ card() }}",
        ["pages/part.html"] = "part",
        ["components/card.html"] = "{% def card() %}card:{% include './inner.html' %}{% end %}",
        ["components/inner.html"] = "inner",
        ["pages/escape.html"] = "{% include '../../secret.html' %}",
        ["ui/button.html"] = "button",
        ["alias.html"] = "{% include '@ui/button.html' %}",
        ["bad-alias.html"] = "{% include '@nope/button.html' %}",
    };

    [Fact]
    public void Relative_names_resolve_against_the_current_templates_folder() =>
        Assert.Equal("part|card:inner", K.Env(templates: Files).GetTemplate("pages/home.html").Render());

    [Fact]
    public void Climbing_above_the_root_is_not_found() =>
        Assert.Throws<TemplateNotFoundException>(() => K.Env(templates: Files).GetTemplate("pages/escape.html").Render());

    [Fact]
    public void Aliases_expand_through_the_TemplateAliases_option() =>
        Assert.Equal("button", K.Env(templates: Files, configure: o => o with { TemplateAliases = new Dictionary<string, string> { ["ui"] = "ui" } })
            .GetTemplate("alias.html").Render());

    [Fact]
    public void An_unknown_alias_is_not_found() =>
        Assert.Throws<TemplateNotFoundException>(() => K.Env(templates: Files).GetTemplate("bad-alias.html").Render());

    [Fact]
    public void Relative_names_work_in_the_jinja2_dialect_too() =>
        Assert.Equal("part|card:inner", K.Env(TemplateDialect.Jinja2, Files).GetTemplate("pages/home.html").Render());
}
