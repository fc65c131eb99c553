namespace Kida.Tests.Engine;

/// <summary>Public indexers of context objects are readable with the subscript syntax (issue #8).</summary>
public class IndexerAccessTests
{
    public sealed class Row
    {
        private readonly string[] _cells = ["a", "b", "c"];
        public string this[int index] => _cells[index];
        public int Count => _cells.Length;
    }

    public sealed class Settings
    {
        public string Title => "property";
        public string this[string key] => key == "missing" ? throw new KeyNotFoundException(key) : $"setting:{key}";
    }

    [Fact]
    public void Integer_indexers_are_read_and_out_of_range_is_undefined()
    {
        var t = new TemplateEnvironment().FromString("{{ row[1] }}|{{ row[5] is defined }}");
        Assert.Equal("b|False", t.Render(new { row = new Row() }));
    }

    [Fact]
    public void An_index_beyond_32_bits_is_undefined_not_an_overflow()
    {
        // Found by the fuzzer: range(10)[big] reached the indexer path with a key that does not fit an int.
        var t = new TemplateEnvironment().FromString("{{ row[9999999999] is defined }}|{{ range(10)[9999999999] is defined }}");
        Assert.Equal("False|False", t.Render(new { row = new Row() }));
    }

    [Fact]
    public void String_keys_prefer_properties_then_the_indexer_and_a_rejected_key_is_undefined()
    {
        var t = new TemplateEnvironment().FromString("{{ s['Title'] }}|{{ s['theme'] }}|{{ s['missing'] is defined }}");
        Assert.Equal("property|setting:theme|False", t.Render(new { s = new Settings() }));
    }
}
