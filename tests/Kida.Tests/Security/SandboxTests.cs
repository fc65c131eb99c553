using System.Diagnostics;
using System.Reflection;

namespace Kida.Tests.Security;

/// <summary>Issue #8: templates see data, never the .NET runtime behind it.</summary>
public class SandboxTests
{
    public sealed class Product
    {
        public string Name { get; init; } = "lamp";
        public decimal Price { get; init; } = 9.5m;
        public string FirstName = "Ada";
        public Type Kind { get; init; } = typeof(string);
        public Func<int> Callback { get; init; } = () => 42;
        public static string Secret { get; } = "static";
        public static string SecretField = "static field";
        public string Describe() => "method";
        public string this[string key] => "indexer:" + key;
    }

    private static readonly Dictionary<string, object?> Model = new()
    {
        ["p"] = new Product(),
        ["type"] = typeof(string),
        ["asm"] = typeof(string).Assembly,
        ["method"] = typeof(string).GetMethod("Trim", Type.EmptyTypes),
        ["fn"] = (Func<string>)(() => "called"),
        ["action"] = (Action)(() => throw new InvalidOperationException("must never run")),
        ["proc"] = Process.GetCurrentProcess(),
        ["domain"] = AppDomain.CurrentDomain,
        ["task"] = Task.FromResult(1),
        ["text"] = "abc",
        ["items"] = new List<object?> { 1, 2 },
        ["d"] = new Dictionary<string, object?> { ["a"] = 1 },
        ["exc"] = new InvalidOperationException("boom"),
    };

    private static TemplateEnvironment Env(TemplateEnvironmentOptions? options = null) => new(options ?? TemplateEnvironmentOptions.Default);

    private static TemplateSecurityException Refused(string source, TemplateEnvironment? env = null) =>
        Assert.Throws<TemplateSecurityException>(() => (env ?? Env()).FromString(source, "page.html").Render(Model));

    [Theory]
    [InlineData("{{ p.GetType() }}", "GetType")]
    [InlineData("{{ p.GetType }}", "GetType")]
    [InlineData("{{ p.get_type() }}", "get_type")]
    [InlineData("{{ p.ToString() }}", "ToString")]
    [InlineData("{{ p.GetHashCode() }}", "GetHashCode")]
    [InlineData("{{ p.Equals(p) }}", "Equals")]
    [InlineData("{{ p.Describe() }}", "Describe")]
    [InlineData("{{ p.describe }}", "describe")]
    [InlineData("{{ p.Secret }}", "Secret")]
    [InlineData("{{ p.SecretField }}", "SecretField")]
    [InlineData("{{ p.Kind }}", "Kind")]
    [InlineData("{{ p.Callback }}", "Callback")]
    [InlineData("{{ p['GetType'] }}", "GetType")]
    [InlineData("{{ p|attr('GetType') }}", "GetType")]
    [InlineData("{{ [p]|map(attribute='GetType')|list }}", "GetType")]
    [InlineData("{{ '{0.GetType}'.format(p) }}", "GetType")]
    [InlineData("{{ text.GetType() }}", "GetType")]
    [InlineData("{{ text.Split(',') }}", "Split")]
    [InlineData("{{ text.to_upper_invariant() }}", "to_upper_invariant")]
    [InlineData("{{ items.GetType() }}", "GetType")]
    [InlineData("{{ items.Add(3) }}", "Add")]
    [InlineData("{{ exc.TargetSite }}", "TargetSite")]
    [InlineData("{{ exc.GetBaseException() }}", "GetBaseException")]
    public void Dotnet_methods_static_members_and_dangerous_properties_are_refused_by_name(string source, string member)
    {
        var e = Refused(source);

        Assert.Equal(member, e.MemberName);
        Assert.Equal("K-SEC-001", e.Code);
        Assert.Contains($"'{member}'", e.Message);
        Assert.Equal("page.html", e.TemplateName);
        Assert.Equal(1, e.Line);
        Assert.IsAssignableFrom<TemplateException>(e);
    }

