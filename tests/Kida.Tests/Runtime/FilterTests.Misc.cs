using Kida.Runtime.Values;
using static Kida.Tests.Runtime.R;

namespace Kida.Tests.Runtime;

public class FilterMiscTests
{
    [Fact]
    public void Default_replaces_undefined_but_keeps_none()
    {
        Assert.Equal("fallback", F("default", Undef, "fallback"));
        Assert.Equal("", F("default", "", "empty"));
        Assert.Equal("empty", F("default", "", "empty", true));
        Assert.Equal("9", FKw("d", 0L, [9L], ("boolean", true)));
        Assert.Equal("None", F("default", null, "x"));
        Assert.Equal("x", F("default", null, "x", true));
        Assert.Equal("", F("d", Undef));
    }

    [Fact]
    public void Attr_reads_attributes_not_dict_keys()
    {
        Assert.IsType<Undefined>(Filter("attr", D(("name", "dict key")), "name"));
        Assert.IsType<BoundMethod>(Filter("attr", "x", "upper"));
        Assert.Equal("3", F("attr", new Person("Ann", 3), "Age"));
        Assert.Throws<UndefinedVariableException>(() => Filter("attr", Undef, "a"));
    }

    private sealed record Person(string Name, int Age);

    [Fact]
    public void Pprint_prints_repr()
    {
        Assert.Equal("'a'", F("pprint", "a"));
        Assert.Equal("{'a': [1, None]}", F("pprint", D(("a", L(1L, null)))));
    }

    // Kida-only filters.
    [Fact]
    public void Kida_number_formatting_filters()
    {
        Assert.Equal("1,234,567", F("commas", 1234567L));
        Assert.Equal("1,234.57", F("format_number", 1234.567, 2L));
        Assert.Equal("-1,234", F("format_number", -1234.9));
        Assert.Equal("2.50", F("decimal", 2.5));
        Assert.Equal("abc", F("decimal", "abc"));
    }

    [Fact]
    public void Kida_collection_filters()
    {
        Assert.Equal("[1, 'x']", F("compact", L(0L, 1L, "", "x", null)));
        Assert.Equal("[0, 1, '', 'x']", FKw("compact", L(0L, 1L, "", "x", null), [], ("truthy", false)));
        Assert.Equal("[3]", F("skip", L(1L, 2L, 3L), 2L));
        Assert.Equal("[1, 2]", F("take", L(1L, 2L, 3L), 2L));
        Assert.Equal("[]", F("take", null, 2L));
        Assert.Equal("a b c", F("classes", L("a", "", L("b", null, "c"))));
        Assert.Equal(3, ((List<object?>)Filter("shuffle", L(1L, 2L, 3L))!).Count);
    }

    [Fact]
    public void Kida_text_filters()
    {
        Assert.Equal("hello-world-2", F("slug", "  Hello, World! 2 "));
        Assert.Equal("", F("pluralize", 1L));
        Assert.Equal("s", F("pluralize", 2L));
        Assert.Equal("ies", F("pluralize", L(1L, 2L), "y,ies"));
        Assert.Equal("y", F("pluralize", 1L, "y,ies"));
        Assert.Equal("int str list dict none float bool", string.Join(" ",
            F("typeof", 1L), F("typeof", "a"), F("typeof", L()), F("typeof", D()), F("typeof", null), F("typeof", 1.5), F("typeof", true)));
    }

    [Fact]
    public void Kida_get_and_require()
    {
        Assert.Equal("1", F("get", D(("a", 1L)), "a"));
        Assert.Equal("z", F("get", D(("a", 1L)), "b", "z"));
        Assert.Equal("z", F("get", null, "b", "z"));
        Assert.Equal("v", F("require", "v"));
        var e = Assert.Throws<TemplateRuntimeException>(() => F("require", null, "need it"));
        Assert.Equal("need it", e.Reason);
    }

    [Fact]
    public void Kida_date_formats_with_strftime()
    {
        Assert.Equal("2024-03-05", F("date", new DateTime(2024, 3, 5, 14, 7, 9)));
        Assert.Equal("05 Mar 2024 14:07:09 PM", F("date", new DateTime(2024, 3, 5, 14, 7, 9), "%d %b %Y %H:%M:%S %p"));
        Assert.Equal("", F("date", null));
    }

    [Fact]
    public void Kida_csp_nonce_adds_nonce_to_script_and_style_tags()
    {
        Assert.Equal("<script nonce=\"abc\">x</script><style nonce=\"abc\"></style>",
            F("csp_nonce", new Markup("<script>x</script><style></style>"), "abc"));
        Assert.IsType<string>(Filter("csp_nonce", "<script>", [null]));
    }
}
