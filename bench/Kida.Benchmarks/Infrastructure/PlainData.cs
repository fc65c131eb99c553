using System.Text.Json;

namespace Kida.Benchmarks.Infrastructure;

/// <summary>Converts JSON into plain .NET objects once, at setup.</summary>
public static class PlainData
{
    /// <summary>
    /// Objects become Dictionary&lt;string, object?&gt; (insertion order kept), arrays List&lt;object?&gt;,
    /// integral numbers long, other numbers double, plus string, bool and null.
    /// </summary>
    public static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => ObjectFromJson(e),
        JsonValueKind.Array => e.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? (object)l : e.GetDouble(), // the cast keeps long boxed as long
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static Dictionary<string, object?> ObjectFromJson(JsonElement e)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject()) d[p.Name] = FromJson(p.Value);
        return d;
    }

    /// <summary>Deep-converts plain data with one function for dictionaries, one for lists and one for scalars.</summary>
    public static object? Map(
        object? value,
        Func<IEnumerable<KeyValuePair<string, object?>>, object?> mapObject,
        Func<IEnumerable<object?>, object?> mapList,
        Func<object?, object?> mapScalar) => value switch
    {
        Dictionary<string, object?> d => mapObject(d.Select(kv => new KeyValuePair<string, object?>(kv.Key, Map(kv.Value, mapObject, mapList, mapScalar))).ToList()),
        List<object?> l => mapList(l.Select(x => Map(x, mapObject, mapList, mapScalar)).ToList()),
        _ => mapScalar(value),
    };
}