    [Theory]
    [InlineData("{{ type.Assembly }}")]
    [InlineData("{{ type.Name }}")]
    [InlineData("{{ type.FullName }}")]
    [InlineData("{{ type.assembly.location }}")]
    [InlineData("{{ asm.Location }}")]
    [InlineData("{{ asm.FullName }}")]
    [InlineData("{{ method.DeclaringType }}")]
    [InlineData("{{ method.Invoke }}")]
    [InlineData("{{ fn.Method }}")]
    [InlineData("{{ fn.Target }}")]
    [InlineData("{{ range.Method }}")]
    [InlineData("{{ range.method.module }}")]
    [InlineData("{{ proc.StartInfo }}")]
    [InlineData("{{ proc.Id }}")]
    [InlineData("{{ proc.Kill() }}")]
    [InlineData("{{ domain.BaseDirectory }}")]
    [InlineData("{{ task.Result }}")]
    [InlineData("{{ type|attr('Assembly') }}")]
    [InlineData("{{ type['Assembly'] }}")]
    [InlineData("{{ type|tojson }}")]
    [InlineData("{{ '{0.Assembly}'.format(type) }}")]
    [InlineData("{{ [type]|map(attribute='Assembly')|first }}")]
    [InlineData("{{ ([type]|sort(attribute='Name'))[0] }}")]
    public void Members_of_reflection_delegate_process_and_task_objects_are_refused_even_when_public(string source)
    {
        var e = Refused(source);

        Assert.Equal("K-SEC-001", e.Code);
        Assert.True(e.HasLocation);
    }

    [Theory]
    [InlineData("{{ fn() }}")]
    [InlineData("{{ action() }}")]
    [InlineData("{{ p.Callback() }}")]
    [InlineData("{% set f = fn %}{{ f() }}")]
    [InlineData("{{ [fn]|map('string')|list }}{{ fn() }}")]
    public void Delegates_found_in_the_context_are_never_called(string source)
    {
        var e = Refused(source);

        Assert.Contains("delegate", e.Message);
    }

    [Theory]
    [InlineData("{{ p.Name }}|{{ p.name }}|{{ p.first_name }}|{{ p.FirstName }}", "lamp|lamp|Ada|Ada")]
    [InlineData("{{ p.Price }}", "9.5")]
    [InlineData("{{ p['Name'] }}", "lamp")]
    [InlineData("{{ d.a }}|{{ d['a'] }}|{{ d.items()|list }}", "1|1|[('a', 1)]")]
    [InlineData("{{ text.upper() }}|{{ text.replace('b', 'x') }}|{{ items.index(2) }}", "ABC|axc|1")]
    [InlineData("{{ range(3)|list }}|{{ '%s-%s'|format(1, 2) }}", "[0, 1, 2]|1-2")]
    public void Public_properties_fields_keys_python_methods_filters_and_globals_still_work(string source, string expected)
    {
        Assert.Equal(expected, Env().FromString(source).Render(Model));
    }

    [Theory]
    [InlineData("{{ d.GetType }}")]
    [InlineData("{{ d.nothing }}")]
    [InlineData("{{ {}.GetType }}")]
    [InlineData("{{ {'a': 1}.ToString }}")]
    [InlineData("{{ text.nothing }}")]
    [InlineData("{{ p.nothing }}")]
    [InlineData("{{ p.Length }}")]
    [InlineData("{{ p.MemberwiseClone }}")]
    [InlineData("{{ text.Length }}")]
    public void Absent_names_stay_jinja2_lenient_undefined(string source)
    {
        Assert.Equal("", Env().FromString(source).Render(Model));
    }

    [Fact]
    public void A_missing_name_on_a_dictionary_is_undefined_under_strict_mode_but_never_a_security_error()
    {
        var env = Env(TemplateEnvironmentOptions.Default with { StrictUndefined = true });

        Assert.Throws<UndefinedVariableException>(() => env.FromString("{{ d.GetType }}").Render(Model));
    }

    [Fact]
    public void Indexers_of_context_objects_are_readable_through_the_subscript_syntax_only()
    {
        // Issue #8: templates read public indexers of context objects; the dot syntax stays attributes only.
        Assert.Equal("indexer:anything", Env().FromString("{{ p['anything'] }}").Render(Model));
        Assert.Equal("", Env().FromString("{{ p.anything }}").Render(Model));
    }

    [Fact]
    public void The_message_names_the_member_type_and_location_and_hints_at_the_policy()
    {
        var e = Refused("line one\n{{ p.GetType() }}");

        Assert.Equal(2, e.Line);
        Assert.Equal("GetType", e.MemberName);
        Assert.Contains(typeof(Product).FullName!, e.TypeName);
        Assert.Contains("page.html:2", e.Message);
        Assert.Contains("MemberAccess", e.Message);
    }

    [Fact]
    public void An_allowed_method_can_be_read_and_called_with_converted_arguments()
    {
        var policy = MemberAccessPolicy.Default.AllowMember(typeof(Product), "Describe").AllowMember(typeof(string), "PadLeft");
        var env = Env(TemplateEnvironmentOptions.Default with { MemberAccess = policy });

        Assert.Equal("method|  abc", env.FromString("{{ p.Describe() }}|{{ text.PadLeft(5) }}").Render(Model));
        Assert.Throws<TemplateSecurityException>(() => env.FromString("{{ p.GetType() }}").Render(Model));
    }

