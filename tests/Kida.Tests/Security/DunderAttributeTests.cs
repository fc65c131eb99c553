namespace Kida.Tests.Security;

/// <summary>
/// A deliberate deviation from Jinja2's default Environment (docs/jinja2-compatibility.md): there,
/// <c>{{ 1.__class__ }}</c> prints <c>&lt;class 'int'&gt;</c> and templates can walk to the runtime; here dunder
/// attributes are undefined, as under Jinja2's SandboxedEnvironment (which prints nothing for them).
/// </summary>
public class DunderAttributeTests
{
    private static readonly Dictionary<string, object?> Context = new() { ["x"] = 1L, ["s"] = "text", ["d"] = new Dictionary<string, object?>() };

    [Theory]
    [InlineData("{{ x.__class__ }}")]
    [InlineData("{{ s.__class__ }}")]
    [InlineData("{{ d.__init__ }}")]
    public void Dunder_attributes_are_undefined(string source) =>
        Assert.Equal("", new TemplateEnvironment().FromString(source).Render(Context));

    [Theory]
    [InlineData("{{ x.__class__.__mro__ }}", "'int object' has no attribute '__class__'")]
    [InlineData("{{ s.__class__.__subclasses__() }}", "'str object' has no attribute '__class__'")]
    [InlineData("{{ d.__init__.__globals__ }}", "'dict object' has no attribute '__init__'")]
    public void Walking_on_from_one_is_an_undefined_error_as_for_any_undefined(string source, string reason)
    {
        var e = Assert.Throws<UndefinedVariableException>(() => new TemplateEnvironment().FromString(source).Render(Context));
        Assert.Equal(reason, e.Reason);
    }

    [Fact]
    public void Callables_refuse_introspection()
    {
        var e = Assert.Throws<TemplateSecurityException>(() => new TemplateEnvironment().FromString("{{ cycler.__init__ }}").Render(Context));
        Assert.Contains("templates cannot look into delegate objects", e.Message);
    }

    [Fact]
    public void Strict_undefined_reports_them_as_missing_rather_than_printing_the_runtime()
    {
        var env = new TemplateEnvironment(TemplateEnvironmentOptions.Default with { StrictUndefined = true });
        Assert.ThrowsAny<TemplateException>(() => env.FromString("{{ x.__class__ }}").Render(new Dictionary<string, object?> { ["x"] = 1L }));
    }
}
