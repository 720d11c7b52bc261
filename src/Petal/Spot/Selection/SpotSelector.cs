using Petal.Catalog;

namespace Petal.Spot.Selection;

/// <summary>
/// Filters the catalog by shape, ranks by spot price (or price per core), keeps the N cheapest and
/// chooses M of them. Pure: the same catalog, query and live prices give the same answer.
/// </summary>
public static class SpotSelector
{
    /// <param name="livePrices">Per type, prices from DescribeSpotPriceHistory; null uses the catalog's estimates.</param>
    public static SpotSelection Select(ICatalog catalog, SpotQuery query, IReadOnlyDictionary<string, SpotPriceStats>? livePrices = null)
    {
        var unpriced = 0;
        var priced = new List<SpotCandidate>();
        foreach (var offer in catalog.Query(query.ToCatalogFilter()))
        {
            var stats = livePrices is null
                ? offer.Price?.SpotAverage is { } estimate ? SpotPriceStats.Single(estimate) : null
                : livePrices.GetValueOrDefault(offer.Type.Name);
            if (stats is null) { unpriced++; continue; }
            if (query.MaxSpotPrice is { } cap && stats.Mean > cap) continue;
            if (query.MaxInterruptionBucket is { } worst && !(offer.Price?.InterruptionBucket <= worst)) continue;
            priced.Add(Candidate(offer, stats, livePrices is not null));
        }
        var ranked = query.Sort == SpotSort.PricePerCore
            ? priced.OrderBy(c => c.PricePerCore)
            : priced.OrderBy(c => c.SpotPrice);
        var candidates = ranked.ThenBy(c => c.InstanceType, StringComparer.Ordinal)
            .Take(query.Filter > 0 ? query.Filter : int.MaxValue)
            .ToList();
        var chosen = SpotChooser.Choose(candidates, query.Max, query.Choose, query.Seed);
        return new SpotSelection(query.Region, livePrices is null ? SpotPriceSource.CatalogEstimate : SpotPriceSource.Live,
            candidates, chosen, query.Choose, query.Seed, unpriced);
    }

    private static SpotCandidate Candidate(CatalogOffer offer, SpotPriceStats stats, bool live)
    {
        var t = offer.Type;
        var onDemand = offer.Price?.OnDemand;
        return new SpotCandidate
        {
            InstanceType = t.Name,
            Family = t.Family,
            Architecture = t.Architecture,
            Vcpus = t.VCpus,
            Cores = t.Cores,
            ThreadsPerCore = t.ThreadsPerCore,
            MemoryMib = t.MemoryMiB,
            GpuCount = t.GpuCount,
            GpuManufacturer = t.GpuManufacturer,
            EfaSupported = t.EfaSupported,
            BareMetal = t.BareMetal,
            Hypervisor = t.Hypervisor,
            SpotPrice = stats.Mean,
            SpotMin = live ? stats.Min : null,
            SpotMax = live ? stats.Max : null,
            ZoneCount = stats.ZoneCount,
            OnDemandPrice = onDemand,
            // Live prices change the saving; the catalog's figure is kept for its own estimate.
            SavingsPercent = live
                ? onDemand is > 0 ? (int)Math.Round(100 * (1 - stats.Mean / onDemand.Value)) : null
                : offer.Price?.SpotSavingsPercent,
            InterruptionBucket = offer.Price?.InterruptionBucket,
        };
    }
}
