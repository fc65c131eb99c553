using Kida.Runtime.Values;
using static Kida.Tests.Runtime.R;

namespace Kida.Tests.Runtime;

// Expected values come from Jinja2 3.1.6.
public class FilterHtmlTests
{
    [Fact]
    public void Escape_returns_markup_and_leaves_markup_alone()
    {
        var r = Filter("e", "<a href='x'>&</a>");
        Assert.Equal("&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;", Assert.IsType<Markup>(r).Value);
        Assert.Equal("41", F("length", r));
        Assert.Equal("<b>", F("escape", new Markup("<b>")));
        Assert.Equal("&lt;x&gt;", F("forceescape", new Markup("<x>")));
    }

    [Fact]
    public void Safe_marks_text_safe()
    {
        Assert.Equal("<b>", Assert.IsType<Markup>(Filter("safe", "<b>")).Value);
    }

    [Fact]
    public void Join_with_autoescape_escapes_plain_items_when_markup_is_involved()
    {
        Assert.Equal("&lt;a&gt;<br>b", PyFormat.Str(FilterAe("join", L("<a>", "b"), new Markup("<br>"))));
        Assert.Equal("&lt;a&gt;&lt;b", PyFormat.Str(FilterAe("join", L("<a>", new Markup("b")), "<")));
        Assert.IsType<string>(FilterAe("join", L("<a>", "b"), "<"));
        Assert.Equal("1<br>2", F("join", L(1L, 2L), new Markup("<br>")));
    }

    [Fact]
    public void Replace_on_markup_with_autoescape_escapes_arguments()
    {
        Assert.Equal("x&lt;y", PyFormat.Str(FilterAe("replace", new Markup("x&y"), "&", "<")));
    }

    [Fact]
    public void Striptags_removes_tags_and_comments_and_unescapes()
    {
        Assert.Equal("Hello bold world & more", F("striptags", "<p>Hello   <b>bold</b>\n world &amp; more</p><!-- c -->"));
    }

    [Fact]
    public void Urlencode_quotes_strings_and_encodes_dicts_as_query_strings()
    {
        Assert.Equal("a%20b%26c/d%3Fe%3Df", F("urlencode", "a b&c/d?e=f"));
        Assert.Equal("a=1&b=x+y%26z", F("urlencode", D(("a", 1L), ("b", "x y&z"))));
        Assert.Equal("%C3%BC", F("urlencode", "ü"));
    }

    [Fact]
    public void Xmlattr_skips_none_and_escapes_values()
    {
        var attrs = D(("type", "text"), ("name", "q"), ("disabled", null), ("data-x", "<&\">"));
        Assert.Equal(" type=\"text\" name=\"q\" data-x=\"&lt;&amp;&#34;&gt;\"", F("xmlattr", attrs));
        Assert.Equal("id=\"main\" class=\"a b\"", F("xmlattr", D(("id", "main"), ("class", "a b")), false));
        Assert.IsType<Markup>(FilterAe("xmlattr", attrs));
        Assert.Throws<TemplateRuntimeException>(() => F("xmlattr", D(("a b", 1L))));
    }

    [Fact]
    public void Urlize_links_urls_domains_and_emails()
    {
        Assert.Equal(
            "see <a href=\"http://example.com/x\" rel=\"noopener\">http://example.com/x</a>, <a href=\"https://www.foo.org\" rel=\"noopener\">www.foo.org</a> and <a href=\"mailto:me@x.com\">me@x.com</a> or (https://a.b/c). &lt;b&gt; <a href=\"https://foo.com\" rel=\"noopener\">foo.com</a>",
            F("urlize", "see http://example.com/x, www.foo.org and me@x.com or (https://a.b/c). <b> foo.com"));
        Assert.Equal(
            "<a href=\"http://example.com/very/long/path\" rel=\"nofollow noopener\" target=\"_blank\">http://exa...</a>",
            FKw("urlize", "http://example.com/very/long/path", [10L, true], ("target", "_blank")));
    }

    [Fact]
    public void Tojson_sorts_keys_and_escapes_html_characters()
    {
        var data = D(("name", "Ann"), ("tags", L("a", "b")), ("n", 1L), ("ok", true), ("none", null), ("f", 1.5));
        Assert.Equal("{\"f\": 1.5, \"n\": 1, \"name\": \"Ann\", \"none\": null, \"ok\": true, \"tags\": [\"a\", \"b\"]}", F("tojson", data));
        Assert.Equal("\"\\u003ca href=\\u0027x\\u0027\\u003e\\u0026\\\"\\u00e9\"", F("tojson", "<a href='x'>&\"é"));
        Assert.Equal("\"\\u00dcn\\u00ef \\u2603 \\ud83d\\ude00\"", F("tojson", "Ünï ☃ 😀"));
        Assert.Equal("[1, [2, 3], {\"a\": [1, 2]}]", F("tojson", L(1L, L(2L, 3L), D(("a", T(1L, 2L))))));
        Assert.IsType<Markup>(Filter("tojson", 1L));
    }

    [Fact]
    public void Tojson_indents_nested_values()
    {
        var data = D(("b", L(1L, 2L)), ("a", D(("c", null))));
        Assert.Equal("{\n  \"a\": {\n    \"c\": null\n  },\n  \"b\": [\n    1,\n    2\n  ]\n}", FKw("tojson", data, [], ("indent", 2L)));
    }

    [Fact]
    public void Tojson_rejects_undefined_and_mixed_key_types()
    {
        Assert.Throws<TemplateRuntimeException>(() => F("tojson", Undef));
        Assert.Throws<TemplateRuntimeException>(() => F("tojson", D((1L, 2L), ("x", 3L))));
    }
}
