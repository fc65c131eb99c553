namespace Kida.Tests.Language;

/// <summary>§4.13: try / fallback.</summary>
public class ErrorBoundaryTests
{
    [Fact]
    public void Try_discards_the_partial_output_of_a_failing_body() =>
        Assert.Equal("[safe]", K.Render("[{% try %}partial {{ 1 // 0 }} more{% fallback %}safe{% end %}]"));

    [Fact]
    public void Try_keeps_the_output_of_a_body_that_succeeds() =>
        Assert.Equal("[ok]", K.Render("[{% try %}ok{% fallback %}safe{% end %}]"));

    [Fact]
    public void The_fallback_sees_the_error() =>
        Assert.Equal("UndefinedError: 'ghost' is undefined", K.Render("{% try %}{{ ghost }}{% fallback err %}{{ err.type }}: {{ err.message }}{% end %}"));

    [Fact]
    public void Error_boundaries_nest() =>
        Assert.Equal("a(inner)b", K.Render("{% try %}a{% try %}{{ x.y.z }}{% fallback %}(inner){% end %}b{% fallback %}outer{% end %}"));

    [Fact]
    public void Syntax_errors_are_not_caught() =>
        Assert.Throws<TemplateSyntaxException>(() => K.Render("{% try %}{{ 1 + }}{% fallback %}x{% end %}"));

    [Fact]
    public void Errors_inside_def_calls_are_caught_and_the_render_continues() =>
        Assert.Equal("x-after", K.Render("{% def f() %}{{ missing }}{% end %}{% try %}{{ f() }}{% fallback %}x{% end %}-after"));
}
