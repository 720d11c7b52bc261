using Petal.Catalog.Refresh;

namespace Petal.Catalog;

/// <summary>
/// The EC2 catalog built into petal (Data/catalog.bin.gz, generated from tests/corpora/aws by
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

    private readonly CatalogTables _tables;
    private readonly InstanceTypeInfo[] _types;
    private readonly Dictionary<string, int> _typeIndex;
    private readonly Dictionary<string, int> _regionIndex;

    public EmbeddedCatalog(CatalogData data, IReadOnlyList<string>? refreshedRegions = null)
        : this(CatalogTables.From(data), refreshedRegions)
    {
    }

    private EmbeddedCatalog(CatalogTables tables, IReadOnlyList<string>? refreshedRegions)
    {
        _tables = tables;
        _types = tables.Types;
        _typeIndex = new Dictionary<string, int>(_types.Length, StringComparer.Ordinal);
        for (var i = 0; i < _types.Length; i++) _typeIndex[_types[i].Name] = i;
        _regionIndex = new Dictionary<string, int>(tables.Regions.Length, StringComparer.Ordinal);
        for (var i = 0; i < tables.Regions.Length; i++) _regionIndex[tables.Regions[i]] = i;
        InstanceTypes = _types;
        Regions = tables.Regions.Where((_, i) => tables.Offered[i] is not null).ToArray();
        _pricedRegions = new Lazy<string[]>(() =>
            tables.Regions.Where((_, i) => tables.Prices(i).Any(p => p is not null)).ToArray());
        RefreshedRegions = refreshedRegions ?? [];
    }

    private readonly Lazy<string[]> _pricedRegions;

    /// <summary>The embedded resource only, ignoring any refresh cache.</summary>
    public static EmbeddedCatalog LoadEmbedded() => new(ReadEmbedded(), null);

    /// <summary>The embedded resource with the refresh cache files in <paramref name="cacheDirectory"/> laid over it.</summary>
    public static EmbeddedCatalog Load(string? cacheDirectory)
    {
        var embedded = ReadEmbedded();
        var overlays = CatalogCache.ReadAll(cacheDirectory).ToList();
        if (overlays.Count == 0) return new EmbeddedCatalog(embedded, null);
        var data = embedded.ToData();
        foreach (var (_, overlay) in overlays) data = data.Overlay(overlay);
        return new EmbeddedCatalog(data, overlays.Select(o => o.Region).ToList());
    }

    internal static CatalogTables ReadEmbedded()
    {
        using var stream = typeof(EmbeddedCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the Petal assembly");
        return CatalogCodec.ReadTablesGzip(stream);
    }

    public IReadOnlyCollection<InstanceTypeInfo> InstanceTypes { get; }

    /// <summary>Regions with offerings data (those where types can be validated).</summary>
    public IReadOnlyCollection<string> Regions { get; }

    /// <summary>Regions with at least one price; a superset of <see cref="Regions"/> (GovCloud, ap-east-2, ...).</summary>
    public IReadOnlyCollection<string> PricedRegions => _pricedRegions.Value;

    /// <summary>Regions whose offerings come from a `petal catalog refresh` cache file.</summary>
    public IReadOnlyList<string> RefreshedRegions { get; }

    public InstanceTypeInfo? Find(string instanceType) =>
        _typeIndex.TryGetValue(instanceType, out var i) ? _types[i] : null;

    public bool IsOffered(string region, string instanceType) =>
        _regionIndex.TryGetValue(region, out var ri) && _tables.Offered[ri] is { } bits
        && _typeIndex.TryGetValue(instanceType, out var i) && CatalogTables.IsSet(bits, i);

    public IEnumerable<string> TypesOfferedIn(string region)
    {
        if (!_regionIndex.TryGetValue(region, out var ri) || _tables.Offered[ri] is not { } bits) yield break;
        for (var i = 0; i < _types.Length; i++)
            if (CatalogTables.IsSet(bits, i)) yield return _types[i].Name;
    }

    /// <summary>How many regions (with offerings data) offer the type.</summary>
    public int RegionCountOffering(string instanceType) =>
        _typeIndex.TryGetValue(instanceType, out var i)
            ? _tables.Offered.Count(bits => bits is not null && CatalogTables.IsSet(bits, i))
            : 0;

    public PriceInfo? Price(string region, string instanceType) =>
        _regionIndex.TryGetValue(region, out var ri) && _typeIndex.TryGetValue(instanceType, out var i)
            ? _tables.Prices(ri)[i]
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
            ? Enumerable.Range(0, _tables.Regions.Length).OrderBy(ri => _tables.Regions[ri], StringComparer.Ordinal)
            : _regionIndex.TryGetValue(filter.Region, out var only) ? [only] : [];
        foreach (var ri in regions)
        {
            if (_tables.Offered[ri] is not { } bits) continue;
            var prices = _tables.Prices(ri);
            for (var i = 0; i < _types.Length; i++)
            {
                if (!matches[i] || !CatalogTables.IsSet(bits, i)) continue;
                var price = prices[i];
                if (filter.PriceMatches(price)) yield return new CatalogOffer(_tables.Regions[ri], _types[i], price);
            }
        }
    }
}
