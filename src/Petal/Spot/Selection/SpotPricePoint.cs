namespace Petal.Spot.Selection;

/// <summary>One row of DescribeSpotPriceHistory.</summary>
public sealed record SpotPricePoint(string InstanceType, string AvailabilityZone, decimal Price, DateTime Timestamp);

public static class SpotPriceAggregator
{
    /// <summary>
    /// Per type: the latest price of each availability zone, then min, max and mean over the zones and
    /// how many there were. A zone's older rows (a window returns the last change too) are ignored.
    /// </summary>
    public static IReadOnlyDictionary<string, SpotPriceStats> Aggregate(IEnumerable<SpotPricePoint> points)
    {
        var latest = new Dictionary<(string Type, string Zone), SpotPricePoint>();
        foreach (var p in points)
            if (!latest.TryGetValue((p.InstanceType, p.AvailabilityZone), out var seen) || p.Timestamp > seen.Timestamp)
                latest[(p.InstanceType, p.AvailabilityZone)] = p;
        return latest.Values
            .GroupBy(p => p.InstanceType, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new SpotPriceStats(
                g.Min(p => p.Price), g.Max(p => p.Price),
                Math.Round(g.Average(p => p.Price), 6), g.Count()), StringComparer.Ordinal);
    }
}
