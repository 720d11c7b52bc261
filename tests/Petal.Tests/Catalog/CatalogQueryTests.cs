using Petal.Catalog;

namespace Petal.Tests.Catalog;

public sealed class CatalogQueryTests
{
    private static readonly EmbeddedCatalog Catalog = EmbeddedCatalog.LoadEmbedded();

    [Fact]
    public void Efa_arm64_in_us_east_1_are_all_graviton_with_efa()
    {
        var offers = Catalog.Query(new CatalogFilter { Region = "us-east-1", Architecture = "arm64", Efa = true }).ToList();
        Assert.NotEmpty(offers);
        Assert.Contains(offers, o => o.Type.Name == "c7gn.16xlarge");
        Assert.All(offers, o =>
        {
            Assert.Equal("us-east-1", o.Region);
            Assert.Equal("arm64", o.Type.Architecture);
            Assert.True(o.Type.EfaSupported);
            Assert.True(Catalog.IsOffered("us-east-1", o.Type.Name));
        });
    }

    [Fact]
    public void Vcpu_memory_and_gpu_bounds_hold()
    {
        var offers = Catalog.Query(new CatalogFilter
        {
            Region = "us-west-2", MinVCpus = 8, MaxVCpus = 16, MinMemoryGiB = 60, Gpu = true,
        }).ToList();
        Assert.Contains(offers, o => o.Type.Name == "g5.4xlarge");
        Assert.All(offers, o =>
        {
            Assert.InRange(o.Type.VCpus, 8, 16);
            Assert.True(o.Type.MemoryGiB >= 60);
            Assert.True(o.Type.GpuCount > 0);
        });
        Assert.DoesNotContain(Catalog.Query(new CatalogFilter { Region = "us-west-2", Gpu = false }), o => o.Type.GpuCount > 0);
    }

    [Fact]
    public void Family_is_exact_and_bare_metal_hypervisor_and_threads_filter()
    {
        var c6i = Catalog.Query(new CatalogFilter { Region = "us-east-1", Family = "c6i" }).ToList();
        Assert.All(c6i, o => Assert.StartsWith("c6i.", o.Type.Name));
        Assert.Contains(c6i, o => o.Type.Name == "c6i.metal");
        Assert.Equal(["c6i.metal"], Catalog.Query(new CatalogFilter { Region = "us-east-1", Family = "c6i", BareMetal = true }).Select(o => o.Type.Name));
        Assert.All(Catalog.Query(new CatalogFilter { Hypervisor = "xen" }), o => Assert.Equal("xen", o.Type.Hypervisor));
        var single = Catalog.Query(new CatalogFilter { Region = "us-east-1", MaxThreadsPerCore = 1 }).ToList();
        Assert.All(single, o => Assert.Equal(1, o.Type.MinThreadsPerCore));
        // c5.large launches with 2 threads per core but can run 1 (ValidThreadsPerCore [1, 2]); c5.metal cannot.
        Assert.Contains(single, o => o.Type.Name == "c5.large");
        Assert.DoesNotContain(single, o => o.Type.Name == "c5.metal");
        Assert.Contains(Catalog.Query(new CatalogFilter { Region = "us-east-2", MaxThreadsPerCore = 1, MinCores = 96 }), o => o.Type.Name == "hpc6a.48xlarge");
    }

    [Fact]
    public void No_region_means_every_region_with_offerings()
    {
        var all = Catalog.Query(new CatalogFilter { Family = "hpc6a" }).ToList();
        var regions = all.Select(o => o.Region).Distinct().ToList();
        Assert.True(regions.Count >= 2);
        Assert.Equal(regions.Order(StringComparer.Ordinal), regions);
        Assert.Equal(Catalog.RegionCountOffering("hpc6a.48xlarge"), all.Count(o => o.Type.Name == "hpc6a.48xlarge"));
        Assert.Empty(Catalog.Query(new CatalogFilter { Region = "nowhere-1" }));
    }

    [Fact]
    public void Max_spot_price_keeps_only_priced_offers_under_it()
    {
        var cheap = Catalog.Query(new CatalogFilter { Region = "eu-west-1", MaxSpotPrice = 0.05m }).ToList();
        Assert.NotEmpty(cheap);
        Assert.All(cheap, o => Assert.True(o.Price!.SpotAverage <= 0.05m));
    }

    [Fact]
    public void Embedded_query_agrees_with_the_interface_default()
    {
        var filter = new CatalogFilter { Architecture = "x86_64", MinVCpus = 64, Efa = true };
        var fast = Catalog.Query(filter).Select(o => (o.Region, o.Type.Name, o.Price)).ToList();
        var reference = ((ICatalog)new InterfaceOnly(Catalog)).Query(filter).Select(o => (o.Region, o.Type.Name, o.Price)).ToList();
        Assert.True(fast.Count > 100);
        Assert.Equal(reference, fast);
    }

    [Fact]
    public void Sort_by_price_puts_unpriced_last_and_is_ascending()
    {
        var sorted = Catalog.Query(new CatalogFilter { Region = "us-east-1", Family = "c5" }).Sort(CatalogSort.Price).ToList();
        var prices = sorted.Select(o => o.Price?.OnDemand ?? decimal.MaxValue).ToList();
        Assert.Equal(prices.Order(), prices);
        Assert.Equal("c5.large", sorted[0].Type.Name);
        var byVcpus = Catalog.Query(new CatalogFilter { Region = "us-east-1", Family = "c5" }).Sort(CatalogSort.VCpus).Select(o => o.Type.VCpus).ToList();
        Assert.Equal(byVcpus.Order(), byVcpus);
    }

    /// <summary>Forwards everything but Query, so the interface's default Query runs.</summary>
    private sealed class InterfaceOnly(ICatalog inner) : ICatalog
    {
        public IReadOnlyCollection<InstanceTypeInfo> InstanceTypes => inner.InstanceTypes;
        public IReadOnlyCollection<string> Regions => inner.Regions;
        public InstanceTypeInfo? Find(string instanceType) => inner.Find(instanceType);
        public bool IsOffered(string region, string instanceType) => inner.IsOffered(region, instanceType);
        public IEnumerable<string> TypesOfferedIn(string region) => inner.TypesOfferedIn(region);
        public PriceInfo? Price(string region, string instanceType) => inner.Price(region, instanceType);
        public IReadOnlyList<string> Suggest(string instanceType, int max = 3) => inner.Suggest(instanceType, max);
    }
}
