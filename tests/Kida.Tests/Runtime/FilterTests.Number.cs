using static Kida.Tests.Runtime.R;

namespace Kida.Tests.Runtime;

// Expected values come from Jinja2 3.1.6.
public class FilterNumberTests
{
    [Fact]
    public void Abs_keeps_the_number_type()
    {
        Assert.Equal("5", F("abs", -5L));
        Assert.Equal("2.5", F("abs", -2.5));
        Assert.Throws<TemplateRuntimeException>(() => F("abs", "x"));
    }

    [Fact]
    public void Int_parses_like_python_with_float_fallback()
    {
        Assert.Equal("42 4 3 -3 0 -1 255 26 12 1",
            string.Join(" ", F("int", "42"), F("int", "4.7"), F("int", 3.99), F("int", -3.99), F("int", "abc"), F("int", "abc", -1L),
                FKw("int", "ff", [], ("base", 16L)), F("int", "0x1A", 0L, 16L), F("int", " 12 "), F("int", true)));
        Assert.Equal("0 1000 5 -7 3 1000 0", string.Join(" ", F("int", "12abc"), F("int", "1_000"), F("int", "0b101", 0L, 0L),
            F("int", "  -7 "), F("int", 3.0), F("int", "1e3"), F("int", null)));
        Assert.Equal("10", FKw("int", "010", [], ("base", 0L)));
        Assert.Equal("123456789012345678901234567890", F("int", "123456789012345678901234567890"));
    }

    [Fact]
    public void Float_parses_with_default()
    {
        Assert.Equal("3.25 0.0 1.5 4.0 100.0 nan inf",
            string.Join(" ", F("float", "3.25"), F("float", "abc"), F("float", "x", 1.5), F("float", 4L), F("float", "1e2"), F("float", "nan"), F("float", "inf")));
    }

    [Fact]
    public void Round_rounds_half_to_even_on_the_exact_binary_value()
    {
        Assert.Equal("2.67", F("round", 2.675, 2L));
        Assert.Equal("2.0 4.0 0.12 -2.0", string.Join(" ", F("round", 2.5), F("round", 3.5), F("round", 0.125, 2L), F("round", -2.5)));
        Assert.Equal("12.0", F("round", 12.5, 0L));
    }

    [Fact]
    public void Round_supports_methods_and_negative_precision()
    {
        Assert.Equal("3.14 4.0 4.0 3.0 1200.0 5",
            string.Join(" ", F("round", 3.14159, 2L), F("round", 3.7), FKw("round", 3.2, [], ("method", "ceil")),
                FKw("round", 3.8, [], ("method", "floor")), F("round", 1234.5678, -2L), F("round", 5L)));
        Assert.Equal("20 20 3.0 7.0", string.Join(" ", F("round", 15L, -1L), F("round", 25L, -1L), F("round", 2.5, 0L, "ceil"), F("round", 7L, 1L, "floor")));
        Assert.Equal("3.3", F("round", 10.0 / 3, 1L));
        Assert.Throws<TemplateRuntimeException>(() => F("round", 1.5, 0L, "up"));
    }

    [Fact]
    public void Filesizeformat_uses_decimal_or_binary_prefixes()
    {
        Assert.Equal("1 Byte|100 Bytes|1.5 kB|1.0 MB|2.5 GB|0 Bytes",
            string.Join("|", F("filesizeformat", 1L), F("filesizeformat", 100L), F("filesizeformat", 1500L), F("filesizeformat", 1000000L),
                F("filesizeformat", 2500000000L), F("filesizeformat", 0L)));
        Assert.Equal("2.0 KiB|1.0 MiB|1000 Bytes", string.Join("|", F("filesizeformat", 2048L, true), F("filesizeformat", 1048576L, true), F("filesizeformat", 1000L, true)));
        Assert.Equal("1.2 MB", F("filesizeformat", 1234567.891));
        Assert.Equal("1000000.0 YB", F("filesizeformat", 1e30));
    }
}
