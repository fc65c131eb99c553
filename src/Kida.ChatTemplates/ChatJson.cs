using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Kida.Runtime.Values;

namespace Kida.ChatTemplates;

/// <summary>
/// Reads JSON into the engine's value model the way Python's <c>json.loads</c> does, so a conversation, a tool list or
/// a set of extra variables renders exactly as it would in transformers.
/// </summary>
public static class ChatJson
{
    /// <summary>
    /// Parses JSON text: objects become ordered dictionaries (<see cref="PyDict"/>, an
    /// <see cref="IReadOnlyDictionary{TKey, TValue}"/> of string keys in document order; a repeated key keeps its first
    /// position and its last value, as in Python), arrays <see cref="List{T}"/> of <see cref="object"/> (an
    /// <see cref="IReadOnlyList{T}"/>), integers <see cref="long"/> (<see cref="BigInteger"/> beyond 64 bits), other
    /// numbers <see cref="double"/>, <c>true</c>/<c>false</c> <see cref="bool"/>, <c>null</c> null.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ChatInputException">The text is not valid JSON (the message gives line and position).</exception>
    public static object? Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
            return Convert(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new ChatInputException($"Invalid JSON: {e.Message}", e);
        }
    }

    /// <summary>Converts one element (also used for the JSON of tokenizer configurations).</summary>
    internal static object? Convert(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var dict = new PyDict();
                foreach (var property in element.EnumerateObject())
                    dict[ChatStrings.Canonical(property.Name)] = Convert(property.Value);
                return dict;
            }
            case JsonValueKind.Array:
            {
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                    list.Add(Convert(item));
                return list;
            }
            case JsonValueKind.String:
                return ChatStrings.Canonical(element.GetString()!);
            case JsonValueKind.Number:
                return Number(element);
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    private static object Number(JsonElement element)
    {
        var raw = element.GetRawText();
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            if (element.TryGetInt64(out var l)) return l;
            return BigInteger.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
        // Python's float() of the literal: out-of-range values become infinities, never an error.
        return double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
