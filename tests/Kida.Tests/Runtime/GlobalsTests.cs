using Kida.Runtime.Globals;
using Kida.Runtime.Values;
using static Kida.Tests.Runtime.R;

namespace Kida.Tests.Runtime;

// Expected values come from Jinja2 3.1.6.
public class GlobalsTests
{
    [Fact]
    public void Range_follows_python_and_prints_like_python()
    {
        Assert.Equal("0,1,2,3,4", F("join", Call("range", 5L), ","));
        Assert.Equal("2,3,4,5", F("join", Call("range", 2L, 6L), ","));
        Assert.Equal("", F("join", Call("range", 5L, 2L), ","));
        Assert.Equal("10,7,4,1", F("join", Call("range", 10L, 0L, -3L), ","));
        Assert.Equal("range(0, 5)", PyFormat.Str(Call("range", 5L)));
        Assert.Equal("range(0, 10, 2)", PyFormat.Str(Call("range", 0L, 10L, 2L)));
        Assert.Equal(3, PyOps.Len(Call("range", 3L)));
        Assert.False(PyOps.IsTrue(Call("range", 0L)));
    }

    [Fact]
    public void Range_refuses_more_than_100000_items()
    {
        Assert.Throws<TemplateRuntimeException>(() => Call("range", 100_001L));
        Assert.Equal(100_000, PyOps.Len(Call("range", 100_000L)));
        Assert.Throws<TemplateRuntimeException>(() => Call("range", 1L, 2L, 0L));
        Assert.Throws<TemplateRuntimeException>(() => Call("range", "3"));
    }

    [Fact]
    public void Dict_builds_from_keywords_and_pairs()
    {
        var d = (PyDict)CallKw("dict", [], ("a", 1L), ("b", "two"))!;
        Assert.Equal("{'a': 1, 'b': 'two'}", PyFormat.Str(d));
        Assert.Equal("{'x': 1}", PyFormat.Str(Call("dict", L(T("x", 1L)))));
        Assert.Empty((PyDict)Call("dict")!);
    }

    [Fact]
    public void Cycler_cycles_and_resets()
    {
        var c = (Cycler)Call("cycler", "red", "green", "blue")!;
        c.TryGetAttribute("next", out var next);
        var call = (IPyCallable)next!;
        Assert.Equal("red green blue red", string.Join(" ", Enumerable.Range(0, 4).Select(_ => call.Call(CallArguments.Empty))));
        c.TryGetAttribute("current", out var current);
        Assert.Equal("green", current);
        c.TryGetAttribute("reset", out var reset);
        ((IPyCallable)reset!).Call(CallArguments.Empty);
        Assert.Equal("red", c.Current);
    }

    [Fact]
    public void Joiner_returns_empty_then_separator()
    {
        var j = (IPyCallable)Call("joiner", ", ")!;
        Assert.Equal("x, y, z", string.Concat(new[] { "x", "y", "z" }.Select(t => PyFormat.Str(j.Call(CallArguments.Empty)) + t)));
    }

    [Fact]
    public void Namespace_is_a_mutable_attribute_bag()
    {
        var ns = (Namespace)CallKw("namespace", [], ("a", 1L))!;
        ns.Set("b", 2L);
        Assert.True(ns.TryGetAttribute("b", out var b));
        Assert.Equal(2L, b);
        Assert.Equal("<Namespace {'a': 1, 'b': 2}>", PyFormat.Str(ns));
    }

    [Fact]
    public void Lipsum_is_markup_paragraphs_by_default()
    {
        var text = Assert.IsType<Markup>(Call("lipsum", 2L));
        Assert.StartsWith("<p>", text.Value);
        Assert.Equal(2, text.Value.Split("<p>").Length - 1);
        Assert.Equal(PyFormat.Str(Call("lipsum", 1L, false)), PyFormat.Str(Call("lipsum", 1L, false)));
    }

    [Fact]
    public void Raise_exception_is_opt_in_and_raises_the_message()
    {
        Assert.False(Globals.ContainsKey("raise_exception"));
        var e = Assert.Throws<TemplateRuntimeException>(() => BuiltinGlobals.RaiseException(new CallArguments(["Bad role!"])));
        Assert.Equal("Bad role!", e.Reason);
    }

    [Fact]
    public void Kida_python_builtins_are_separate()
    {
        Assert.False(Globals.ContainsKey("len"));
        var g = new Dictionary<string, object?>();
        BuiltinGlobals.RegisterKidaBuiltins(g);
        object? Run(string name, params object?[] args) => ((TemplateFunction)g[name]!)(new CallArguments(args));
        Assert.Equal("3", PyFormat.Str(Run("len", L(1L, 2L, 3L))));
        Assert.Equal("[(0, 'a'), (1, 'b')]", PyFormat.Str(Run("enumerate", L("a", "b"))));
        Assert.Equal("[(1, 'a'), (2, 'b')]", PyFormat.Str(Run("zip", L(1L, 2L, 3L), L("a", "b"))));
        Assert.Equal("[1, 2, 3]", PyFormat.Str(Run("sorted", L(3L, 1L, 2L))));
        Assert.Equal("{1, 2}", PyFormat.Str(Run("set", L(1L, 2L, 1L))));
        Assert.Equal("(1, 2)", PyFormat.Str(Run("tuple", L(1L, 2L))));
        Assert.Equal("3", PyFormat.Str(Run("max", 1L, 3L, 2L)));
        Assert.Equal("1", PyFormat.Str(Run("min", L(3L, 1L))));
        Assert.Equal("42", PyFormat.Str(Run("int", "42")));
        Assert.Throws<TemplateRuntimeException>(() => Run("int", "x"));
    }
}
