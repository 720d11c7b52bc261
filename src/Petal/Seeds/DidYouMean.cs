namespace Petal.Seeds;

/// <summary>Closest-name suggestions by edit distance (for keys, enum values and regions).</summary>
public static class DidYouMean
{
    public static IReadOnlyList<string> Closest(string given, IEnumerable<string> candidates, int max = 3)
    {
        var limit = Math.Max(2, given.Length / 3);
        return candidates
            .Select(c => (c, d: Distance(given.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(x => x.d <= limit)
            .OrderBy(x => x.d).ThenBy(x => x.c, StringComparer.Ordinal)
            .Take(max)
            .Select(x => x.c)
            .ToList();
    }

    /// <summary>"did you mean 'x'?" or null when nothing is close.</summary>
    public static string? Hint(string given, IEnumerable<string> candidates) =>
        Closest(given, candidates) is [var first, ..] rest
            ? rest.Count == 1 ? $"did you mean '{first}'?" : $"did you mean {string.Join(" or ", rest.Select(r => $"'{r}'"))}?"
            : null;

    /// <summary>Optimal string alignment distance (a swap of neighbours costs 1).</summary>
    public static int Distance(string a, string b)
    {
        if (a.Length > 128 || b.Length > 128) return int.MaxValue;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            var cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }
}
