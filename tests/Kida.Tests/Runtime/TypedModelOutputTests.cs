namespace Kida.Tests.Runtime;

/// <summary>
/// <c>{{ obj.name }}</c> on CLR objects: integer, bool and float members are printed without boxing them
/// (AttributeExpression.Write). Whatever the shortcut, the text must be what the same values print from a dictionary.
/// </summary>
public class TypedModelOutputTests
{
    public sealed record Scalars(int Int, long Long, short Short, byte Byte, uint UInt, ushort UShort, sbyte SByte,
        bool Flag, double Ratio, float Single, int? Maybe, ulong Huge, decimal Money, char Letter, string Text);

    private static readonly Scalars Sample = new(-7, 9_000_000_000, 1025, 255, 4_000_000_000, 65535, -128,
        true, 0.1 + 0.2, 1.5f, null, ulong.MaxValue, 2.50m, 'x', "<b>");

    private static readonly string[] Members =
        ["int", "long", "short", "byte", "u_int", "u_short", "s_byte", "flag", "ratio", "single", "maybe", "huge", "money", "letter", "text"];

    private static Dictionary<string, object?> AsDictionary(Scalars s) => new()
    {
        ["int"] = s.Int, ["long"] = s.Long, ["short"] = s.Short, ["byte"] = s.Byte, ["u_int"] = s.UInt,
        ["u_short"] = s.UShort, ["s_byte"] = s.SByte, ["flag"] = s.Flag, ["ratio"] = s.Ratio, ["single"] = s.Single,
        ["maybe"] = s.Maybe, ["huge"] = s.Huge, ["money"] = s.Money, ["letter"] = s.Letter, ["text"] = s.Text,
    };

    [Theory]
    [InlineData(TemplateDialect.Jinja2)]
    [InlineData(TemplateDialect.Kida)]
    public void Every_scalar_member_prints_as_it_does_from_a_dictionary(TemplateDialect dialect)
    {
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions { Dialect = dialect, Autoescape = true });
        var source = string.Join("|", Members.Select(m => $"{{{{ s.{m} }}}}"));
        // Three renders each: the first fills the per-site caches, the next ones take the cached writers.
        var typed = env.FromString(source);
        var expected = env.FromString(source).Render(new { s = AsDictionary(Sample) });
        for (var i = 0; i < 3; i++) Assert.Equal(expected, typed.Render(new { s = Sample }));
        Assert.StartsWith("-7|9000000000|1025|255|4000000000|65535|-128|True|0.30000000000000004|1.5|", expected);
    }

    [Fact]
    public void A_site_that_sees_several_types_prints_each_correctly()
    {
        // One output site, items of three types: an int member, a string member and a dictionary, in turn.
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions { Autoescape = true });
        var t = env.FromString("{% for item in items %}[{{ item.value }}]{% endfor %}");
        var items = new object[]
        {
            new IntValue(5000), new TextValue("<i>"), new Dictionary<string, object?> { ["value"] = 2.0 },
            new IntValue(-1), new BoolValue(false), new IntValue(int.MaxValue),
        };
        for (var i = 0; i < 3; i++)
            Assert.Equal("[5000][&lt;i&gt;][2.0][-1][False][2147483647]", t.Render(new { items }));
    }

    [Fact]
    public void Printing_typed_numbers_allocates_no_box_per_value()
    {
        var env = new TemplateEnvironment();
        var t = env.FromString("{% for r in rows %}{{ r.value }},{% endfor %}");
        var model = new { rows = Enumerable.Range(0, 1000).Select(i => new IntValue(100_000 + i)).ToArray() };
        var writer = new StringWriter();
        t.Render(writer, model);
        writer.GetStringBuilder().Clear();
        var before = GC.GetAllocatedBytesForCurrentThread();
        t.Render(writer, model);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // The loop turns the array into a list (8 KB for 1,000 items); boxing each value would add 24 KB.
        Assert.True(allocated < 16_000, $"allocated {allocated} bytes");
        Assert.StartsWith("100000,100001,", writer.ToString());
    }

    public sealed record IntValue(int Value);

    public sealed record TextValue(string Value);

    public sealed record BoolValue(bool Value);
}
