using System.Numerics;

namespace Kida.Tests.Runtime;

/// <summary>Ordinary typed delegates registered as globals, filters and tests, called with Python's rules.</summary>
public class TypedDelegateTests
{
    public enum Color { Red, Green, Blue }

    public delegate string Greeter(string name, string greeting = "Hello", int times = 1);

    public delegate void ByRef(ref int x);

    public delegate int WithOut(out int x);

    private static string Render(TemplateEnvironment env, string source, object? model = null) => env.FromString(source).Render(model);

    private static string Global(string source, string name, Delegate d, object? model = null) =>
        Render(new TemplateEnvironment().AddGlobal(name, d), source, model);

    private static TemplateRuntimeException Fails(string source, string name, Delegate d)
    {
        var env = new TemplateEnvironment().AddGlobal(name, d);
        var template = env.FromString(source);
        return Assert.Throws<TemplateRuntimeException>(() => template.Render());
    }

    // --- globals: the case from the issue and each conversion ---

    [Fact]
    public void Func_int_int_global_is_callable() =>
        Assert.Equal("6", Global("{{ f(3) }}", "f", (Func<int, int>)(x => x * 2)));

    [Fact]
    public void Func_passed_to_AddGlobal_object_is_adapted_too()
    {
        object value = (Func<int, int>)(x => x + 1);
        Assert.Equal("5", Render(new TemplateEnvironment().AddGlobal("f", value), "{{ f(4) }}"));
    }

    [Fact]
    public void Lambda_with_natural_type_binds_to_the_delegate_overload() =>
        Assert.Equal("ab!", Render(new TemplateEnvironment().AddGlobal("f", (string a, string b) => a + b + "!"), "{{ f('a', 'b') }}"));

    [Fact]
    public void Options_globals_adapt_delegates()
    {
        var env = new TemplateEnvironment(TemplateEnvironmentOptions.Default with
        {
            Globals = new Dictionary<string, object?> { ["twice"] = (Func<long, long>)(x => x * 2) },
        });
        Assert.Equal("14", Render(env, "{{ twice(7) }}"));
    }

    [Theory]
    [InlineData("{{ f(7) }}", "long")]
    [InlineData("{{ f(True) }}", "long")]
    public void Template_int_to_long(string source, string _) =>
        Assert.Equal(source.Contains("True") ? "1" : "7", Global(source, "f", (Func<long, long>)(x => x)));

    [Fact]
    public void Int_narrowing_types_receive_their_value()
    {
        Assert.Equal("32767", Global("{{ f(32767) }}", "f", (Func<short, short>)(x => x)));
        Assert.Equal("255", Global("{{ f(255) }}", "f", (Func<byte, int>)(x => x)));
        Assert.Equal("-128", Global("{{ f(-128) }}", "f", (Func<sbyte, int>)(x => x)));
        Assert.Equal("4000000000", Global("{{ f(4000000000) }}", "f", (Func<uint, uint>)(x => x)));
        Assert.Equal("18446744073709551615", Global("{{ f(18446744073709551615) }}", "f", (Func<ulong, ulong>)(x => x)));
        Assert.Equal("123456789012345678901234567890", Global("{{ f(123456789012345678901234567890) }}", "f", (Func<BigInteger, BigInteger>)(x => x)));
    }

    [Fact]
    public void Int_overflow_names_the_parameter()
    {
        var e = Fails("{{ f(3000000000) }}", "f", (Func<int, int>)(x => x));
        Assert.Equal("f(): parameter 'x': 3000000000 is out of range for int", e.Reason);
        Assert.Equal("f(): parameter 'b': 256 is out of range for byte", Fails("{{ f(256) }}", "f", (Func<byte, int>)(b => b)).Reason);
        Assert.Equal("f(): parameter 'u': -1 is out of range for uint", Fails("{{ f(-1) }}", "f", (Func<uint, uint>)(u => u)).Reason);
    }

