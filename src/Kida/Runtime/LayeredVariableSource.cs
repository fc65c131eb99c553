namespace Kida.Runtime;

/// <summary>
/// Variables of a <c>with context</c> import: the importer's template variables and visible locals, over its render
/// arguments. Kept apart from the module's own variables so only what the module assigns is exported.
/// </summary>
internal sealed class LayeredVariableSource(Dictionary<string, object?> top, VariableSource below) : VariableSource
{
    public override bool TryGet(string name, out object? value) =>
        top.TryGetValue(name, out value) || below.TryGet(name, out value);

    public override IEnumerable<KeyValuePair<string, object?>> All() =>
        top.Concat(below.All().Where(kv => !top.ContainsKey(kv.Key)));
}
