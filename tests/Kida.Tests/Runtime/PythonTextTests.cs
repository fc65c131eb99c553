using Kida.Runtime.Values;

namespace Kida.Tests.Runtime;

/// <summary>PythonText prints values as templates do (pinned against Python 3.11's str/repr).</summary>
public sealed class PythonTextTests
{
    [Theory]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e-07, "1.5e-07")]
    [InlineData(5.0, "5.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(123456789012345.0, "123456789012345.0")]
    public void Floats_repr_as_Python(double value, string expected) => Assert.Equal(expected, PythonText.Repr(value));

    [Fact]
    public void Str_and_repr_of_template_values()
    {
        Assert.Equal("True", PythonText.Str(true));
        Assert.Equal("None", PythonText.Str(null));
        Assert.Equal("a", PythonText.Str("a"));
        Assert.Equal("'a'", PythonText.Repr("a"));
        Assert.Equal("[1, 'x', None]", PythonText.Repr(new List<object?> { 1L, "x", null }));
    }
}
