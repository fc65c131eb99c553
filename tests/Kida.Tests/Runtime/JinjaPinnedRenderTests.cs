using Kida.Runtime.Values;

namespace Kida.Tests.Runtime;

/// <summary>Templates exercising filters, tests, globals and methods end to end; expectations rendered by Jinja2 3.1.6.</summary>
public class JinjaPinnedRenderTests
{
    private static readonly object Context = new Dictionary<string, object?>
    {
        ["users"] = new List<object?>
        {
            R.D(("name", "ann"), ("age", 31L)),
            R.D(("name", "bob"), ("age", 19L)),
            R.D(("name", "cy"), ("age", 31L)),
        },
        ["d"] = R.D(("a", 1L), ("b", 2L)),
    };

    [Theory]
    [InlineData("{{ x|upper }}|{{ x|length }}|{{ x|first }}|{{ x|join }}|{{ x|list }}|{{ x|sum }}|{{ x|default(\"d\") }}", false, "|0|||[]|0|d")]
    [InlineData("{{ \"<b>\"|safe|upper }}", true, "<B>")]
    [InlineData("{{ \"<b>\"|upper }}", true, "&lt;B&gt;")]
    [InlineData("{{ [\"<a>\", \"b\"|safe]|join(\", \") }}", true, "&lt;a&gt;, b")]
    [InlineData("{{ {\"a\": \"<\"}|xmlattr }}", true, " a=\"&lt;\"")]
    [InlineData("{{ \"a<b\"|safe|replace(\"<\", \">\") }}", true, "a&gt;b")]
    [InlineData("{{ \"%s|%s\"|format(\"<\", \"<\"|safe) }}", true, "&lt;|&lt;")]
    [InlineData("{{ \"%s & %s\"|safe|format(\"<\", \"x\") }}", true, "&lt; & x")]
    [InlineData("{{ users|selectattr(\"age\", \">\", 20)|map(attribute=\"name\")|join(\",\") }}", false, "ann,cy")]
    [InlineData("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", false, "a=1;b=2;")]
    [InlineData("{{ d.get(\"a\") }} {{ d.get(\"zz\", 5) }} {{ d.keys()|list }} {{ d.values()|list }}", false, "1 5 ['a', 'b'] [1, 2]")]
    [InlineData("{{ \"a,b\".split(\",\") }} {{ \" x \".strip() }} {{ \"abc\".startswith(\"a\") }} {{ \"Hello {}!\".format(\"you\") }}", false, "['a', 'b'] x True Hello you!")]
    [InlineData("{% for g in users|groupby(\"age\") %}{{ g.grouper }}:{{ g.list|length }} {% endfor %}", false, "19:1 31:2 ")]
    [InlineData("{% for age, us in users|groupby(\"age\") %}{{ age }}:{{ us|map(attribute=\"name\")|join }} {% endfor %}", false, "19:bob 31:anncy ")]
    [InlineData("{{ users|map(attribute=\"name\")|map(\"upper\")|join(\"/\") }}", false, "ANN/BOB/CY")]
    [InlineData("{{ range(3)|list }} {{ range(1, 10, 3)|list }} {{ range(3)|length }}", false, "[0, 1, 2] [1, 4, 7] 3")]
    [InlineData("{% set ns = namespace(c=0) %}{% for i in range(4) %}{% set ns.c = ns.c + i %}{% endfor %}{{ ns.c }}", false, "6")]
    [InlineData("{% set c = cycler(\"a\", \"b\") %}{{ c.next() }}{{ c.next() }}{{ c.current }}{% set _ = c.reset() %}{{ c.next() }}", false, "abaa")]
    [InlineData("{{ users|tojson }}", true, "[{\"age\": 31, \"name\": \"ann\"}, {\"age\": 19, \"name\": \"bob\"}, {\"age\": 31, \"name\": \"cy\"}]")]
    [InlineData("{{ \"x\"|tojson }} {{ none|tojson }} {{ 1.0|tojson }} {{ (1, 2)|tojson }}", false, "\"x\" null 1.0 [1, 2]")]
    [InlineData("{{ [3, 1, 2]|sort|first }} {{ [3, 1, 2]|max }}", false, "1 3")]
    [InlineData("{{ \"%05.1f|%-4d|%+.2e\"|format(3.14159, 7, 12345.6789) }}", false, "003.1|7   |+1.23e+04")]
    [InlineData("{{ \"%s\" % \"x\" }} {{ \"%d-%d\" % (1, 2) }} {{ \"%(a)s\" % {\"a\": 3} }}", false, "x 1-2 3")]
    [InlineData("{{ 10|filesizeformat }} {{ 1024|filesizeformat(true) }} {{ 12345678|filesizeformat }}", false, "10 Bytes 1.0 KiB 12.3 MB")]
    [InlineData("{{ \"Hello World\"|wordcount }} {{ \"ab cd\"|title }} {{ \"abc\"|capitalize }}", false, "2 Ab Cd Abc")]
    [InlineData("{{ 3 is odd }} {{ 3 is even }} {{ none is none }} {{ x is defined }} {{ \"a\" is string }} {{ 1 is number }} {{ [] is iterable }}", false, "True False True False True True True")]
    [InlineData("{{ users|rejectattr(\"age\", \"lt\", 30)|list|length }}", false, "2")]
    [InlineData("{{ users|sum(attribute=\"age\") }} {{ users|min(attribute=\"age\") }}", false, "81 {'name': 'bob', 'age': 19}")]
    [InlineData("{{ \"abc\"|reverse }} {{ [1,2]|reverse|list }}", false, "cba [2, 1]")]
    [InlineData("{{ 42|string|length }} {{ \"3\"|int + 1 }} {{ \"3.5\"|float * 2 }}", false, "2 4 7.0")]
    [InlineData("{{ [1,2,3]|batch(2)|list }} {{ [1,2,3]|slice(2)|list }}", false, "[[1, 2], [3]] [[1, 2], [3]]")]
    [InlineData("{{ \"a\nb\"|indent(2, true) }}", false, "  a\n  b")]
    [InlineData("{{ lipsum(1, false)|wordcount > 0 }}", false, "True")]
    [InlineData("{{ dict(a=1)|items|list }} {{ {\"b\": 1, \"a\": 2}|dictsort }}", false, "[('a', 1)] [('a', 2), ('b', 1)]")]
    [InlineData("{{ \"<p>x</p>\"|striptags }} {{ \"a b\"|urlencode }} {{ \"x\"|e }}", true, "x a%20b x")]
    [InlineData("{{ [1, 2, 3]|select(\"gt\", 1)|list }} {{ [none, 1]|reject(\"none\")|list }}", false, "[2, 3] [1]")]
    [InlineData("{{ \"ab\"|center(6)|length }} {{ \"  x  \"|trim|length }}", false, "6 1")]
    [InlineData("{{ 0.1 + 0.2|round(2) }} {{ (0.1 + 0.2)|round(2) }}", false, "0.30000000000000004 0.3")]
    [InlineData("{{ \"%.3f\"|format(2.0005) }} {{ \"%.2f\"|format(1.005) }} {{ \"%.0f\"|format(0.5) }} {{ \"%.0f\"|format(1.5) }}", false, "2.001 1.00 0 2")]
    [InlineData("{{ \"{:.2f} {:>5} {:03d}\".format(2.345, \"x\", 7) }}", false, "2.35     x 007")]
    [InlineData("{{ users[0].name.upper() }} {{ users|length }}", false, "ANN 3")]
    public void Renders_like_jinja2(string source, bool autoescape, string expected)
    {
        var env = new TemplateEnvironment(TemplateEnvironmentOptions.Default with { Autoescape = autoescape });
        Assert.Equal(expected, env.FromString(source).Render(Context));
    }
}