    [Fact]
    public void Ints_and_floats_to_floating_types()
    {
        Assert.Equal("1.5", Global("{{ f(0.75) }}", "f", (Func<double, double>)(x => x * 2)));
        Assert.Equal("6.0", Global("{{ f(3) }}", "f", (Func<double, double>)(x => x * 2)));
        Assert.Equal("0.5", Global("{{ f(0.25) }}", "f", (Func<float, float>)(x => x * 2)));
        Assert.Equal("System.Decimal 2.5", Global("{{ f(2.5) }}", "f", (Func<decimal, string>)(x => $"{x.GetType()} {x.ToString(System.Globalization.CultureInfo.InvariantCulture)}")));
        Assert.Equal("12", Global("{{ f(12) }}", "f", (Func<decimal, string>)(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Float_is_never_an_int_implicitly()
    {
        var e = Fails("{{ f(2.5) }}", "f", (Func<int, int>)(x => x));
        Assert.Equal("f(): parameter 'x' expects int, got float (2.5)", e.Reason);
    }

    [Fact]
    public void String_mismatch_message()
    {
        var e = Fails("{{ f('abc') }}", "f", (Func<int, int>)(x => x));
        Assert.Equal("f(): parameter 'x' expects int, got str ('abc')", e.Reason);
        Assert.Equal("f(): parameter 's' expects str, got int (5)", Fails("{{ f(5) }}", "f", (Func<string, string>)(s => s)).Reason);
    }

    [Fact]
    public void Mismatch_during_render_carries_the_template_location()
    {
        var env = new TemplateEnvironment().AddGlobal("f", (Func<int, int>)(x => x));
        var template = env.FromString("line one\n{{ f('abc') }}", "page.html");
        var e = Assert.Throws<TemplateRuntimeException>(() => template.Render());
        Assert.Equal("page.html", e.TemplateName);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Strings_chars_and_markup()
    {
        Assert.Equal("ABC", Global("{{ f('abc') }}", "f", (Func<string, string>)(s => s.ToUpperInvariant())));
        Assert.Equal("y", Global("{{ f('x') }}", "f", (Func<char, char>)(c => (char)(c + 1))));
        Assert.Equal("f(): parameter 'c' expects a str of length 1, got 'xy'", Fails("{{ f('xy') }}", "f", (Func<char, char>)(c => c)).Reason);
        var env = new TemplateEnvironment(TemplateEnvironmentOptions.Default with { Autoescape = true }).AddGlobal("len", (Func<string, int>)(s => s.Length));
        Assert.Equal("8", Render(env, "{{ len('<b>x</b>'|safe) }}"));
    }

    [Fact]
    public void None_becomes_null_for_reference_and_nullable_types()
    {
        Assert.Equal("null", Global("{{ f(None) }}", "f", (Func<string?, string>)(s => s ?? "null")));
        Assert.Equal("none", Global("{{ f(None) }}", "f", (Func<int?, string>)(x => x?.ToString() ?? "none")));
        Assert.Equal("4", Global("{{ f(4) }}", "f", (Func<int?, string>)(x => x?.ToString() ?? "none")));
        Assert.Equal("null", Global("{{ f(missing) }}", "f", (Func<object?, string>)(o => o is null ? "null" : o.GetType().Name)));
        Assert.Equal("f(): parameter 'x' expects int, got None", Fails("{{ f(None) }}", "f", (Func<int, int>)(x => x)).Reason);
    }

    [Fact]
    public void Bools_only_from_bools()
    {
        Assert.Equal("False", Global("{{ f(True) }}", "f", (Func<bool, bool>)(b => !b)));
        Assert.Equal("f(): parameter 'b' expects bool, got int (1)", Fails("{{ f(1) }}", "f", (Func<bool, bool>)(b => b)).Reason);
    }

    [Fact]
    public void Object_parameter_receives_the_raw_template_value() =>
        Assert.Equal("Int64 String Boolean Double",
            Global("{{ f(1) }} {{ f('a') }} {{ f(True) }} {{ f(1.5) }}", "f", (Func<object, string>)(o => o.GetType().Name)));

    [Fact]
    public void Enums_by_number_or_name()
    {
        Assert.Equal("Blue Green", Global("{{ f(2) }} {{ f('Green') }}", "f", (Func<Color, string>)(c => c.ToString())));
        Assert.Equal("f(): parameter 'c' expects Color (int or member name), got str ('Pink')", Fails("{{ f('Pink') }}", "f", (Func<Color, string>)(c => c.ToString())).Reason);
    }

    [Fact]
    public void Lists_to_arrays_and_sequences()
    {
        Assert.Equal("6", Global("{{ f([1, 2, 3]) }}", "f", (Func<int[], int>)(xs => xs.Sum())));
        Assert.Equal("6", Global("{{ f((1, 2, 3)) }}", "f", (Func<IEnumerable<int>, int>)(xs => xs.Sum())));
        Assert.Equal("3", Global("{{ f(['a', 'b', 'c']) }}", "f", (Func<IReadOnlyList<string>, int>)(xs => xs.Count)));
        Assert.Equal("a-b", Global("{{ f(['a', 'b']) }}", "f", (Func<IList<string>, string>)(xs => string.Join('-', xs))));
        Assert.Equal("2", Global("{{ f([1, 'x']) }}", "f", (Func<IReadOnlyList<object?>, int>)(xs => xs.Count)));
        Assert.Equal("abc", Global("{{ f('abc'|list) }}", "f", (Func<System.Collections.IEnumerable, string>)(xs => string.Concat(xs.Cast<object>()))));
        Assert.Equal("f(): parameter 'xs' item 1 expects int, got str ('b')", Fails("{{ f([1, 'b']) }}", "f", (Func<int[], int>)(xs => xs.Length)).Reason);
        Assert.Equal("f(): parameter 'xs' expects list[int], got str ('abc')", Fails("{{ f('abc') }}", "f", (Func<int[], int>)(xs => xs.Length)).Reason);
    }

    [Fact]
    public void Dicts_to_dictionaries()
    {
        Assert.Equal("a=1,b=2", Global("{{ f({'a': 1, 'b': 2}) }}", "f",
            (Func<IReadOnlyDictionary<string, object?>, string>)(d => string.Join(',', d.Select(kv => $"{kv.Key}={kv.Value}")))));
        Assert.Equal("2", Global("{{ f({'a': 1, 'b': 2}) }}", "f", (Func<IDictionary<string, object?>, int>)(d => d.Count)));
        Assert.Equal("1", Global("{{ f({1: 'x'}) }}", "f", (Func<System.Collections.IDictionary, int>)(d => d.Count)));
        Assert.Equal("f(): parameter 'd' expects a dict with str keys, got a int key (1)",
            Fails("{{ f({1: 'x'}) }}", "f", (Func<IDictionary<string, object?>, int>)(d => d.Count)).Reason);
    }

    [Fact]
    public void Model_objects_pass_through_by_type()
    {
        var uri = new Uri("https://example.com/a");
        Assert.Equal("example.com", Global("{{ host(u) }}", "host", (Func<Uri, string>)(u => u.Host), new { u = uri }));
        Assert.Equal("host(): parameter 'u' expects Uri, got str ('x')", Fails("{{ host('x') }}", "host", (Func<Uri, string>)(u => u.Host)).Reason);
    }

    [Fact]
    public void Return_values_become_template_values()
    {
        var env = new TemplateEnvironment()
            .AddGlobal("i", (Func<int>)(() => 2))
            .AddGlobal("b", (Func<bool>)(() => true))
            .AddGlobal("m", (Func<decimal>)(() => 2.5m))
            .AddGlobal("c", (Func<char>)(() => 'x'))
            .AddGlobal("v", (Action)(() => { }));
        Assert.Equal("3 True 2.5 x True", Render(env, "{{ i() + 1 }} {{ b() }} {{ m() }} {{ c() }} {{ v() is none }}"));
        Assert.Equal("[1, 2]", Global("{{ f() | list }}", "f", (Func<List<object?>>)(() => [1L, 2L])));
    }

    // --- binding: defaults, params, keywords ---

    [Fact]
    public void Defaults_are_used_when_omitted()
    {
        var env = new TemplateEnvironment().AddGlobal("greet", (Greeter)Greet);
        Assert.Equal("Hello Ada|Hi Ada|Hello AdaHello Ada", Render(env, "{{ greet('Ada') }}|{{ greet('Ada', 'Hi') }}|{{ greet('Ada', times=2) }}"));
    }

    private static string Greet(string name, string greeting = "Hello", int times = 1) =>
        string.Concat(Enumerable.Repeat($"{greeting} {name}", times));

    [Fact]
    public void Lambda_defaults_and_params_arrays()
    {
        var env = new TemplateEnvironment()
            .AddGlobal("scaled", (int x, int factor = 10) => x * factor)
            .AddGlobal("total", (string label, params int[] values) => $"{label}:{values.Sum()}:{values.Length}");
        Assert.Equal("30 6", Render(env, "{{ scaled(3) }} {{ scaled(3, 2) }}"));
        Assert.Equal("a:0:0 b:6:3", Render(env, "{{ total('a') }} {{ total('b', 1, 2, 3) }}"));
        Assert.Equal("total(): parameter 'values' item 1 expects int, got str ('x')", Assert.Throws<TemplateRuntimeException>(() => Render(env, "{{ total('c', 1, 'x') }}")).Reason);
    }

    [Fact]
    public void Method_group_with_params_and_defaults()
    {
        var env = new TemplateEnvironment().AddGlobal("join", (Func<string, string[], string>)JoinAll);
        Assert.Equal("a,b,c", Render(env, "{{ join(',', 'a', 'b', 'c') }}"));
        Assert.Equal("", Render(env, "{{ join(',') }}"));
    }

    private static string JoinAll(string separator, params string[] parts) => string.Join(separator, parts);

    [Fact]
    public void Keyword_arguments_by_parameter_name()
    {
        var env = new TemplateEnvironment().AddGlobal("greet", (Greeter)Greet);
        Assert.Equal("Hey Bo", Render(env, "{{ greet(greeting='Hey', name='Bo') }}"));
    }

    [Fact]
    public void Python_like_binding_errors()
    {
        var env = new TemplateEnvironment()
            .AddGlobal("f", (Func<int, int, int, int>)((x, y, z) => x + y + z))
            .AddGlobal("g", (Func<int, int>)(x => x))
            .AddGlobal("h", (Func<int>)(() => 1))
            .AddGlobal("k", (int x, int y = 1) => x + y);
        string Error(string source) => Assert.Throws<TemplateRuntimeException>(() => Render(env, source)).Reason;
        // Each message is Python 3's for the same def and call (python3 -c "def f(x,y,z): pass; f()" and so on).
        Assert.Equal("f() missing 3 required positional arguments: 'x', 'y', and 'z'", Error("{{ f() }}"));
        Assert.Equal("f() missing 2 required positional arguments: 'y' and 'z'", Error("{{ f(1) }}"));
        Assert.Equal("g() missing 1 required positional argument: 'x'", Error("{{ g() }}"));
        Assert.Equal("f() takes 3 positional arguments but 4 were given", Error("{{ f(1, 2, 3, 4) }}"));
        Assert.Equal("g() takes 1 positional argument but 2 were given", Error("{{ g(1, 2) }}"));
        Assert.Equal("h() takes 0 positional arguments but 1 was given", Error("{{ h(1) }}"));
        Assert.Equal("k() takes from 1 to 2 positional arguments but 3 were given", Error("{{ k(1, 2, 3) }}"));
        Assert.Equal("f() got an unexpected keyword argument 'w'", Error("{{ f(1, 2, 3, w=1) }}"));
        Assert.Equal("f() got multiple values for argument 'x'", Error("{{ f(1, 2, 3, x=1) }}"));
    }

    [Fact]
    public void Exceptions_from_the_delegate_become_runtime_errors()
    {
        var e = Fails("{{ f() }}", "f", (Func<int>)(() => throw new InvalidOperationException("no stock")));
        Assert.Equal("f() failed: InvalidOperationException: no stock", e.Reason);
        Assert.IsType<InvalidOperationException>(e.InnerException);
    }

    // --- registration refusals ---

    [Fact]
    public void Unadaptable_signatures_are_refused_at_registration()
    {
        var env = new TemplateEnvironment();
        var byRef = Assert.Throws<ArgumentException>(() => env.AddGlobal("r", (ByRef)((ref int x) => x++)));
        Assert.Contains("'r' cannot be called from templates: parameter 'x' it is passed by reference (ref/out/in)", byRef.Message);
        var outParam = Assert.Throws<ArgumentException>(() => env.AddGlobal("o", (WithOut)((out int x) => x = 1)));
        Assert.Contains("parameter 'x' it is passed by reference", outParam.Message);
        Assert.Contains("must return bool, not int", Assert.Throws<ArgumentException>(() => env.AddTest("t", (Func<int, int>)(x => x))).Message);
        Assert.Contains("must take the filtered value as its first parameter", Assert.Throws<ArgumentException>(() => env.AddFilter("f", (Func<int>)(() => 1))).Message);
    }

    // --- filters and tests ---

    [Fact]
    public void Typed_filter_receives_the_piped_value_first()
    {
        var env = new TemplateEnvironment()
            .AddFilter("repeat", (string s, int n = 2) => string.Concat(Enumerable.Repeat(s, n)))
            .AddFilter("cents", (Func<decimal, long>)(m => (long)(m * 100)));
        Assert.Equal("abab|abcabcabc|250", Render(env, "{{ 'ab'|repeat }}|{{ 'abc'|repeat(3) }}|{{ 2.5|cents }}"));
        Assert.Equal("xxxx", Render(env, "{{ 'x'|repeat(n=4) }}"));
        Assert.Equal("repeat(): parameter 's' expects str, got int (5)", Assert.Throws<TemplateRuntimeException>(() => Render(env, "{{ 5|repeat }}")).Reason);
    }

    [Fact]
    public void Typed_test_returns_bool()
    {
        var env = new TemplateEnvironment().AddTest("multiple_of", (long n, long k) => n % k == 0);
        Assert.Equal("yes no", Render(env, "{{ 'yes' if 9 is multiple_of(3) else 'no' }} {{ 'yes' if 10 is multiple_of(3) else 'no' }}"));
        Assert.Equal("1", Render(env, "{{ [3, 4, 6, 7]|select('multiple_of', 6)|list|length }}"));
    }

    [Fact]
    public void Full_control_delegates_are_stored_unwrapped()
    {
        TemplateFunction tf = args => args.Count;
        FilterFunction ff = (v, _) => v;
        TestFunction tt = (_, _) => true;
        var env = new TemplateEnvironment().AddGlobal("tf", tf).AddFilter("ff", ff).AddTest("tt", tt);
        Assert.Same(tf, env.Globals["tf"]);
        Assert.Same(ff, env.Filters["ff"]);
        Assert.Same(tt, env.Tests["tt"]);
        Assert.Equal("2", Render(env, "{{ tf(1, b=2) }}"));
    }

    private static object? Echo(object? value, CallArguments args) => $"{value}/{args.Count}";

    private static bool Always(object? value, CallArguments args) => true;

    private static object? Count(CallArguments args) => args.Count;

    [Fact]
    public void Method_groups_of_the_full_control_shapes_keep_the_full_control_path()
    {
        var env = new TemplateEnvironment().AddFilter("echo", Echo).AddTest("always", Always).AddGlobal("count", (Func<CallArguments, object?>)Count);
        Assert.Equal("x/2 True 3", Render(env, "{{ 'x'|echo(1, 2) }} {{ 1 is always }} {{ count(1, 2, c=3) }}"));
    }

    [Fact]
    public void Untyped_filter_lambdas_keep_binding_to_the_existing_overloads()
    {
        var env = new TemplateEnvironment()
            .AddFilter("one", v => $"<{v}>")
            .AddFilter("two", (v, args) => $"{v}{args.Count}")
            .AddTest("odd", v => v is long l && l % 2 == 1);
        Assert.Equal("<1> 11 True", Render(env, "{{ 1|one }} {{ 1|two(0) }} {{ 3 is odd }}"));
        Assert.Null(new TemplateEnvironment().AddGlobal("n", null).Globals["n"]);
    }

    [Fact]
    public void Callable_test_and_printing()
    {
        var env = new TemplateEnvironment().AddGlobal("f", (Func<int, int>)(x => x));
        Assert.Equal("True", Render(env, "{{ f is callable }}"));
    }

    // --- the sandbox: data delegates stay refused ---

    [Fact]
    public void Delegates_from_template_data_are_still_refused()
    {
        var env = new TemplateEnvironment();
        var model = new Dictionary<string, object?> { ["fn"] = (Func<int, int>)(x => x * 2) };
        Assert.Throws<TemplateSecurityException>(() => Render(env, "{{ fn(3) }}", model));
    }

    // --- concurrency ---

    [Fact]
    public void Concurrent_renders_share_one_adapter()
    {
        var env = new TemplateEnvironment()
            .AddGlobal("mul", (long a, long b = 2) => a * b)
            .AddFilter("pad", (string s, int width) => s.PadLeft(width, '0'));
        var template = env.FromString("{% for i in range(n) %}{{ mul(i, b=k) }}:{{ i|string|pad(3) }};{% endfor %}");
        var failures = 0;
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var k = i % 5 + 1;
            var expected = string.Concat(Enumerable.Range(0, 20).Select(j => $"{j * k}:{j:000};"));
            for (var r = 0; r < 20; r++)
                if (template.Render(new Dictionary<string, object?> { ["n"] = 20, ["k"] = k }) != expected) Interlocked.Increment(ref failures);
        });
        Assert.Equal(0, failures);
    }
}
