using Kida.Runtime.Values;

namespace Kida.Tests.Language;

/// <summary>
/// The fast paths of <c>x | trim</c> on a plain string and of string-key lookups in small dicts (a scan of the key text
/// instead of hashing): the same results as the general paths. Expected outputs from Jinja2 3.1.6 (autoescape on).
/// </summary>
public sealed class TrimAndSmallDictTests
{
    [Theory]
    [InlineData("{{ '  x  ' | trim }}|", "x|")]
    [InlineData("{{ 'xxaxx' | trim('x') }}|", "a|")]
    [InlineData("{{ ('  <b>  '|safe) | trim }}|", "<b>|")]
    [InlineData("{{ '  <b>  ' | trim }}|", "&lt;b&gt;|")]
    [InlineData("{{ ' y ' | trim(none) }}|", "y|")]
    [InlineData("{{ '\u3000x\u2003\n' | trim }}|", "x|")]
    [InlineData("{{ 12 | trim }}|", "12|")]
    [InlineData("{{ '' | trim }}|", "|")]
    [InlineData("{{ '   ' | trim }}|", "|")]
    [InlineData("{{ missing | trim }}|", "|")]
    public void Trim_renders_as_Jinja2(string source, string expected)
    {
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions { Autoescape = AutoescapePolicy.Always });
        Assert.Equal(expected, env.FromString(source).Render());
    }

    [Fact]
    public void Trim_of_a_string_with_nothing_to_strip_is_the_same_string()
    {
        var text = "no spaces";
        Assert.Same(text, PyMethods.Strip(text, null));
    }

    [Fact]
    public void A_string_key_is_found_in_a_small_dict_whatever_instance_or_markup_holds_it()
    {
        var d = new PyDict { [new string("role".AsSpan())] = "user", [new Markup("content")] = "hi" };
        Assert.True(d.TryGetValue("role", out var role));
        Assert.Equal("user", role);
        Assert.True(d.TryGetValue("content", out var content));   // a Markup key equals its text
        Assert.Equal("hi", content);
        Assert.True(d.ContainsKey(new Markup("role")));
        Assert.False(d.TryGetValue("rol", out _));
        Assert.False(d.ContainsKey("roles"));
        Assert.True(((IReadOnlyDictionary<string, object?>)d).TryGetValue("role", out _));
        Assert.True(((IReadOnlyDictionary<string, object?>)d).ContainsKey("content"));
    }

    [Fact]
    public void Keys_of_other_kinds_in_a_small_dict_send_string_lookups_to_the_table()
    {
        var d = new PyDict { [1L] = "one", ["1"] = "string one", [new PyTuple(["a"])] = "tuple" };
        Assert.True(d.TryGetValue("1", out var s));
        Assert.Equal("string one", s);
        Assert.True(d.TryGetValue(1.0, out var n));   // 1.0 is the key 1
        Assert.Equal("one", n);
        Assert.False(d.ContainsKey("a"));
        d.Remove("1");
        Assert.False(d.ContainsKey("1"));
        Assert.True(d.ContainsKey(true));             // True is the key 1
    }

    [Fact]
    public void Large_dicts_and_changed_dicts_find_the_same_keys()
    {
        var d = new PyDict();
        for (var i = 0; i < 20; i++)
        {
            d["k" + i] = i;
            for (var j = 0; j <= i; j++) Assert.True(d.TryGetValue("k" + j, out var v) && (int)v! == j, $"k{j} after {i + 1} keys");
            Assert.False(d.ContainsKey("k" + (i + 1)));
        }
        for (var i = 19; i >= 0; i--)
        {
            d.Remove("k" + i);
            Assert.False(d.ContainsKey("k" + i));
            if (i > 0) Assert.True(d.ContainsKey("k" + (i - 1)));
        }
    }

    [Theory]
    [InlineData("{% set d = {'a': 1, 'b': 2} %}{{ d.a }}{{ d['b'] }}{{ 'a' in d }}{{ 'c' in d }}{{ d.c is defined }}", "12TrueFalseFalse")]
    [InlineData("{% set d = {1: 'x', 'a': 'y'} %}{{ d[1] }}{{ d['a'] }}{{ d[true] }}{{ d.a }}", "xyxy")]
    public void Template_reads_of_small_dicts_render_as_Jinja2(string source, string expected) =>
        Assert.Equal(expected, new TemplateEnvironment().FromString(source).Render());
}
