using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kida.Runtime.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kida.Cli.Site;

/// <summary>
/// Turns parsed YAML and JSON into the plain values the engine understands: <see cref="PyDict"/> (ordered, so a
/// template iterating a mapping sees the file's order), <see cref="List{T}"/>, long, double, bool, string and null.
/// </summary>
internal static partial class PlainValues
{
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => FromJsonObject(element),
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => element.GetString(),
        // Boxed separately: a conditional of long and double would widen every integer to double.
        JsonValueKind.Number => element.TryGetInt64(out var l) ? (object)l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static PyDict FromJsonObject(JsonElement element)
    {
        var dict = new PyDict();
        foreach (var property in element.EnumerateObject()) dict[property.Name] = FromJson(property.Value);
        return dict;
    }

    public static object? FromYaml(YamlNode node) => node switch
    {
        YamlMappingNode map => FromYamlMapping(map),
        YamlSequenceNode seq => seq.Children.Select(FromYaml).ToList(),
        YamlScalarNode scalar => FromYamlScalar(scalar),
        _ => null,
    };

    private static PyDict FromYamlMapping(YamlMappingNode map)
    {
        var dict = new PyDict(map.Children.Count);
        foreach (var (key, value) in map.Children)
        {
            // Keys are names in templates (page.title), so every key is its text, as in the source.
            var name = key is YamlScalarNode s ? s.Value ?? "" : key.ToString();
            dict[name] = FromYaml(value);
        }
        return dict;
    }

    /// <summary>YAML 1.2 core schema: plain scalars may be null, booleans or numbers; quoted ones are always text.</summary>
    private static object? FromYamlScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain) return text;
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return true;
            case "false" or "False" or "FALSE": return false;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF": return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF": return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN": return double.NaN;
        }
        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        return text;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
