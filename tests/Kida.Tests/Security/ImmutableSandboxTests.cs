namespace Kida.Tests.Security;

/// <summary>
/// TemplateEnvironmentOptions.ImmutableSandbox: Jinja2's ImmutableSandboxedEnvironment, whose SecurityError messages
/// these are ("access to attribute 'append' of 'list' object is unsafe.", checked against Jinja2 3.1.6 in
/// tests/tools/pin_chat_environment.py).
/// </summary>
public sealed class ImmutableSandboxTests
{
    private static readonly TemplateEnvironment Immutable = new(new TemplateEnvironmentOptions { ImmutableSandbox = true });

    [Theory]
    [InlineData("{% set _ = xs.append(1) %}", "append", "list")]
    [InlineData("{% do xs.extend([1]) %}", "extend", "list")]
    [InlineData("{{ xs.pop() }}", "pop", "list")]
    [InlineData("{% do xs.sort() %}", "sort", "list")]
    [InlineData("{% do xs.clear() %}", "clear", "list")]
    [InlineData("{% do d.update({'a': 2}) %}", "update", "dict")]
    [InlineData("{{ d.setdefault('b', 1) }}", "setdefault", "dict")]
    [InlineData("{{ d.pop('a') }}", "pop", "dict")]
    [InlineData("{% set f = xs.append %}{{ f(3) }}", "append", "list")]
    public void Mutating_methods_are_refused_and_the_data_is_unchanged(string source, string method, string type)
    {
        var xs = new List<object?> { 2L, 1L };
        var d = new Kida.Runtime.Values.PyDict { ["a"] = 1L };
        var e = Assert.Throws<TemplateSecurityException>(() =>
            Immutable.FromString(source).Render(new Dictionary<string, object?> { ["xs"] = xs, ["d"] = d }));
        Assert.Contains($"access to attribute '{method}' of '{type}' object is unsafe.", e.Message);
        Assert.Equal([2L, 1L], xs);
        Assert.Single(d);
    }

    [Fact]
    public void Reading_methods_set_and_namespaces_still_work()
    {
        var text = Immutable.FromString(
            "{% set ns = namespace(n=0) %}{% for x in xs %}{% set ns.n = ns.n + x %}{% endfor %}{{ ns.n }}|{{ xs.index(1) }}|{{ d.get('a') }}|{{ d.items() | list }}")
            .Render(new Dictionary<string, object?> { ["xs"] = new List<object?> { 2L, 1L }, ["d"] = new Kida.Runtime.Values.PyDict { ["a"] = 1L } });
        Assert.Equal("3|1|1|[('a', 1)]", text);
    }

    [Fact]
    public void The_default_sandbox_still_allows_them()
    {
        var xs = new List<object?>();
        new TemplateEnvironment().FromString("{% do xs.append(1) %}").Render(new Dictionary<string, object?> { ["xs"] = xs });
        Assert.Equal([1L], xs);
    }
}
