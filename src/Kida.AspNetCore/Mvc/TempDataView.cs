using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Kida.AspNetCore.Mvc;

/// <summary>
/// <c>temp_data</c> in an MVC view: reading an entry (<c>{{ temp_data.Note }}</c>) marks only that entry for deletion at
/// the end of the request, as reading <c>TempData["Note"]</c> in a Razor view does; entries the template does not read
/// stay for the next request. Iterating reads them all.
/// </summary>
internal sealed class TempDataView(ITempDataDictionary tempData) : IReadOnlyDictionary<string, object?>
{
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        if (!tempData.ContainsKey(key)) { value = null; return false; }
        value = tempData[key];
        return true;
    }

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => tempData.Keys;

    public IEnumerable<object?> Values => tempData.Keys.ToList().Select(k => tempData[k]);

    public int Count => tempData.Count;

    public bool ContainsKey(string key) => tempData.ContainsKey(key);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
        tempData.Keys.ToList().Select(k => new KeyValuePair<string, object?>(k, tempData[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
