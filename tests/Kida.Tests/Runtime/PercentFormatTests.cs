using Kida.Runtime.Values;
using static Kida.Tests.Runtime.R;

namespace Kida.Tests.Runtime;

// Expected values come from Python 3 / Jinja2 3.1.6.
public class PercentFormatTests
{
    [Fact]
    public void Formats_every_conversion_like_python()
    {
        var args = T(3.14159, "ab", 5L, -42L, 255L, 255L, 255L, 8L, 12345.678, 0.00001234, 1e20, "x", 65L, "abcdef");
        Assert.Equal(" 3.14|ab    |+5|-0042|ff|FF|0xff|10|1.234568e+04|1.234e-05|1e+20|'x'|A|%|abc",
            PercentFormat.Format("%5.2f|%-6s|%+d|%05d|%x|%X|%#x|%o|%e|%g|%g|%r|%c|%%|%.3s", args));
    }

    [Fact]
    public void Named_fields_read_a_mapping()
    {
        Assert.Equal("1 'q'", PercentFormat.Format("%(a)s %(b)r", D(("a", 1L), ("b", "q"))));
        Assert.Equal("{'a': 1}", PercentFormat.Format("%s", D(("a", 1L))));
    }

    [Fact]
    public void A_single_value_need_not_be_a_tuple()
    {
        Assert.Equal("7 items", PercentFormat.Format("%d items", 7L));
        Assert.Equal("3", PercentFormat.Format("%d", 3.99));
        Assert.Equal("0.12", PercentFormat.Format("%.2f", 0.125));
    }

    [Theory]
    [InlineData("%s %s", "not enough arguments for format string")]
    [InlineData("%d", "%d format: a real number is required, not str")]
    [InlineData("%z", "unsupported format character 'z' (0x7a) at index 1")]
    public void Errors_use_python_messages(string format, string message)
    {
        var e = Assert.Throws<TemplateRuntimeException>(() => PercentFormat.Format(format, "x"));
        Assert.Equal(message, e.Reason);
    }

    [Fact]
    public void Extra_arguments_are_an_error()
    {
        var e = Assert.Throws<TemplateRuntimeException>(() => PercentFormat.Format("%s", T(1L, 2L)));
        Assert.Equal("not all arguments converted during string formatting", e.Reason);
    }

    [Fact]
    public void Markup_format_escapes_arguments()
    {
        var r = PercentFormat.Format(new Markup("%s<"), "<");
        Assert.Equal("&lt;<", Assert.IsType<Markup>(r).Value);
    }
}
