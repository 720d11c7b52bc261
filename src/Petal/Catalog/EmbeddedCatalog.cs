using System.Collections.Frozen;
using Petal.Catalog.Refresh;

namespace Petal.Catalog;

/// <summary>
/// The EC2 catalog built into petal (Data/catalog.bin.gz, generated from shared/data/aws by
/// tools/CatalogGen), with any `petal catalog refresh` cache files laid over it. Immutable and
/// thread-safe once built. See docs/catalog.md.
/// </summary>
public sealed class EmbeddedCatalog : ICatalog
{
    public const string ResourceName = "Petal.Catalog.Data.catalog.bin.gz";

    private static readonly Lazy<EmbeddedCatalog> DefaultInstance =
        new(() => Load(CatalogCache.Directory), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The embedded catalog plus the refresh cache under <c>PetalPaths.CacheDir</c>; loaded once.</summary>
    public static EmbeddedCatalog Default => DefaultInstance.Value;

    private readonly InstanceTypeInfo[] _types;
    private readonly FrozenDictionary<string, int> _typeIndex;
    private readonly FrozenDictionary<string, int> _regionIndex;
    private readonly string[] _regionNames;
    /// <summary>Per region, a bitset over <see cref="_types"/>; null when the region has no offerings data.</summary>
    private readonly ulong[]?[] _offered;
    /// <summary>Per region, prices indexed like <see cref="_types"/>.</summary>
    private readonly PriceInfo?[][] _prices;

    public EmbeddedCatalog(CatalogData data, IReadOnlyList<string>? refreshedRegions = null)
    {
        _types = data.Types.ToArray();
        _typeIndex = _types.Select((t, i) => KeyValuePair.Create(t.Name, i)).ToFrozenDictionary(StringComparer.Ordinal);
        _regionNames = data.Regions.Select(r => r.Name).ToArray();
        _regionIndex = _regionNames.Select((r, i) => KeyValuePair.Create(r, i)).ToFrozenDictionary(StringComparer.Ordinal);
        _offered = new ulong[]?[_regionNames.Length];
        _prices = new PriceInfo?[_regionNames.Length][];
        for (var ri = 0; ri < _regionNames.Length; ri++)
        {
            var region = data.Regions[ri];
            if (region.Offered is not null)
            {
                var bits = new ulong[(_types.Length + 63) / 64];
                foreach (var name in region.Offered)
                    if (_typeIndex.TryGetValue(name, out var i)) bits[i >> 6] |= 1UL << (i & 63);
                _offered[ri] = bits;
            }
            var prices = new PriceInfo?[_types.Length];
            foreach (var p in region.Prices)
                if (_typeIndex.TryGetValue(p.InstanceType, out var i)) prices[i] = p.Price;
            _prices[ri] = prices;
        }
        InstanceTypes = _types;
        Regions = _regionNames.Where((_, i) => _offered[i] is not null).ToArray();
        PricedRegions = _regionNames.Where((_, i) => _prices[i].Any(p => p is not null)).ToArray();
        RefreshedRegions = refreshedRegions ?? [];
    }

    /// <summary>The embedded resource only, ignoring any refresh cache.</summary>
    public static EmbeddedCatalog LoadEmbedded() => new(ReadEmbedded());

    /// <summary>The embedded resource with the refresh cache files in <paramref name="cacheDirectory"/> laid over it.</summary>
    public static EmbeddedCatalog Load(string? cacheDirectory)
    {
        var data = ReadEmbedded();
        var refreshed = new List<string>();
        foreach (var (region, overlay) in CatalogCache.ReadAll(cacheDirectory))
        {
            data = data.Overlay(overlay);
            refreshed.Add(region);
        }
        return new EmbeddedCatalog(data, refreshed);
    }

    internal static CatalogData ReadEmbedded()
    {
        using var stream = typeof(EmbeddedCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the Petal assembly");
        return CatalogCodec.DecodeGzip(stream);
    }

    public IReadOnlyCollection<InstanceTypeInfo> InstanceTypes { get; }

    /// <summary>Regions with offerings data (those where types can be validated).</summary>
    public IReadOnlyCollection<string> Regions { get; }

    /// <summary>Regions with at least one price; a superset of <see cref="Regions"/> (GovCloud, ap-east-2, ...).</summary>
    public IReadOnlyCollection<string> PricedRegions { get; }

    /// <summary>Regions whose offerings come from a `petal catalog refresh` cache file.</summary>
    public IReadOnlyList<string> RefreshedRegions { get; }

    public InstanceTypeInfo? Find(string instanceType) =>
        _typeIndex.TryGetValue(instanceType, out var i) ? _types[i] : null;

    public bool IsOffered(string region, string instanceType) =>
        _regionIndex.TryGetValue(region, out var ri) && _offered[ri] is { } bits
        && _typeIndex.TryGetValue(instanceType, out var i) && (bits[i >> 6] & (1UL << (i & 63))) != 0;

    public IEnumerable<string> TypesOfferedIn(string region)
    {
        if (!_regionIndex.TryGetValue(region, out var ri) || _offered[ri] is not { } bits) yield break;
        for (var i = 0; i < _types.Length; i++)
            if ((bits[i >> 6] & (1UL << (i & 63))) != 0) yield return _types[i].Name;
    }

    /// <summary>How many regions (with offerings data) offer the type.</summary>
    public int RegionCountOffering(string instanceType) =>
        _typeIndex.TryGetValue(instanceType, out var i)
            ? _offered.Count(bits => bits is not null && (bits[i >> 6] & (1UL << (i & 63))) != 0)
            : 0;

    public PriceInfo? Price(string region, string instanceType) =>
        _regionIndex.TryGetValue(region, out var ri) && _typeIndex.TryGetValue(instanceType, out var i)
            ? _prices[ri][i]
            : null;

    public IReadOnlyList<string> Suggest(string instanceType, int max = 3)
    {
        var family = instanceType.Split('.')[0].ToLowerInvariant();
        return NameSuggester.Closest(instanceType, _typeIndex.Keys, max,
            name => name.AsSpan().StartsWith(family + ".", StringComparison.Ordinal));
    }

    /// <summary>Regions (with offerings data) closest to a misspelt one.</summary>
    public IReadOnlyList<string> SuggestRegion(string region, int max = 3) => NameSuggester.Closest(region, Regions, max);

    public IEnumerable<CatalogOffer> Query(CatalogFilter filter)
    {
        // Specs are checked once per type, then each region is a bitset walk.
        var matches = new bool[_types.Length];
        for (var i = 0; i < _types.Length; i++) matches[i] = filter.Matches(_types[i]);

        IEnumerable<int> regions = filter.Region is null
            ? Enumerable.Range(0, _regionNames.Length).OrderBy(ri => _regionNames[ri], StringComparer.Ordinal)
            : _regionIndex.TryGetValue(filter.Region, out var only) ? [only] : [];
        foreach (var ri in regions)
        {
            if (_offered[ri] is not { } bits) continue;
            for (var i = 0; i < _types.Length; i++)
            {
                if (!matches[i] || (bits[i >> 6] & (1UL << (i & 63))) == 0) continue;
                var price = _prices[ri][i];
                if (filter.PriceMatches(price)) yield return new CatalogOffer(_regionNames[ri], _types[i], price);
            }
        }
    }
}
