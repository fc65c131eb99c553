using Kida.Lexing;

namespace Kida.Tests.Language;

/// <summary>
/// The syntax options of the environment through the public API: what is refused when the environment is built
/// (Jinja2 asserts the same), and the errors a template gets under custom delimiters. Rendering behaviour itself is
/// pinned from Jinja2 in Conformance/cases/environment.json (tests/tools/pin_jinja_environment.py).
/// </summary>
public class EnvironmentSyntaxTests
{
    private static TemplateEnvironment Env(Func<TemplateEnvironmentOptions, TemplateEnvironmentOptions> configure) =>
        new(configure(TemplateEnvironmentOptions.Default));

    [Fact]
    public void Default_options_take_the_fast_path()
    {
        var env = new TemplateEnvironment();
        Assert.Same(Delimiters.Default, env.Options.Delimiters);
        Assert.Null(env.LexerOptions.Syntax);
        Assert.Equal("\n", env.Options.NewlineSequence);
        Assert.Null(Env(o => o with { NewlineSequence = "\r\n" }).LexerOptions.Syntax);
        Assert.NotNull(Env(o => o with { LineCommentPrefix = "##" }).LexerOptions.Syntax);
        Assert.NotNull(Env(o => o with { Delimiters = Delimiters.Default with { VariableStart = "${", VariableEnd = "}" } }).LexerOptions.Syntax);
    }

    [Fact]
    public void Delimiters_equal_to_the_defaults_are_the_default_syntax()
    {
        var env = Env(o => o with { Delimiters = new Delimiters() });
        Assert.Null(env.LexerOptions.Syntax);
        Assert.Equal(Delimiters.Default, new Delimiters());
    }

    [Theory]
    [InlineData("", "%}", "{{", "}}", "{#", "#}", "BlockStart")]
    [InlineData("{%", "", "{{", "}}", "{#", "#}", "BlockEnd")]
    [InlineData("{%", "%}", "", "}}", "{#", "#}", "VariableStart")]
    [InlineData("{%", "%}", "{{", "", "{#", "#}", "VariableEnd")]
    [InlineData("{%", "%}", "{{", "}}", "", "#}", "CommentStart")]
    [InlineData("{%", "%}", "{{", "}}", "{#", "", "CommentEnd")]
    [InlineData("{{", "%}", "{{", "}}", "{#", "#}", "must be different")]
    [InlineData("{%", "%}", "{#", "}}", "{#", "#}", "must be different")]
    [InlineData("<%", "%>", "<%", "%>", "<%#", "%>", "must be different")]
    public void Invalid_delimiters_are_refused_when_the_environment_is_built(string bs, string be, string vs, string ve, string cs, string ce, string message)
    {
        var d = new Delimiters { BlockStart = bs, BlockEnd = be, VariableStart = vs, VariableEnd = ve, CommentStart = cs, CommentEnd = ce };
        var e = Assert.Throws<ArgumentException>(() => Env(o => o with { Delimiters = d }));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Null_delimiters_and_strings_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Env(o => o with { Delimiters = null! }));
        Assert.Throws<ArgumentException>(() => Env(o => o with { Delimiters = Delimiters.Default with { BlockEnd = null! } }));
    }

    [Fact]
    public void Block_start_may_equal_comment_start_as_in_jinja2()
    {
        // Jinja2's check is block != variable != comment (chained): the comment rule then wins every "{%" (Jinja2: "ac").
        var env = Env(o => o with { Delimiters = Delimiters.Default with { CommentStart = "{%", CommentEnd = "%}" } });
        Assert.Equal("ac", env.RenderString("a{% if x %}c"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\t")]
    [InlineData("\n\r")]
    [InlineData("\n\n")]
    public void Newline_sequence_must_be_one_of_the_three(string sequence)
    {
        var e = Assert.Throws<ArgumentException>(() => Env(o => o with { NewlineSequence = sequence }));
        Assert.Contains("NewlineSequence", e.Message);
    }

    [Fact]
    public void Empty_line_prefixes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Env(o => o with { LineStatementPrefix = "" }));
        Assert.Throws<ArgumentException>(() => Env(o => o with { LineCommentPrefix = "" }));
    }

    [Fact]
    public void Unclosed_tags_name_the_configured_end_string()
    {
        var env = Env(o => o with { Delimiters = new Delimiters { BlockStart = "<%", BlockEnd = "%>", VariableStart = "<%=", VariableEnd = "%>", CommentStart = "<%#", CommentEnd = "%>" } });
        var e = Assert.Throws<TemplateSyntaxException>(() => env.FromString("line\n<%= x ", "t.txt"));
        Assert.Contains("'%>'", e.Message);
        Assert.Equal(2, e.Line);
        var c = Assert.Throws<TemplateSyntaxException>(() => env.FromString("<%# never closed"));
        Assert.Contains("'%>'", c.Message);
        var r = Assert.Throws<TemplateSyntaxException>(() => env.FromString("<% raw %>x"));
        Assert.Contains("endraw", r.Message);
    }

    [Fact]
    public void Line_statement_with_an_open_bracket_at_the_end_is_a_syntax_error()
    {
        var env = Env(o => o with { LineStatementPrefix = "#" });
        Assert.Throws<TemplateSyntaxException>(() => env.FromString("# for x in [1,"));
        Assert.Equal("1|\n2|\n", env.RenderString("# for x in [1,\n 2]\n{{ x }}|\n# endfor"));
    }

    [Fact]
    public void Line_statement_tokens_locate_errors_on_their_line()
    {
        var env = Env(o => o with { LineStatementPrefix = "%" });
        var e = Assert.Throws<TemplateSyntaxException>(() => env.FromString("a\nb\n% frobnicate\n"));
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Options_are_one_environment_each()
    {
        // The lexer settings are compiled once per environment and do not leak between environments.
        var asp = Env(o => o with { Delimiters = Delimiters.Default with { VariableStart = "<%=", VariableEnd = "%>" } });
        var plain = new TemplateEnvironment();
        // Expected outputs from Jinja2 3.1.6.
        Assert.Equal("3|{{ 1 + 2 }}", asp.RenderString("<%= 1 + 2 %>|{{ 1 + 2 }}"));
        Assert.Equal("<%= 1 + 2 %>|3", plain.RenderString("<%= 1 + 2 %>|{{ 1 + 2 }}"));
    }

    [Fact]
    public void Kida_dialect_keeps_its_trailing_dot_floats_and_ascii_names()
    {
        var kida = Env(o => o with { Dialect = TemplateDialect.Kida });
        Assert.Equal("2.0", kida.RenderString("{{ 2. }}"));
        Assert.Throws<TemplateSyntaxException>(() => new TemplateEnvironment().FromString("{{ 2. }}"));
        Assert.False(kida.LexerOptions.UnicodeNames);
        Assert.True(new TemplateEnvironment().LexerOptions.UnicodeNames);
    }
}
