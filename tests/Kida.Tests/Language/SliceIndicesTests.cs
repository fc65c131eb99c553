namespace Kida.Tests.Language;

/// <summary>
/// Slices of strings, lists, tuples and ranges take Python's <c>slice.indices</c> (clamped bounds, negative and huge
/// steps, empty results); each slice is built at its exact size. Expected outputs from Jinja2 3.1.6.
/// </summary>
public sealed class SliceIndicesTests
{
    [Theory]
    [InlineData("{{ \"abcdef\"[1:] }}", "bcdef")]
    [InlineData("{{ \"abcdef\"[::-1] }}", "fedcba")]
    [InlineData("{{ \"abcdef\"[-2:] }}", "ef")]
    [InlineData("{{ \"abcdef\"[:-1] }}", "abcde")]
    [InlineData("{{ \"abcdef\"[::2] }}", "ace")]
    [InlineData("{{ \"abcdef\"[5:1:-2] }}", "fd")]
    [InlineData("{{ \"abcdef\"[10:] }}", "")]
    [InlineData("{{ \"abcdef\"[-10:2] }}", "ab")]
    [InlineData("{{ [1,2,3,4,5][1:4:2] }}", "[2, 4]")]
    [InlineData("{{ [1,2,3,4,5][::-2] }}", "[5, 3, 1]")]
    [InlineData("{{ [1,2,3][3:0:-1] }}", "[3, 2]")]
    [InlineData("{{ (1,2,3,4)[1:] }}", "(2, 3, 4)")]
    [InlineData("{{ (1,2,3,4)[::-1] }}", "(4, 3, 2, 1)")]
    [InlineData("{{ [1,2,3][::9223372036854775807] }}", "[1]")]
    [InlineData("{{ [1,2,3][::-9223372036854775807] }}", "[3]")]
    [InlineData("{{ \"ab\"[2:0] }}", "")]
    [InlineData("{{ [][::-1] }}", "[]")]
    [InlineData("{{ \"héllo\"[1:3] }}", "él")]
    [InlineData("{{ range(10)[2:8:3] | list }}", "[2, 5]")]
    public void Slices_take_Pythons_indices(string source, string expected) =>
        Assert.Equal(expected, new TemplateEnvironment().FromString(source).Render());

    [Fact]
    public void A_slice_is_a_new_list_and_a_whole_string_slice_is_the_same_text()
    {
        var list = new List<object?> { 1L, 2L, 3L };
        var env = new TemplateEnvironment();
        Assert.Equal("[1, 2, 3]|[1, 2, 3]|abc", env.FromString("{{ xs[:] }}|{{ xs }}|{{ s[:] }}").Render(new Dictionary<string, object?> { ["xs"] = list, ["s"] = "abc" }));
        var slice = (List<object?>)env.CompileExpression("xs[:]").Evaluate(new Dictionary<string, object?> { ["xs"] = list })!;
        Assert.NotSame(list, slice);
        Assert.Equal(list, slice);
    }

    [Fact]
    public void A_zero_step_is_an_error() =>
        Assert.Contains("slice step cannot be zero",
            Assert.ThrowsAny<TemplateException>(() => new TemplateEnvironment().FromString("{{ 'abc'[::0] }}").Render()).Message);
}
