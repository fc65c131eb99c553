namespace Kida;

public sealed partial class Template
{
    /// <summary>Renders with a dictionary of variables.</summary>
    public string Render(IReadOnlyDictionary<string, object?> context) => Render((object?)context);

    /// <summary>
    /// Renders with a model: an anonymous object, POCO or record (public properties), a dictionary,
    /// <c>ExpandoObject</c>, <c>JsonElement</c> or <c>JsonNode</c>; null for none.
    /// </summary>
    public string Render(object? model = null) => throw new NotImplementedException();

    /// <summary>Renders into a writer, in chunks; the output is never held whole in memory.</summary>
    public void Render(TextWriter writer, object? model = null) => throw new NotImplementedException();

    public void Render(TextWriter writer, IReadOnlyDictionary<string, object?> context) => Render(writer, (object?)context);
}
