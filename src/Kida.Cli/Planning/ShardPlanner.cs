namespace Kida.Cli.Planning;

/// <summary>
/// Splits pages into N bins of similar total cost, the same way on every machine: items sorted by weight
/// (heaviest first), then by path (ordinal), each given to the bin with the least total so far (the lowest-numbered
/// bin on a tie) — the longest-processing-time-first rule. Only weights and paths decide, so N machines given the
/// same site and cost model agree on the split without talking to each other.
/// </summary>
internal static class ShardPlanner
{
    /// <summary>The 0-based bin of each item, in the order of <paramref name="items"/>.</summary>
    public static int[] Assign(IReadOnlyList<(string Path, double Weight)> items, int binCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        var bins = new int[items.Count];
        if (binCount == 1) return bins;
        var order = Enumerable.Range(0, items.Count)
            .OrderByDescending(i => items[i].Weight)
            .ThenBy(i => items[i].Path, StringComparer.Ordinal)
            .ToArray();
        var loads = new double[binCount];
        foreach (var i in order)
        {
            var best = 0;
            for (var b = 1; b < binCount; b++) if (loads[b] < loads[best]) best = b;
            loads[best] += items[i].Weight;
            bins[i] = best;
        }
        return bins;
    }
}
