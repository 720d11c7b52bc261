namespace Petal.Catalog.Refresh;

public sealed record RefreshResult(string Region, int InstanceTypes, int Offered, int NewTypes, string CacheFile);

/// <summary>
/// Fetches one region's instance types and offerings and writes them as a cache file that
/// <see cref="EmbeddedCatalog.Default"/> lays over the embedded data (prices are not fetched:
/// the Price List API is not available to petal, so embedded prices stay).
/// </summary>
public static class CatalogRefresher
{
    public static async Task<RefreshResult> RefreshAsync(ICatalogSource source, string region, string cacheDirectory,
        ICatalog embedded, CancellationToken cancellation)
    {
        var types = await source.DescribeInstanceTypesAsync(cancellation);
        var offered = await source.DescribeOfferingsAsync(cancellation);
        if (types.Count == 0)
            throw new InvalidOperationException($"EC2 described no instance types in {region}: check the region and credentials");

        var sorted = types.DistinctBy(t => t.Name).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var names = offered.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        CatalogCache.Write(cacheDirectory, region, new CatalogData(sorted, [new RegionData(region, names, [])]));
        return new RefreshResult(region, sorted.Count, names.Count, sorted.Count(t => embedded.Find(t.Name) is null),
            CatalogCache.FileFor(cacheDirectory, region));
    }
}
