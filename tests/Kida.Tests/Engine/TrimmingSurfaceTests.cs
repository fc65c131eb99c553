using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Kida.Runtime.Values;
using Kida.Workers;

namespace Kida.Tests.Engine;

/// <summary>
/// The trimming/AOT surface: object-taking entry points carry [RequiresUnreferencedCode], their dictionary-typed and
/// context-free twins do not, and every twin renders exactly what the object overload renders.
/// </summary>
public class TrimmingSurfaceTests
{
    private static readonly Dictionary<string, object?> Vars = new() { ["name"] = "Ada", ["items"] = new List<object?> { 1L, 2L } };

    private const string Source = "{% block b %}Hi {{ name }}{% endblock %}{% flush %}{% for i in items %}[{{ i }}]{% endfor %}";

    private static Template Template() => new TemplateEnvironment(new DictLoader(new Dictionary<string, string> { ["t.html"] = Source })).GetTemplate("t.html");

    private static bool Annotated(MethodBase m) => m.GetCustomAttribute<RequiresUnreferencedCodeAttribute>() is not null;

    private static bool TakesObject(MethodBase m) => m.GetParameters().Any(p => p.ParameterType == typeof(object));

    [Fact]
    public void Assembly_declares_itself_trimmable()
    {
        var metadata = typeof(Template).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>();
        Assert.Contains(metadata, a => a.Key == "IsTrimmable" && a.Value == "True");
    }

    [Theory]
    [InlineData(typeof(Template), "Render")]
    [InlineData(typeof(Template), "RenderAsync")]
    [InlineData(typeof(Template), "RenderBlock")]
    [InlineData(typeof(Template), "RenderStream")]
    [InlineData(typeof(TemplateEnvironment), "Render")]
    [InlineData(typeof(TemplateEnvironment), "RenderString")]
    [InlineData(typeof(Template), "RenderNative")]
    [InlineData(typeof(TemplateExpression), "Evaluate")]
    public void Object_overloads_warn_and_their_twins_do_not(Type type, string name)
    {
        var overloads = type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == name).ToList();
        Assert.Contains(overloads, TakesObject);
        foreach (var m in overloads) Assert.Equal(TakesObject(m), Annotated(m));
        Assert.Contains(overloads, m => m.GetParameters().Any(p => p.ParameterType == typeof(IReadOnlyDictionary<string, object?>)));
    }

    [Fact]
    public void AddGlobal_object_warns_AddGlobal_delegate_and_typed_filters_do_not()
    {
        var methods = typeof(TemplateEnvironment).GetMethods().Where(m => m.Name is "AddGlobal" or "AddFilter" or "AddTest").ToList();
        foreach (var m in methods) Assert.Equal(TakesObject(m), Annotated(m));
        var ctors = typeof(RenderJob).GetConstructors();
        Assert.True(Annotated(ctors.Single(c => c.GetParameters()[1].ParameterType == typeof(object))));
        Assert.False(Annotated(ctors.Single(c => c.GetParameters()[1].ParameterType == typeof(IReadOnlyDictionary<string, object?>))));
    }

    [Fact]
    public void Dictionary_twins_render_what_the_object_overloads_render()
    {
        var t = Template();
        var expected = t.Render((object)Vars);
        Assert.Equal("Hi Ada[1][2]", expected);
        Assert.Equal(expected, t.Render(Vars));
        Assert.Equal(expected, t.Render(Vars, CancellationToken.None));
        var pyDict = new PyDict { ["name"] = "Ada", ["items"] = new List<object?> { 1L, 2L } };
        Assert.Equal(expected, t.Render(pyDict));
        Dictionary<string, object> nonNullable = new() { ["name"] = "Ada", ["items"] = new List<object?> { 1L, 2L } };
        Assert.Equal(expected, t.Render(nonNullable!));
        var w = new StringWriter();
        t.Render(w, Vars);
        t.Render(w, Vars, CancellationToken.None);
        Assert.Equal(expected + expected, w.ToString());
        Assert.Equal(expected, string.Concat(t.RenderStream(Vars)));
        Assert.Equal(["Hi Ada", "[1][2]"], t.RenderStream(Vars).ToArray());
        Assert.Equal("Hi Ada", t.RenderBlock("b", Vars));
        Assert.Equal(expected, t.Environment.Render("t.html", Vars));
        Assert.Equal("Ada!", t.Environment.RenderString("{{ name }}!", Vars));
    }

    [Fact]
    public async Task Context_free_and_null_twins_render_with_no_variables()
    {
        var t = Template();
        Assert.Equal("Hi ", t.Render());
        Assert.Equal("Hi ", t.Render(null));
        Assert.Equal("Hi ", t.RenderBlock("b"));
        Assert.Equal("Hi ", t.RenderBlock("b", null));
        Assert.Equal("Hi ", string.Concat(t.RenderStream()));
        Assert.Equal("Hi ", string.Concat(t.RenderStream(null)));
        Assert.Equal("Hi ", t.Environment.Render("t.html"));
        Assert.Equal("x", t.Environment.RenderString("x"));
        var w = new StringWriter();
        t.Render(w, null);
        t.Render(w, null, CancellationToken.None);
        await t.RenderAsync(w);
        await t.RenderAsync(w, TestContext.Current.CancellationToken);
        await t.RenderAsync(w, Vars);
        await t.RenderAsync(w, Vars, TestContext.Current.CancellationToken);
        Assert.Equal("Hi Hi Hi Hi Hi Ada[1][2]Hi Ada[1][2]", w.ToString());
        Assert.Null(new RenderJob(t, null).Model);
    }

    [Fact]
    public void Registered_function_objects_expose_nothing_to_templates()
    {
        var env = new TemplateEnvironment().AddGlobal("f", (Func<int, int>)(x => x));
        Assert.Throws<TemplateSecurityException>(() => env.FromString("{{ f.Method }}").Render());
        Assert.Throws<TemplateSecurityException>(() => env.FromString("{{ f.Target }}").Render());
    }
}
