namespace Kida;

/// <summary>Finds the known name closest to a misspelt one, for "did you mean …?" hints.</summary>
internal static class NameSuggestion
{
    /// <summary>
    /// The candidate with the smallest edit distance, if it is similar enough (at least 60% of characters in common,
    /// the cutoff Python's <c>difflib.get_close_matches</c> uses); ties go to the ordinally smallest name so the hint
    /// is deterministic.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name, candidate);
            var longest = Math.Max(name.Length, candidate.Length);
            if (longest == 0 || 1.0 - (double)distance / longest < 0.6) continue;
            if (distance < bestDistance || distance == bestDistance && string.CompareOrdinal(candidate, best) < 0)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>Levenshtein distance with two rolling rows.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
