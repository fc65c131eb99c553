namespace Kida.Tests.Language;

/// <summary>§4.7, §4.8 and the partial rendering API: region, fragment, globals, block metadata and guards, RenderBlock.</summary>
public class RegionTests
{
    private const string Page =
        "{% globals %}{% def badge(t) %}[{{ t }}]{% end %}{% end %}" +
        "{% region sidebar(section, current=page) %}<nav>{{ section }}:{{ current }}{{ badge('s') }}</nav>{% end %}" +
        "{% fragment toast %}<p>{{ message }}</p>{% end %}" +
        "<main>{{ sidebar(section='API') }}{% block body %}B{% end %}</main>";

    [Fact]
    public void A_region_is_callable_and_renders_nothing_in_place() =>
        Assert.Equal("<main><nav>API:Home[s]</nav>B</main>", K.Render(Page, K.Ctx(("page", "Home"))));

    [Fact]
    public void A_region_renders_alone_through_RenderBlock_with_arguments_from_the_context() =>
        Assert.Equal("<nav>Docs:About[s]</nav>",
            K.Env().FromString(Page, "page.html").RenderBlock("sidebar", K.Ctx(("section", "Docs"), ("page", "About"))));

    [Fact]
    public void Region_defaults_are_evaluated_at_call_time() =>
        Assert.Equal("<nav>x:override[s]</nav>",
            K.Env().FromString(Page).RenderBlock("sidebar", K.Ctx(("section", "x"), ("current", "override"), ("page", "ignored"))));

    [Fact]
    public void A_fragment_is_skipped_by_full_renders_and_produced_by_RenderBlock()
    {
        var t = K.Env().FromString(Page);
        Assert.DoesNotContain("<p>", t.Render(K.Ctx(("page", "p"))));
        Assert.Equal("<p>saved</p>", t.RenderBlock("toast", K.Ctx(("message", "saved"))));
    }

    [Fact]
    public void RenderBlock_reaches_inherited_blocks_and_overrides()
    {
        var env = K.Env(templates: new()
        {
            ["base.html"] = "<{% block a %}base-a{% end %}|{% block b %}base-b{% end %}>",
            ["child.html"] = "{% extends 'base.html' %}{% block a %}child-a+{{ super() }}{% end %}",
        });
        var child = env.GetTemplate("child.html");
        Assert.Equal("child-a+base-a", child.RenderBlock("a"));
        Assert.Equal("base-b", child.RenderBlock("b"));
    }

    [Fact]
    public void RenderBlock_of_an_unknown_name_is_a_runtime_error() =>
        Assert.Throws<TemplateRuntimeException>(() => K.Env().FromString("{% block a %}{% end %}").RenderBlock("nope"));

    [Theory]
    [InlineData(true, "[chart]")]
    [InlineData(false, "[]")]
    public void A_false_block_guard_renders_nothing(bool show, string expected) =>
        Assert.Equal(expected, K.Render("[{% block chart enhanced=\"sse\" if show %}chart{% end %}]", K.Ctx(("show", show))));

    [Fact]
    public void RenderBlock_ignores_guards() =>
        Assert.Equal("chart", K.Env().FromString("{% block chart if show %}chart{% end %}").RenderBlock("chart", K.Ctx(("show", false))));

    [Fact]
    public void The_parents_guard_decides_and_an_overrides_guard_is_ignored()
    {
        var env = K.Env(templates: new()
        {
            ["base.html"] = "[{% block a if on %}base{% end %}]",
            ["child.html"] = "{% extends 'base.html' %}{% block a if false %}child{% end %}",
        });
        Assert.Equal("[child]", env.GetTemplate("child.html").Render(K.Ctx(("on", true))));
        Assert.Equal("[]", env.GetTemplate("child.html").Render(K.Ctx(("on", false))));
    }

    [Fact]
    public void Block_metadata_is_kept_on_the_block()
    {
        var t = K.Env().FromString("{% block chart enhanced=\"sse\" priority=2 %}{% end %}");
        var root = (Kida.Syntax.Statements.StatementList)typeof(Template)
            .GetProperty("Root", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(t)!;
        var block = Assert.IsType<Kida.Syntax.Statements.BlockStatement>(root.Items[0]);
        Assert.Equal("sse", block.Metadata["enhanced"]);
        Assert.Equal(2L, block.Metadata["priority"]);
    }
}
