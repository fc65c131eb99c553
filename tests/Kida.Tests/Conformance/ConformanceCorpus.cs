namespace Kida.Tests.Conformance;

/// <summary>The corpus files copied into the repository, and the cases we knowingly skip (with reasons).</summary>
public static class ConformanceCorpus
{
    private static readonly Lazy<IReadOnlyList<ConformanceCase>> AllCases = new(() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Conformance", "cases"), "*.json")
            .Concat(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Conformance", "wild"), "*.json"))
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(ConformanceCase.Load)
            .ToList());

    private static readonly Lazy<IReadOnlyDictionary<string, string>> SkipList = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Conformance", "skips.txt");
        var skips = new Dictionary<string, string>();
        if (!File.Exists(path)) return skips;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var hash = line.IndexOf(" # ", StringComparison.Ordinal);
            if (hash < 0) throw new InvalidOperationException($"skips.txt line without a reason: {line}");
            skips[line[..hash].Trim()] = line[(hash + 3)..].Trim();
        }
        return skips;
    });

    public static IReadOnlyList<ConformanceCase> Cases => AllCases.Value;

    public static IReadOnlyDictionary<string, string> Skips => SkipList.Value;

    public static ConformanceCase Get(string id) => Cases.First(c => c.Id == id);
}
