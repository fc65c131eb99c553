using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kida.Cli.Planning;

/// <summary>
/// What <c>kida tune --save</c> measured: each template's mean render time and the best worker count on that
/// machine. <c>kida render --cost-model</c> uses it to order and shard pages by measured cost and, with
/// <c>--workers auto</c>, to pick the measured best worker count.
/// </summary>
public sealed record CostModel
{
    public int Version { get; init; } = 1;

    public int Processors { get; init; }

    public int RecommendedWorkers { get; init; }

    public double ExpectedSpeedup { get; init; }

    /// <summary>Template name → mean milliseconds per page rendered with it.</summary>
    public Dictionary<string, TemplateCost> Templates { get; init; } = new(StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static CostModel Load(string path) =>
        JsonSerializer.Deserialize<CostModel>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"cost model '{path}' is empty");

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>
    /// Cost of a template in milliseconds; a template the model has not seen is priced from its static weight at
    /// the model's average milliseconds per unit of weight.
    /// </summary>
    public double CostOf(string template, double staticWeight)
    {
        if (Templates.TryGetValue(template, out var cost)) return cost.MeanMilliseconds;
        var known = Templates.Values.Where(c => c.StaticWeight > 0).ToList();
        var perWeight = known.Count == 0 ? 1.0 : known.Average(c => c.MeanMilliseconds / c.StaticWeight);
        return staticWeight * perWeight;
    }
}
