using Kida.Runtime.Values;

namespace Kida.Tests.Engine;

/// <summary>
/// Issue #17/#18: the compiled tier reads <c>obj[key]</c> and decides single comparisons (<c>a == b</c>, <c>a in b</c>,
/// <c>a &lt; b</c> …) itself instead of calling the interpreter's nodes. Each case renders on the interpreter and on the
/// compiled tier (threshold 0) and must give the same text, or the same error with the same location.
/// </summary>
public class CompiledItemAndCompareTests
{
    private static string Run(TemplateEnvironment env, string source, object? model)
    {
        try
        {
            return env.FromString(source, "page.html").Render(model);
        }
        catch (TemplateException e)
        {
            return $"{e.GetType().Name} at {e.Line}:{e.Column}: {e.Message}";
        }
    }

    private static void Same(string source, object? model, string? expected = null, UndefinedBehavior undefined = UndefinedBehavior.Default)
    {
        var options = new TemplateEnvironmentOptions { Autoescape = true, UndefinedBehavior = undefined };
        var interpreted = Run(new TemplateEnvironment(options with { TieredCompilation = false }), source, model);
        var compiled = Run(new TemplateEnvironment(options with { TieredCompilationThreshold = 0 }), source, model);
        Assert.Equal(interpreted, compiled);
        if (expected is not null) Assert.Equal(expected, interpreted);
    }

    private static PyDict Message(string role, object? content)
    {
        var d = new PyDict();
        d["role"] = role;
        d["content"] = content;
        return d;
    }

    public static TheoryData<string> ItemSources =>
    [
        "{% for m in messages %}{{ m['role'] }}:{{ m['content'] }}|{% endfor %}",
        "{{ messages[0]['role'] }} {{ messages[-1]['content'] }} {{ messages[1]['missing'] }}.",
        "{{ plain['a'] }} {{ plain['n'] }} {{ plain['none'] }} {{ plain['list'][1] }} {{ plain['nested']['x'] }}",
        "{{ text[0] }}{{ text[-1] }}{{ (text[9] is undefined) }}{{ tuple[1] }}{{ range(5)[2] }}",
        "{% set k = 'a' %}{{ plain[k] }}{{ plain[k ~ ''] }}{{ messages[0][key] }}",
        "{{ nothing['x'] is undefined }}{{ none_value['x'] }}",
        "{{ messages[0]['role']['x'] }}",
        "{{ plain['obj'].Name }} {{ plain['obj']['Name'] }}",
    ];

    private static Dictionary<string, object?> Model() => new()
    {
        ["messages"] = new List<object?> { Message("system", "be <brief>"), Message("user", "hi"), Message("assistant", new Markup("<b>ok</b>")) },
        ["plain"] = new Dictionary<string, object?>
        {
            ["a"] = "A&", ["n"] = 3, ["none"] = null, ["list"] = new List<object?> { 1L, 2L }, ["nested"] = new Dictionary<string, object?> { ["x"] = 'x' },
            ["obj"] = new Person("Ann"),
        },
        ["text"] = "héllo",
        ["tuple"] = new PyTuple([1L, "two"]),
        ["key"] = "content",
        ["none_value"] = null,
    };

    public sealed record Person(string Name);

    [Theory]
    [MemberData(nameof(ItemSources))]
    public void Item_reads_are_the_same_on_both_tiers(string source)
    {
        Same(source, Model());
        Same(source, Model(), undefined: UndefinedBehavior.Strict);
    }

    [Fact]
    public void A_chat_style_template_prints_the_same()
    {
        Same("{% for m in messages %}{% if m['role'] == 'system' and 'tools' in m %}T{% elif m['role'] != 'user' %}<{{ m['role'] }}>{% endif %}{{ m['content'] }}{% endfor %}",
            Model(), "<system>be &lt;brief&gt;hi<assistant><b>ok</b>");
    }

    public static TheoryData<string> CompareSources =>
    [
        "{% if a == 1 %}eq{% endif %}{% if a != 2 %}ne{% endif %}{% if a < 2 %}lt{% endif %}{% if a <= 1 %}le{% endif %}{% if a > 0 %}gt{% endif %}{% if a >= 1 %}ge{% endif %}",
        "{% if 'x' in s %}in{% endif %}{% if 'q' not in s %}notin{% endif %}{% if 2 in items %}li{% endif %}{% if 'k' in d %}dk{% endif %}",
        "{% if 1.0 == a %}float{% endif %}{% if true == 1 %}bool{% endif %}{% if none == none %}none{% endif %}{% if m == 'safe' %}markup{% endif %}",
        "{% if a < 'b' %}never{% endif %}",
        "{% if 1 < a < 3 %}chain{% endif %}{% if missing == none %}u{% endif %}{% if missing < 1 %}u2{% endif %}",
        "{% if 3 in 'abc' %}x{% endif %}",
        "{% for i in items if i > 1 %}{{ i }}{% endfor %}{{ items|select('>', 1)|list }}",
    ];

    [Theory]
    [MemberData(nameof(CompareSources))]
    public void Single_comparisons_decide_the_same_on_both_tiers(string source)
    {
        var model = new Dictionary<string, object?>
        {
            ["a"] = 1L, ["s"] = "xyz", ["items"] = new List<object?> { 1L, 2L, 3L },
            ["d"] = new Dictionary<string, object?> { ["k"] = 1L }, ["m"] = new Markup("safe"),
        };
        Same(source, model);
        Same(source, model, undefined: UndefinedBehavior.Strict);
    }
}
