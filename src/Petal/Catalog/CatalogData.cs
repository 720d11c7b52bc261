namespace Petal.Catalog;

/// <summary>
/// The catalog as plain data: what the embedded resource and a refresh cache file hold. Types are
/// sorted by name; a region's <see cref="RegionData.Offered"/> is null when there is no offerings
/// data for it (some regions have prices only).
/// </summary>
public sealed record CatalogData(IReadOnlyList<InstanceTypeInfo> Types, IReadOnlyList<RegionData> Regions)
{
    /// <summary>
    /// <paramref name="overlay"/> laid over this catalog: its types replace or add to ours by name, and
    /// each of its regions with offerings replaces that region's offerings (prices stay ours unless it has some).
    /// </summary>
    public CatalogData Overlay(CatalogData overlay)
    {
        var types = new SortedDictionary<string, InstanceTypeInfo>(StringComparer.Ordinal);
        foreach (var t in Types) types[t.Name] = t;
        foreach (var t in overlay.Types) types[t.Name] = t;

        var regions = new SortedDictionary<string, RegionData>(StringComparer.Ordinal);
        foreach (var r in Regions) regions[r.Name] = r;
        foreach (var r in overlay.Regions)
        {
            regions.TryGetValue(r.Name, out var mine);
            regions[r.Name] = new RegionData(
                r.Name,
                r.Offered ?? mine?.Offered,
                r.Prices.Count > 0 || mine is null ? r.Prices : mine.Prices);
        }
        return new CatalogData(types.Values.ToList(), regions.Values.ToList());
    }
}

/// <summary>One region: the instance types offered there (null: unknown) and their prices.</summary>
public sealed record RegionData(string Name, IReadOnlyList<string>? Offered, IReadOnlyList<RegionPrice> Prices);

public sealed record RegionPrice(string InstanceType, PriceInfo Price);
