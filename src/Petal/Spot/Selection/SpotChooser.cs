namespace Petal.Spot.Selection;

/// <summary>
/// Chooses M of the N ranked candidates. Random and diversified use <see cref="Random"/> seeded with the
/// given seed (the original was unseeded, so no batch could be repeated). The chosen keep rank order.
/// </summary>
public static class SpotChooser
{
    public static IReadOnlyList<SpotCandidate> Choose(IReadOnlyList<SpotCandidate> ranked, int max, SpotChoice choice, int seed)
    {
        if (max <= 0 || ranked.Count == 0) return [];
        if (max >= ranked.Count) return ranked;
        var picked = choice switch
        {
            SpotChoice.Random => Shuffle(Enumerable.Range(0, ranked.Count), new Random(seed)).Take(max),
            SpotChoice.Diversified => Diversified(ranked, max, new Random(seed)),
            _ => Enumerable.Range(0, max),
        };
        return picked.Order().Select(i => ranked[i]).ToList();
    }

    /// <summary>
    /// Round-robin over families in a seeded random order, one type per family per round, so M types
    /// spread over as many families as there are (one family's capacity pool going dry then hits one type).
    /// </summary>
    private static IEnumerable<int> Diversified(IReadOnlyList<SpotCandidate> ranked, int max, Random random)
    {
        var families = ranked.Select((c, i) => (c.Family, i))
            .GroupBy(x => x.Family, StringComparer.Ordinal)
            .Select(g => new Queue<int>(Shuffle(g.Select(x => x.i), random)))
            .ToList();
        var order = Shuffle(Enumerable.Range(0, families.Count), random);
        var result = new List<int>(max);
        while (result.Count < max)
            foreach (var f in order)
                if (result.Count < max && families[f].TryDequeue(out var index)) result.Add(index);
        return result;
    }

    private static List<int> Shuffle(IEnumerable<int> items, Random random)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}
