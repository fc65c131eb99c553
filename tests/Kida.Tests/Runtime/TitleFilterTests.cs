
namespace Kida.Tests.Runtime;

/// <summary>
/// <c>|title</c> against Jinja2 3.1.6 (expectations printed by it): the ASCII fast path must split words exactly where
/// Jinja2's <c>([-\s({\[&lt;]+)</c> does — including the separators \x1c–\x1f, which Python's \s matches and .NET's
/// does not — and non-ASCII text keeps Python's case mapping.
/// </summary>
public class TitleFilterTests
{
    [Theory]
    [InlineData("hello world", "Hello World")]
    [InlineData("hELLO wORLD-foo(bar)baz", "Hello World-Foo(Bar)baz")]
    [InlineData("  x  y", "  X  Y")]
    [InlineData("a-b-c", "A-B-C")]
    [InlineData("foo[bar]<baz>{q}", "Foo[Bar]<Baz>{Q}")]
    [InlineData("tab\there\nnew\rline\fform\u000bvt", "Tab\tHere\nNew\rLine\fForm\u000bVt")]
    [InlineData("", "")]
    [InlineData("ab12cd 3ef", "Ab12cd 3ef")]
    [InlineData("it's o'neil", "It's O'neil")]
    [InlineData("x\u001cy\u001dz\u001ew\u001fv", "X\u001cY\u001dZ\u001eW\u001fV")]
    [InlineData("--a", "--A")]
    [InlineData("\u00c9COLE \u00e9l\u00e8ve", "\u00c9cole \u00c9l\u00e8ve")]
    [InlineData("stra\u00dfe ma\u00dfe", "Stra\u00dfe Ma\u00dfe")]
    [InlineData("\u01c6emal", "\u01c4emal")]
    [InlineData("MiXeD-cAsE (yes)", "Mixed-Case (Yes)")]
    public void Title_matches_jinja2(string input, string expected)
    {
        var template = new TemplateEnvironment().FromString("{{ s|title }}");
        Assert.Equal(expected, template.Render(new Dictionary<string, object?> { ["s"] = input }));
    }
}
