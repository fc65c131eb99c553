namespace Kida.Tests.Language;

/// <summary>
/// §6/§7 lines marked J2≠: each filter or test keeps its Jinja2 meaning by default and takes Kida's in the Kida
/// dialect. Jinja2 expectations were checked against Jinja2 3.1.6; Kida's come from the spec text.
/// </summary>
public class DialectFilterTests
{
    private static void Both(string source, string kida, string jinja, object? context = null)
    {
        Assert.Equal(kida, K.Render(source, context));
        Assert.Equal(jinja, K.Jinja(source, context));
    }

    [Fact]
    public void Attr_reads_dict_keys_in_the_kida_dialect() =>
        Both("[{{ d | attr('k') }}][{{ n | attr('k') }}]", "[v][]", "[][]", K.Ctx(("d", K.Ctx(("k", "v"))), ("n", null)));

    [Fact]
    public void Filesizeformat_has_no_singular_in_the_kida_dialect() =>
        Both("{{ 1 | filesizeformat }}|{{ 2000 | filesizeformat }}", "1 Bytes|2.0 kB", "1 Byte|2.0 kB");

    [Fact]
    public void First_and_last_of_an_empty_list_are_none_in_the_kida_dialect() =>
        Both("{{ [] | first is none }}|{{ [] | last is none }}|{{ [1, 2] | last }}", "True|True|2", "False|False|2");

    [Fact]
    public void Format_is_str_format_in_the_kida_dialect_and_rejects_percent_directives()
    {
        Assert.Equal("1!", K.Jinja("{{ '%s!' | format(1) }}"));
        Assert.ThrowsAny<TemplateRuntimeException>(() => K.Render("{{ '%s!' | format(1) }}"));
        Assert.Equal("5% of 6", K.Render("{{ '{}% of {}' | format(5, 6) }}"));
        Assert.Equal("1 of 2", K.Jinja("{{ '{} of {}' | format(1, 2) }}"));
    }

    [Fact]
    public void Groupby_yields_grouper_list_mappings_with_none_last_in_the_kida_dialect()
    {
        const string source = "{% for g in items | groupby('c') %}{{ g.grouper }}:{{ g.list | map(attribute='n') | join(',') }};{% end %}";
        var items = K.List(K.Ctx(("c", "b"), ("n", 1)), K.Ctx(("c", null), ("n", 3)), K.Ctx(("c", "A"), ("n", 2)), K.Ctx(("c", "a"), ("n", 4)));
        // Sorted case-insensitively, but grouped by the exact value, so "A" and "a" stay apart.
        Assert.Equal("A:2;a:4;b:1;:3;", K.Render(source, K.Ctx(("items", items))));
        Assert.Equal("True", K.Render("{{ (items | groupby('c'))[0] is mapping }}", K.Ctx(("items", items))));
        items.RemoveAt(1);
        Assert.Equal("A:2,4;b:1;", K.Jinja(source.Replace("{% end %}", "{% endfor %}"), K.Ctx(("items", items))));
    }

    [Fact]
    public void Indent_indents_blank_lines_in_the_kida_dialect() =>
        Both("{{ 'a\\n\\nb' | indent(2) }}", "a\n  \n  b", "a\n\n  b");

    [Fact]
    public void Int_does_not_parse_decimal_text_in_the_kida_dialect() =>
        Both("{{ '3.7' | int }}|{{ 3.7 | int }}|{{ '42' | int }}|{{ 'x' | int(7) }}", "0|3|42|7", "3|3|42|7");

    [Fact]
    public void Join_is_not_safe_aware_in_the_kida_dialect()
    {
        const string source = "{{ ['<b>' | safe, 'x'] | join(',') }}";
        Assert.Equal("&lt;b&gt;,x", K.Render(source, autoescape: true));
        Assert.Equal("<b>,x", K.Env(TemplateDialect.Jinja2, autoescape: true).FromString(source).Render());
    }

    [Fact]
    public void Map_with_a_positional_calls_a_method_in_the_kida_dialect()
    {
        Assert.Equal("True,False", K.Render("{{ ['A', 'b'] | map('isupper') | join(',') }}"));
        Assert.ThrowsAny<TemplateRuntimeException>(() => K.Jinja("{{ ['A', 'b'] | map('isupper') | join(',') }}"));
        Assert.Equal("v,", K.Render("{{ [{'a': 'v'}, {'a': none}] | map(attribute='a') | join(',') }}"));
    }

    [Fact]
    public void Reverse_always_gives_a_list_in_the_kida_dialect() =>
        Both("{{ 'abc' | reverse }}", "['c', 'b', 'a']", "cba");

    [Fact]
    public void Slice_deals_round_robin_in_the_kida_dialect() =>
        Both("{{ [1, 2, 3, 4, 5] | slice(2) | list }}", "[[1, 3, 5], [2, 4]]", "[[1, 2, 3], [4, 5]]");

    [Fact]
    public void Striptags_only_deletes_tags_in_the_kida_dialect() =>
        Both("{{ '<b>a</b>  &amp; b' | striptags }}", "a  &amp; b", "a & b");

    [Fact]
    public void Title_is_python_title_case_in_the_kida_dialect() =>
        Both("{{ \"they're 3rd 中a\" | title }}", "They'Re 3Rd 中A", "They're 3rd 中a");

    [Fact]
    public void Tojson_keeps_insertion_order_and_only_escapes_the_closing_tag_in_the_kida_dialect()
    {
        Both("{{ {'b': 1, 'a': 'é&</'} | tojson }}", "{\"b\": 1, \"a\": \"\\u00e9&\\u003c/\"}", "{\"a\": \"\\u00e9\\u0026\\u003c/\", \"b\": 1}");
        Assert.Equal("{&quot;a&quot;: &quot;&lt;/&quot;}", K.Render("{{ {'a': '</'} | tojson(attr=true) }}"));
    }

    [Fact]
    public void Urlencode_encodes_slashes_in_the_kida_dialect() =>
        Both("{{ 'a/b c' | urlencode }}", "a%2Fb%20c", "a/b%20c");

    [Fact]
    public void Wordwrap_collapses_newlines_in_the_kida_dialect() =>
        Both("{{ 'a\\tb  c\\n\\nd' | wordwrap(80) }}", "a       b  c  d", "a\tb  c\n\nd");

    [Fact]
    public void Xmlattr_has_no_leading_space_in_the_kida_dialect() =>
        Both("<p{{ {'id': 'x'} | xmlattr }}>", "<pid=\"x\">", "<p id=\"x\">");

    [Fact]
    public void Number_excludes_booleans_in_the_kida_dialect() =>
        Both("{{ true is number }}|{{ 1.5 is number }}", "False|True", "True|True");

    [Fact]
    public void Sequence_is_only_lists_tuples_and_strings_in_the_kida_dialect() =>
        Both("{{ {'a': 1} is sequence }}|{{ 'ab' is sequence }}|{{ [1] is sequence }}", "False|True|True", "True|True|True");

    [Fact]
    public void Mapping_is_only_a_dict_in_the_kida_dialect()
    {
        var ctx = K.Ctx(("m", new ReadOnlyMapping(new() { ["a"] = 1 })), ("d", K.Ctx(("a", 1))));
        Both("{{ m is mapping }}|{{ d is mapping }}", "False|True", "True|True", ctx);
    }
}
