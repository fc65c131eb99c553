namespace Kida.Benchmarks.Infrastructure;

/// <summary>
/// Which engines and shapes a run covers. Set from the command line by the host process and handed to
/// BenchmarkDotNet's child processes through environment variables (which they inherit), because
/// <c>[ParamsSource]</c> is evaluated in both.
/// </summary>
public static class BenchSettings
{
    public const string EnginesVariable = "KIDA_BENCH_ENGINES";
    public const string ShapesVariable = "KIDA_BENCH_SHAPES";
    public const string GcDirectoryVariable = "KIDA_BENCH_GC_DIR";

    public static IReadOnlyList<string> Engines => FromEnvironment(EnginesVariable, Peers.Engines.Names, Peers.Engines.Canonical);

    public static IReadOnlyList<string> Shapes => FromEnvironment(ShapesVariable, ShapeCatalog.Names, n => ShapeCatalog.Get(n).Name);

    /// <summary>Where batch scenarios drop their GC-count files (null: do not write them).</summary>
    public static string? GcDirectory => Environment.GetEnvironmentVariable(GcDirectoryVariable) is { Length: > 0 } d ? d : null;

    private static IReadOnlyList<string> FromEnvironment(string variable, string[] all, Func<string, string> canonical)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value)) return all;
        var chosen = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(canonical).ToHashSet();
        return all.Where(chosen.Contains).ToArray();
    }
}
