using Kida.Runtime.Values;
using static Kida.Tests.Runtime.R;

namespace Kida.Tests.Runtime;

// Expected values come from Jinja2 3.1.6.
public class BuiltinTestsTests
{
    [Fact]
    public void Defined_is_true_for_none_and_false_for_undefined()
    {
        Assert.True(Test("defined", null));
        Assert.False(Test("defined", Undef));
        Assert.True(Test("undefined", Undef));
    }

    [Fact]
    public void None_true_false_use_identity()
    {
        Assert.Equal("N----", string.Concat(new object?[] { null, 0L, "", false, "None" }.Select(v => Test("none", v) ? "N" : "-")));
        Assert.True(Test("true", true));
        Assert.False(Test("true", 1L));
        Assert.True(Test("false", false));
        Assert.False(Test("false", 0L));
    }

    [Fact]
    public void Even_odd_and_divisibleby_use_python_modulo()
    {
        Assert.True(Test("odd", -3L));
        Assert.True(Test("even", 4L));
        Assert.True(Test("divisibleby", 15L, 5L));
        Assert.False(Test("divisibleby", 16L, 5L));
    }

    [Fact]
    public void Type_tests_follow_jinja2()
    {
        var values = new object?[] { "a", 1L, 2.5, null, L(), true, "7" };
        Assert.Equal("snn??ns", string.Concat(values.Select(v => Test("string", v) ? "s" : Test("number", v) ? "n" : "?")));
        var v2 = new object?[] { 1L, 1.0, true, "1", false, -4L };
        Assert.Equal("ifb?bi", string.Concat(v2.Select(v => Test("integer", v) ? "i" : Test("float", v) ? "f" : Test("boolean", v) ? "b" : "?")));
        var v3 = new object?[] { "ab", L(1L), D(("k", 1L)), 5L, null };
        Assert.Equal("I-S I-S IMS --- --- ", string.Concat(v3.Select(v =>
            (Test("iterable", v) ? "I" : "-") + (Test("mapping", v) ? "M" : "-") + (Test("sequence", v) ? "S" : "-") + " ")));
        Assert.True(Test("escaped", new Markup("x")));
        Assert.False(Test("escaped", "x"));
    }

    [Fact]
    public void Comparison_tests_and_aliases()
    {
        var r = new[] { 1L, 5L, 9L }.Select(n =>
            (Test("eq", n, 5L) ? "eq" : "") + (Test("ne", n, 5L) ? "ne" : "") + (Test("gt", n, 5L) ? "gt" : "") +
            (Test("lt", n, 5L) ? "lt" : "") + (Test("ge", n, 5L) ? "ge" : "") + (Test("le", n, 5L) ? "le" : ""));
        Assert.Equal("neltle eqgele negtge", string.Join(" ", r));
        Assert.True(Test("equalto", 3L, 3L));
        Assert.True(Test("greaterthan", 3L, 2L));
        Assert.False(Test("lessthan", 3L, 2L));
        Assert.True(Test("==", 3L, 3.0));
        Assert.True(Test("!=", 3L, 2L));
        Assert.True(Test(">=", 3L, 3L));
    }

    [Fact]
    public void In_test_checks_membership()
    {
        Assert.True(Test("in", "b", L("a", "b")));
        Assert.False(Test("in", 3L, L(1L, 2L)));
        Assert.True(Test("in", "ell", "hello"));
        Assert.True(Test("in", "k", D(("k", 0L))));
    }

    [Fact]
    public void Lower_and_upper_tests_need_a_cased_character()
    {
        var words = new[] { "abc", "ABC", "Abc", "a1", "123", "ÉTÉ" };
        Assert.Equal("LUMLMU", string.Concat(words.Select(w => Test("lower", w) ? "L" : Test("upper", w) ? "U" : "M")));
    }

    [Fact]
    public void Callable_filter_and_test_tests()
    {
        Assert.True(Test("callable", (TemplateFunction)(_ => null)));
        Assert.True(Test("callable", new BoundMethod("x", "upper")));
        Assert.False(Test("callable", "x"));
        Assert.True(Test("filter", "upper"));
        Assert.False(Test("filter", "nope"));
        Assert.True(Test("test", "odd"));
        Assert.True(Test("sameas", null, [null]));
        Assert.False(Test("sameas", L(), L()));
    }

    [Fact]
    public void Kida_match_and_htmx_tests()
    {
        Assert.True(Test("match", "abc123", "[a-z]+\\d"));
        Assert.False(Test("match", "x abc", "abc"));
        Assert.False(Test("match", null, "x"));
        var request = D(("headers", D(("hx-request", "true"), ("HX-Target", "main"))));
        Assert.True(Test("hx_request", request));
        Assert.False(Test("hx_boosted", request));
        Assert.True(Test("hx_target", request, "main"));
        Assert.False(Test("hx_target", request, "side"));
    }
}