    [Fact]
    public void An_allowed_type_opens_its_public_members_including_on_reflection_objects()
    {
        var env = Env(TemplateEnvironmentOptions.Default with { MemberAccess = MemberAccessPolicy.Default.AllowMember(typeof(Type), "Name") });

        Assert.Equal("String", env.FromString("{{ type.Name }}").Render(Model));
        Assert.Throws<TemplateSecurityException>(() => env.FromString("{{ type.Assembly }}").Render(Model));
    }

    [Fact]
    public void A_callback_policy_decides_for_members_the_lists_do_not_name()
    {
        var asked = new List<string>();
        var policy = MemberAccessPolicy.Default.AllowWhen((type, name) =>
        {
            asked.Add($"{type.Name}.{name}");
            return type == typeof(Product) && name == "ToString";
        });
        var env = Env(TemplateEnvironmentOptions.Default with { MemberAccess = policy });

        Assert.Equal(typeof(Product).FullName, env.FromString("{{ p.ToString() }}").Render(Model));
        Assert.Throws<TemplateSecurityException>(() => env.FromString("{{ p.GetType() }}").Render(Model));
        Assert.Contains("Product.ToString", asked);
    }

    [Fact]
    public void A_policy_of_one_environment_does_not_leak_into_another_on_the_same_thread()
    {
        var open = Env(TemplateEnvironmentOptions.Default with { MemberAccess = MemberAccessPolicy.Default.AllowMember(typeof(Product), "Describe") });
        var closed = Env();
        var inner = closed.FromString("{{ p.Describe() }}");
        // A filter of the open environment renders a template of the closed one, mid-render.
        var nested = new TemplateEnvironment(TemplateEnvironmentOptions.Default with
        {
            MemberAccess = MemberAccessPolicy.Default.AllowMember(typeof(Product), "Describe"),
            Filters = new Dictionary<string, FilterFunction> { ["inner"] = (_, _) => inner.Render(Model) },
        });

        Assert.Equal("method", open.FromString("{{ p.Describe() }}").Render(Model));
        Assert.Throws<TemplateSecurityException>(() => nested.FromString("{{ 1|inner }}").Render(Model));
        Assert.Equal("method", nested.FromString("{{ p.Describe() }}").Render(Model));
    }

    [Fact]
    public async Task Block_stream_and_async_renders_apply_the_same_sandbox_and_policy()
    {
        const string source = "{% block b %}{{ p.Describe() }}{% endblock %}";
        var closed = Env().FromString(source);
        var open = Env(TemplateEnvironmentOptions.Default with { MemberAccess = MemberAccessPolicy.Default.AllowMember(typeof(Product), "Describe") })
            .FromString(source);

        Assert.Throws<TemplateSecurityException>(() => closed.RenderBlock("b", Model));
        Assert.Throws<TemplateSecurityException>(() => closed.RenderStream(Model).ToList());
        await Assert.ThrowsAsync<TemplateSecurityException>(async () => await closed.RenderAsync(TextWriter.Null, Model, TestContext.Current.CancellationToken));
        Assert.Equal("method", open.RenderBlock("b", Model));
        Assert.Equal("method", string.Concat(open.RenderStream(Model)));
        var writer = new StringWriter();
        await open.RenderAsync(writer, Model, TestContext.Current.CancellationToken);
        Assert.Equal("method", writer.ToString());
    }

    [Fact]
    public void Application_filters_tests_and_function_globals_remain_callable()
    {
        var env = Env(TemplateEnvironmentOptions.Default with
        {
            Filters = new Dictionary<string, FilterFunction> { ["shout"] = (v, _) => v + "!" },
            Tests = new Dictionary<string, TestFunction> { ["lamp"] = (v, _) => Equals(v, "lamp") },
            Globals = new Dictionary<string, object?> { ["greet"] = (TemplateFunction)(a => "hi " + a.Positional[0]) },
        });

        Assert.Equal("lamp!|True|hi x", env.FromString("{{ p.Name|shout }}|{{ p.Name is lamp }}|{{ greet('x') }}").Render(Model));
    }

    [Fact]
    public void Objects_the_engine_hands_to_templates_expose_only_their_python_attributes()
    {
        var source = "{% macro m() %}{% endmacro %}{% for x in [1] %}{{ loop.GetType }}{% endfor %}{{ m.GetType }}{{ self.GetType }}" +
            "{{ cycler(1).GetType }}{{ namespace().GetType }}{{ range(2).GetType }}";

        Assert.Equal("", Env().FromString(source).Render(Model));
    }
}
