namespace Kida.Tests.Language;

/// <summary>§4.11: provide / consume.</summary>
public class ProvideTests
{
    [Fact]
    public void Consume_reads_the_innermost_provider_across_def_calls() =>
        Assert.Equal("dark,accent,dark,light", K.Render(
            "{% def btn() %}{{ consume('theme', 'light') }}{% end %}" +
            "{% provide theme = 'dark' %}{{ btn() }},{% provide theme = 'accent' %}{{ btn() }}{% end %},{{ btn() }}{% end %},{{ btn() }}"));

    [Fact]
    public void Providers_reach_slots_and_includes() =>
        Assert.Equal("<t>right|right</t>", K.Render(
            "{% def table() %}{% provide align = 'right' %}<t>{% slot %}</t>{% end %}{% end %}" +
            "{% call table() %}{{ consume('align') }}|{% include 'cell.html' %}{% end %}",
            templates: new() { ["cell.html"] = "{{ consume('align') }}" }));

    [Fact]
    public void Consume_without_provider_gives_the_default_or_none() =>
        Assert.Equal("x|None", K.Render("{{ consume('k', default='x') }}|{{ consume('k') }}"));

    [Fact]
    public void A_provider_is_removed_even_when_its_body_fails() =>
        Assert.Equal("fallback:none", K.Render(
            "{% try %}{% provide k = 'v' %}{{ 1 // 0 }}{% end %}{% fallback %}fallback{% end %}:{{ consume('k', 'none') }}"));

    [Fact]
    public void A_provider_is_removed_after_an_error_that_escapes_the_render()
    {
        var env = K.Env();
        var failing = env.FromString("{% provide k = 'v' %}{{ boom() }}{% end %}");
        Assert.ThrowsAny<TemplateException>(() => failing.Render());
        Assert.Equal("none", env.FromString("{{ consume('k', 'none') }}").Render());
    }
}
