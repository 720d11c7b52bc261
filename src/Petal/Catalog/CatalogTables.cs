namespace Petal.Catalog;

/// <summary>
/// The catalog indexed for lookups: types in name order, per region an offerings bitset over that
/// order and a price array in that order. Prices are decoded per region on first use, so a command
/// that never asks for a region's prices never pays for them. Thread-safe.
/// </summary>
internal sealed class CatalogTables
{
    private readonly Func<int, PriceInfo?[]> _decodePrices;
    private readonly PriceInfo?[]?[] _prices;

    public CatalogTables(InstanceTypeInfo[] types, string[] regions, ulong[]?[] offered, Func<int, PriceInfo?[]> decodePrices)
    {
        Types = types;
        Regions = regions;
        Offered = offered;
        _decodePrices = decodePrices;
        _prices = new PriceInfo?[]?[regions.Length];
    }

    public InstanceTypeInfo[] Types { get; }
    public string[] Regions { get; }
    /// <summary>Per region, bit i set when Types[i] is offered; null when the region has no offerings data.</summary>
    public ulong[]?[] Offered { get; }

    public static bool IsSet(ulong[] bits, int index) => (bits[index >> 6] & (1UL << (index & 63))) != 0;

    /// <summary>The region's prices, indexed like <see cref="Types"/>.</summary>
    public PriceInfo?[] Prices(int region)
    {
        if (Volatile.Read(ref _prices[region]) is { } done) return done;
        Interlocked.CompareExchange(ref _prices[region], _decodePrices(region), null);
        return _prices[region]!;
    }

    public static CatalogTables From(CatalogData data)
    {
        var types = data.Types.ToArray();
        var index = new Dictionary<string, int>(types.Length, StringComparer.Ordinal);
        for (var i = 0; i < types.Length; i++) index[types[i].Name] = i;
        var offered = data.Regions.Select(r =>
        {
            if (r.Offered is null) return null;
            var bits = new ulong[(types.Length + 63) / 64];
            foreach (var name in r.Offered)
                if (index.TryGetValue(name, out var i)) bits[i >> 6] |= 1UL << (i & 63);
            return bits;
        }).ToArray();
        return new CatalogTables(types, data.Regions.Select(r => r.Name).ToArray(), offered, ri =>
        {
            var prices = new PriceInfo?[types.Length];
            foreach (var p in data.Regions[ri].Prices)
                if (index.TryGetValue(p.InstanceType, out var i)) prices[i] = p.Price;
            return prices;
        });
    }

    public CatalogData ToData() => new(Types, Regions.Select((name, ri) => new RegionData(
        name,
        Offered[ri] is { } bits ? Types.Where((_, i) => IsSet(bits, i)).Select(t => t.Name).ToList() : null,
        Prices(ri).Select((p, i) => p is null ? null : new RegionPrice(Types[i].Name, p)).OfType<RegionPrice>().ToList())).ToList());
}
