using Kida.Workers;

namespace Kida.Tests.Workers;

/// <summary>Weights come from the compiled template's structure, so these need the engine's compiler.</summary>
public class TemplateWeightTests
{
    private const double Tolerance = 1e-9;

    private static readonly TemplateEnvironment Env = new(new DictLoader(new Dictionary<string, string>
    {
        ["base.html"] = "<html>{% block a %}{% endblock %}</html>",
        ["part.html"] = "part",
    }));

    private static double Weigh(string source) => WorkerTuning.EstimateTemplateWeight(Env.FromString(source));

    [Fact]
    public void A_plain_small_template_weighs_1()
    {
        Assert.Equal(1.0, Weigh("Hello {{ name }}"), Tolerance);
    }

    [Fact]
    public void Source_above_5000_characters_adds_half_per_5_kb()
    {
        Assert.Equal(1.0, Weigh(new string('x', 5000)), Tolerance);
        Assert.Equal(1.5, Weigh(new string('x', 10_000)), Tolerance);
        Assert.Equal(1.25, Weigh(new string('x', 7_500)), Tolerance);
    }

    [Fact]
    public void Blocks_beyond_three_add_a_tenth_each()
    {
        static string Blocks(int n) => string.Concat(Enumerable.Range(0, n).Select(i => $"{{% block b{i} %}}x{{% endblock %}}"));

        Assert.Equal(1.0, Weigh(Blocks(3)), Tolerance);
        Assert.Equal(1.2, Weigh(Blocks(5)), Tolerance);
    }

    [Fact]
    public void Each_macro_adds_a_fifth()
    {
        Assert.Equal(1.4, Weigh("{% macro a() %}a{% endmacro %}{% macro b() %}b{% endmacro %}"), Tolerance);
    }

    [Fact]
    public void A_kida_def_counts_as_a_macro()
    {
        Assert.Equal(1.2, Weigh("{% def a() %}a{% end %}"), Tolerance);
    }

    [Fact]
    public void Whitespace_controlled_tags_count_like_plain_ones()
    {
        Assert.Equal(1.2, Weigh("{%- macro a() -%}a{%- endmacro -%}"), Tolerance);
    }

    [Fact]
    public void Extending_a_template_adds_a_half()
    {
        Assert.Equal(1.5, Weigh("{% extends \"base.html\" %}"), Tolerance);
    }

    [Fact]
    public void Extending_a_template_chosen_at_run_time_also_adds_a_half()
    {
        var template = Env.FromString("{% extends layout %}");
        Assert.Equal("layout", template.Parent);
        Assert.Equal(1.5, WorkerTuning.EstimateTemplateWeight(template), Tolerance);
    }

    [Fact]
    public void Each_include_adds_fifteen_hundredths()
    {
        Assert.Equal(1.3, Weigh("{% include \"part.html\" %}{% include \"part.html\" %}"), Tolerance);
    }

    [Fact]
    public void Tags_inside_text_or_comments_do_not_count()
    {
        Assert.Equal(1.0, Weigh("{# {% include \"part.html\" %} #}{% raw %}{% macro m() %}{% endmacro %}{% endraw %}"), Tolerance);
    }

    [Fact]
    public void All_factors_add_up()
    {
        var source = "{% extends \"base.html\" %}"
            + string.Concat(Enumerable.Range(0, 5).Select(i => $"{{% block b{i} %}}{{% include \"part.html\" %}}{{% endblock %}}"))
            + "{% macro m() %}{% endmacro %}";

        // 1 + 0.5 (extends) + 0.2 (blocks 4 and 5) + 0.2 (macro) + 5 × 0.15 (includes)
        Assert.Equal(2.65, Weigh(source), Tolerance);
    }

    [Fact]
    public void The_weight_is_capped_at_5()
    {
        var heavy = string.Concat(Enumerable.Range(0, 40).Select(i => $"{{% macro m{i}() %}}{{% endmacro %}}"));

        Assert.Equal(5.0, Weigh(heavy), Tolerance);
        Assert.Equal(5.0, Weigh(new string('x', 200_000)), Tolerance);
    }

    [Fact]
    public void Order_by_complexity_puts_the_heaviest_first_and_keeps_ties_in_input_order()
    {
        var light1 = Env.FromString("a", "light1");
        var heavy = Env.FromString("{% extends \"base.html\" %}", "heavy");
        var light2 = Env.FromString("b", "light2");
        var medium = Env.FromString("{% include \"part.html\" %}", "medium");
        var light3 = Env.FromString("c", "light3");
        var input = new[] { light1, heavy, light2, medium, light3 };

        Assert.Equal(["heavy", "medium", "light1", "light2", "light3"], WorkerTuning.OrderByComplexity(input).Select(t => t.Name));
        Assert.Equal(["light1", "light2", "light3", "medium", "heavy"], WorkerTuning.OrderByComplexity(input, descending: false).Select(t => t.Name));
    }

    [Fact]
    public void Order_by_complexity_returns_a_new_list_and_leaves_the_input_alone()
    {
        var a = Env.FromString("a", "a");
        var b = Env.FromString("{% include \"part.html\" %}", "b");
        var input = new List<Template> { a, b };

        var ordered = WorkerTuning.OrderByComplexity(input);

        Assert.NotSame(input, ordered);
        Assert.Equal([a, b], input);
        Assert.Equal([b, a], ordered);
    }

    [Fact]
    public void Templates_of_equal_weight_keep_their_order_whatever_the_direction()
    {
        var same = Enumerable.Range(0, 20).Select(i => Env.FromString($"t{i}", $"t{i}")).ToList();

        Assert.Equal(same, WorkerTuning.OrderByComplexity(same));
        Assert.Equal(same, WorkerTuning.OrderByComplexity(same, descending: false));
    }

    [Fact]
    public void Ordering_nothing_gives_an_empty_list()
    {
        Assert.Empty(WorkerTuning.OrderByComplexity([]));
    }
}
