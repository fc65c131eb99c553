using Kida.Workers;

namespace Kida.Cli.Planning;

/// <summary>Reading a saved <see cref="CostModel"/> without letting a render change the file.</summary>
internal static class CostModels
{
    /// <summary>
    /// An in-memory copy of the model saved at <paramref name="path"/>, holding the given templates' costs (and any
    /// slowdown overrides, up to <paramref name="maxWorkers"/> workers). A render learns into the copy, never the file: every shard of a
    /// CI matrix must plan from the same figures, and a committed model should change only when <c>kida tune</c> runs.
    /// </summary>
    public static CostModel LoadFrozen(string path, IEnumerable<string> templateNames, int maxWorkers)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"cost model '{path}' does not exist", path);
        var file = CostModel.Load(path);
        var copy = new CostModel();
        foreach (var name in templateNames)
            if (file.TryGetCost(name, out var cost)) copy.SetCost(name, cost);
        // Slowdowns in a file are overrides set by hand; without them the batch renderer uses this machine's own.
        if (file.HasSlowdownOverride)
            for (var w = 2; w <= maxWorkers; w++) copy.SetSlowdown(w, file.GetSlowdown(w));
        return copy;
    }
}
