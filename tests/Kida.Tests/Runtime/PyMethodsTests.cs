using Kida.Runtime.Values;
using static Kida.Tests.Runtime.R;

namespace Kida.Tests.Runtime;

// Expected values come from Python 3 / Jinja2 3.1.6.
public class PyMethodsTests
{
    [Fact]
    public void Split_and_rsplit_match_python()
    {
        Assert.Equal("['a', 'b', '', 'c']", M("a,b,,c", "split", ","));
        Assert.Equal("['a', 'b']", M("  a  b ", "split"));
        Assert.Equal("['a', 'b c']", M("a b c", "split", null, 1L));
        Assert.Equal("['a,b', 'c']", M("a,b,c", "rsplit", ",", 1L));
        Assert.Equal("['a b', 'c']", M("a b c", "rsplit", null, 1L));
    }

    [Fact]
    public void String_search_methods_match_python()
    {
        Assert.Equal("hi|True|2|3|2|***ab**|00042|-0042", string.Join("|",
            M("xxhixx", "strip", "x"), M("hello", "startswith", T("he", "x")), M("hello", "find", "l"), M("hello", "rfind", "l"),
            M("hello", "count", "l"), M("ab", "center", 7L, "*"), M("42", "zfill", 5L), M("-42", "zfill", 5L)));
        Assert.Equal("True", M("<think>x", "startswith", "<think>"));
        Assert.Equal("False", M("abc", "endswith", "b"));
        Assert.Throws<TemplateRuntimeException>(() => M("abc", "index", "z"));
        Assert.Equal("-1 3 1 False", string.Join(" ", M("abc", "find", "", 5L), M("abc", "find", "", 3L), M("abc", "count", "b", 1L, 2L), M("abc", "startswith", "", 4L)));
    }

    [Fact]
    public void Partition_splitlines_and_case_methods_match_python()
    {
        Assert.Equal("('a', '=', 'b=c')|('a=b', '=', 'c')|['l1', 'l2', 'l3']|hELLO wORLD|SS", string.Join("|",
            M("a=b=c", "partition", "="), M("a=b=c", "rpartition", "="), M("l1\nl2\r\nl3", "splitlines"), M("Hello World", "swapcase"), M("ß", "upper")));
        Assert.Equal("They'Re", M("they're", "title"));
        Assert.Equal("abc", M("prefix-abc", "removeprefix", "prefix-"));
        Assert.Equal("True False", M("123", "isdigit") + " " + M("12a", "isdigit"));
    }

    [Fact]
    public void Str_format_supports_fields_and_specs()
    {
        var args = new CallArguments(["ab", "c", 3.14159, 1234567L, -3.5, 255L, "q", 5L, 1234.5, 0.25], [new("x", "mid")]);
        PyMethods.TryCall("{0:>6}|{1:<4}|{x:^7}|{2:.3f}|{3:,}|{4:08.2f}|{5:x}|{6!r}|{7:+}|{8:e}|{9:%}", "format", args, out var r);
        Assert.Equal("    ab|c   |  mid  |3.142|1,234,567|-0003.50|ff|'q'|+5|1.234500e+03|25.000000%", r);
        Assert.Equal("1 of 2", M("{} of {}", "format", 1L, 2L));
        Assert.Equal("{x}", M("{{x}}", "format"));
    }

    [Fact]
    public void Markup_methods_escape_arguments_and_stay_safe()
    {
        var r = Method(new Markup("<b>{}</b>"), "format", "<i>");
        Assert.Equal("<b>&lt;i&gt;</b>", Assert.IsType<Markup>(r).Value);
        Assert.IsType<Markup>(Method(new Markup("a"), "upper"));
        Assert.Equal("a&lt;b", PyFormat.Str(Method(new Markup(","), "join", L("a<b"))));
    }

    [Fact]
    public void Dict_methods_items_keys_values_get()
    {
        var d = D(("a", 1L), ("b", 2L));
        Assert.Equal("[('a', 1), ('b', 2)]", M(d, "items"));
        Assert.Equal("['a', 'b']", M(d, "keys"));
        Assert.Equal("[1, 2]", M(d, "values"));
        Assert.Equal("1", M(d, "get", "a"));
        Assert.Equal("None", M(d, "get", "z"));
        Assert.Equal("0", M(d, "get", "z", 0L));
        Assert.True(PyMethods.Has(d, "items"));
        Assert.False(PyMethods.Has(d, "nope"));
        var clr = new Dictionary<string, object?> { ["k"] = 5 };
        Assert.Equal("5", M(clr, "get", "k"));
    }

    [Fact]
    public void List_methods_index_count_append()
    {
        var list = L(1L, 2L, 3L, 2L);
        Assert.Equal("1|2", M(list, "index", 2L) + "|" + M(list, "count", 2L));
        Method(list, "append", 9L);
        Assert.Equal("[1, 2, 3, 2, 9]", PyFormat.Str(list));
        Assert.Equal("9", M(list, "pop"));
        Assert.Throws<TemplateRuntimeException>(() => M(list, "index", 42L));
        Assert.Equal("0", M(T("a", "b"), "index", "a"));
    }

    [Fact]
    public void Wrong_argument_count_is_a_template_error()
    {
        Assert.Throws<TemplateRuntimeException>(() => M("abc", "upper", 1L));
        Assert.Throws<TemplateRuntimeException>(() => M("abc", "split", 1L));
    }
}
