using System.Globalization;
using CsCheck;
using Kida.Runtime.Values;

namespace Kida.Tests.Runtime;

/// <summary>Float printing and rounding match Python exactly, including the fast paths.</summary>
public class FloatFormattingTests
{
    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(123.456, "123.456")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e22, "1e+22")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(2.0, "2.0")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(123456789012345.6, "123456789012345.6")]
    public void Floats_print_like_Python_repr(double value, string expected) =>
        Assert.Equal(expected, PyFormat.FormatFloat(value));

    [Theory]
    [InlineData(2.675, 2, 2.67)]
    [InlineData(0.125, 2, 0.12)]
    [InlineData(0.375, 2, 0.38)]
    [InlineData(2.5, 0, 2.0)]
    [InlineData(3.5, 0, 4.0)]
    [InlineData(-0.5, 0, -0.0)]
    [InlineData(1.005, 2, 1.0)]
    public void Round_is_half_even_on_the_exact_binary_value(double value, int digits, double expected) =>
        Assert.Equal(expected, PyNumberFormat.Round(value, digits));

    [Fact]
    public void Fast_round_agrees_with_exact_decimal_rounding()
    {
        var values = Gen.OneOf(
            Gen.Double[-1e6, 1e6],
            Gen.Int[-1_000_000, 1_000_000].Select(i => i / 8.0),   // many exact binary ties
            Gen.Int[-1_000_000, 1_000_000].Select(i => i / 1000.0));
        Gen.Select(values, Gen.Int[0, 6]).Sample((x, n) =>
        {
            var exact = double.Parse(PyNumberFormat.FixedExact(x, n), CultureInfo.InvariantCulture);
            if (exact == 0 && double.IsNegative(x)) exact = -0.0;
            return PyNumberFormat.Round(x, n).Equals(exact);
        }, iter: 100_000);
    }

    [Fact]
    public void Writing_a_float_to_the_output_agrees_with_repr_including_the_short_decimal_path()
    {
        // The output's integer fast path for values with up to four decimals must print what repr prints.
        var values = Gen.OneOf(
            Gen.Double[-2e9, 2e9],
            Gen.Double[-1, 1],
            Gen.Long[-20_000_000_000_000, 20_000_000_000_000].Select(i => i / 10_000.0),
            Gen.Int[-1_000_000, 1_000_000].Select(i => i / 100.0),
            Gen.Int[-1_000_000, 1_000_000].Select(i => i / 100_000.0),
            Gen.Int[-1000, 1000].Select(i => i * 1e-4 + 1e-12));
        values.Sample(x =>
        {
            var output = new Kida.Runtime.Output.OutputBuffer();
            output.WriteFloat(x);
            return output.ToString() == PyFormat.FormatFloat(x);
        }, iter: 200_000);
    }

    [Theory]
    [InlineData(19.99, "19.99")]
    [InlineData(-0.0001, "-0.0001")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.5, "0.5")]
    [InlineData(999999999.9999, "999999999.9999")]
    [InlineData(0.00015, "0.00015")]
    public void Short_decimals_print_as_repr(double value, string expected)
    {
        var output = new Kida.Runtime.Output.OutputBuffer();
        output.WriteFloat(value);
        Assert.Equal(expected, output.ToString());
    }
}
