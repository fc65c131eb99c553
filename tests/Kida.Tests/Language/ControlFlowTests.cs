namespace Kida.Tests.Language;

/// <summary>§4.3 and §4.4: unless, while, match/case.</summary>
public class ControlFlowTests
{
    [Theory]
    [InlineData(false, "shown")]
    [InlineData(true, "other")]
    public void Unless_renders_when_the_condition_is_false(bool flag, string expected) =>
        Assert.Equal(expected, K.Render("{% unless flag %}shown{% else %}other{% end %}", K.Ctx(("flag", flag))));

    [Fact]
    public void While_repeats_until_the_condition_is_false() =>
        Assert.Equal("012", K.Render("{% let i = 0 %}{% while i < 3 %}{{ i }}{% let i = i + 1 %}{% end %}"));

    [Fact]
    public void While_honours_break_and_continue() =>
        Assert.Equal("1245", K.Render(
            "{% let i = 0 %}{% while true %}{% let i = i + 1 %}{% if i == 3 %}{% continue %}{% end %}{% if i > 5 %}{% break %}{% end %}{{ i }}{% endwhile %}"));

    [Theory]
    [InlineData("active", "A")]
    [InlineData("pending", "P")]
    [InlineData("gone", "other:gone")]
    public void Match_renders_the_first_case_that_matches(string status, string expected) =>
        Assert.Equal(expected, K.Render(
            "{% match status %}{% case 'active' %}A{% case 'pending' %}P{% case _ %}other:{{ status }}{% end %}",
            K.Ctx(("status", status))));

    [Fact]
    public void Match_with_no_matching_case_renders_nothing() =>
        Assert.Equal("[]", K.Render("[{% match 5 %}{% case 1 %}one{% case 2 %}two{% endmatch %}]"));

    [Fact]
    public void A_bare_name_pattern_binds_the_subject() =>
        Assert.Equal("got 42", K.Render("{% match n %}{% case 0 %}zero{% case other %}got {{ other }}{% end %}", K.Ctx(("n", 42L))));

    [Fact]
    public void Guards_refine_a_case() =>
        Assert.Equal("big", K.Render("{% match n %}{% case x if x > 10 %}big{% case _ %}small{% end %}", K.Ctx(("n", 42L))));

    [Fact]
    public void Match_without_subject_chooses_by_guards() =>
        Assert.Equal("admin", K.Render(
            "{% match %}{% case _ if user.admin %}admin{% case _ %}user{% end %}",
            K.Ctx(("user", K.Ctx(("admin", true))))));

    [Fact]
    public void Comma_patterns_match_a_tuple_of_that_length() =>
        Assert.Equal("origin|x-axis|other", string.Join("|", new[] { (0L, 0L), (3L, 0L), (1L, 1L) }.Select(p => K.Render(
            "{% match x, y %}{% case 0, 0 %}origin{% case _, 0 %}x-axis{% case _ %}other{% end %}", K.Ctx(("x", p.Item1), ("y", p.Item2))))));

    [Fact]
    public void A_dict_pattern_is_whole_value_equality() =>
        Assert.Equal("no", K.Render("{% match d %}{% case {'role': 'admin'} %}yes{% case _ %}no{% end %}",
            K.Ctx(("d", K.Ctx(("role", "admin"), ("id", 1L))))));

    [Fact]
    public void Only_cases_may_appear_directly_inside_match() =>
        Assert.Throws<TemplateSyntaxException>(() => K.Render("{% match x %}text{% case 1 %}one{% end %}"));
}
