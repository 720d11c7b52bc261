namespace Petal.Catalog;

/// <summary>
/// Did-you-mean for names (instance types, regions): the closest candidates by Damerau–Levenshtein
/// distance (optimal string alignment, case-insensitive), close enough to be a plausible typo.
/// </summary>
public static class NameSuggester
{
    /// <summary>
    /// Up to <paramref name="max"/> candidates, best first. A candidate that is not
    /// <paramref name="preferred"/> (for instance types: another family) counts one edit further; ties
    /// go to preferred, then ordinal name order.
    /// </summary>
    public static IReadOnlyList<string> Closest(string input, IEnumerable<string> candidates, int max = 3,
        Func<string, bool>? preferred = null)
    {
        if (max <= 0 || string.IsNullOrWhiteSpace(input)) return [];
        var needle = input.Trim().ToLowerInvariant();
        // A typo budget: about one edit per three characters, at least two.
        var limit = Math.Max(2, needle.Length / 3);
        var scored = new List<(int Distance, bool Preferred, string Name)>();
        var row = new int[3][];
        foreach (var candidate in candidates)
        {
            if (Math.Abs(candidate.Length - needle.Length) > limit) continue;
            var d = Distance(needle, candidate.ToLowerInvariant(), limit, row);
            if (d <= limit) scored.Add((d, preferred?.Invoke(candidate) ?? false, candidate));
        }
        return scored
            .OrderBy(s => s.Distance + (s.Preferred || preferred is null ? 0 : 1)).ThenBy(s => s.Preferred ? 0 : 1).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Take(max).Select(s => s.Name).ToList();
    }

    /// <summary>Optimal-string-alignment distance, giving up (returning limit + 1) once a row exceeds <paramref name="limit"/>.</summary>
    internal static int Distance(string a, string b, int limit, int[][]? rows = null)
    {
        rows ??= new int[3][];
        for (var i = 0; i < 3; i++)
            if (rows[i] is null || rows[i].Length < b.Length + 1) rows[i] = new int[b.Length + 1];
        int[] twoBack = rows[0], previous = rows[1], current = rows[2];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    v = Math.Min(v, twoBack[j - 2] + 1);
                current[j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > limit) return limit + 1;
            (twoBack, previous, current) = (previous, current, twoBack);
        }
        return previous[b.Length];
    }
}
