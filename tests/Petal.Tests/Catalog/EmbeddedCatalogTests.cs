using System.Globalization;
using Petal.Catalog;

namespace Petal.Tests.Catalog;

/// <summary>Facts from tests/corpora/aws, read back through the embedded resource.</summary>
public sealed class EmbeddedCatalogTests
{
    private static readonly EmbeddedCatalog Catalog = EmbeddedCatalog.LoadEmbedded();

    [Fact]
    public void Default_is_one_shared_instance_with_all_moto_types()
    {
        Assert.Same(EmbeddedCatalog.Default, EmbeddedCatalog.Default);
        Assert.Equal(1263, Catalog.InstanceTypes.Count);
        Assert.Equal(30, Catalog.Regions.Count);
        Assert.Contains("us-east-1", Catalog.Regions);
        Assert.DoesNotContain("us-gov-west-1", Catalog.Regions);
    }

    [Fact]
    public void C5n_18xlarge_has_72_vcpus_192_gib_and_efa()
    {
        var t = Catalog.Find("c5n.18xlarge")!;
        Assert.Equal(72, t.VCpus);
        Assert.Equal(36, t.Cores);
        Assert.Equal(2, t.ThreadsPerCore);
        Assert.Equal(196608, t.MemoryMiB);
        Assert.True(t.EfaSupported);
        Assert.Equal("x86_64", t.Architecture);
        Assert.Equal("Intel", t.CpuManufacturer);
        Assert.Equal("nitro", t.Hypervisor);
        Assert.Equal("100 Gigabit", t.NetworkPerformance);
        Assert.Equal("c5n", t.Family);
    }

    [Fact]
    public void Hpc6a_48xlarge_has_96_vcpus_one_thread_per_core_and_efa()
    {
        var t = Catalog.Find("hpc6a.48xlarge")!;
        Assert.Equal(96, t.VCpus);
        Assert.Equal(96, t.Cores);
        Assert.Equal(1, t.ThreadsPerCore);
        Assert.True(t.EfaSupported);
        Assert.Equal("AMD", t.CpuManufacturer);
    }

    [Fact]
    public void G5_xlarge_has_one_nvidia_a10g()
    {
        var t = Catalog.Find("g5.xlarge")!;
        Assert.Equal(1, t.GpuCount);
        Assert.Equal("NVIDIA", t.GpuManufacturer);
        Assert.Equal("A10G", t.GpuModel);
        Assert.Equal(22888, t.GpuMemoryMiB);
        Assert.Equal(250, t.InstanceStorageGb);
        Assert.False(t.EfaSupported);
        Assert.Equal(0, Catalog.Find("c5.large")!.GpuCount);
    }

    [Fact]
    public void Every_c6g_type_is_arm64_graviton()
    {
        var c6g = Catalog.InstanceTypes.Where(t => t.Family == "c6g").ToList();
        Assert.True(c6g.Count >= 8);
        Assert.All(c6g, t => Assert.Equal("arm64", t.Architecture));
        Assert.All(c6g, t => Assert.Equal("AWS", t.CpuManufacturer));
    }

    [Fact]
    public void Old_types_listing_i386_first_are_x86_64_and_flags_come_through()
    {
        var m1 = Catalog.Find("m1.small")!;
        Assert.Equal("x86_64", m1.Architecture);
        Assert.False(m1.CurrentGeneration);
        Assert.Equal("xen", m1.Hypervisor);
        Assert.True(Catalog.Find("t3.micro")!.Burstable);
        Assert.False(Catalog.Find("c5.large")!.Burstable);
        var metal = Catalog.Find("c5.metal")!;
        Assert.True(metal.BareMetal);
        Assert.Null(metal.Hypervisor);
        Assert.True(Catalog.Find("c5.large")!.SpotSupported);
    }

    [Fact]
    public void Offerings_are_per_region()
    {
        Assert.True(Catalog.IsOffered("us-east-1", "c5.4xlarge"));
        Assert.False(Catalog.IsOffered("us-east-1", "c5.4xlarg"));
        Assert.False(Catalog.IsOffered("mars-north-1", "c5.4xlarge"));
        // hpc6a is offered in few regions; us-west-1 is not one of them.
        Assert.False(Catalog.IsOffered("us-west-1", "hpc6a.48xlarge"));
        Assert.True(Catalog.IsOffered("us-east-2", "hpc6a.48xlarge"));
        var useast1 = Catalog.TypesOfferedIn("us-east-1").ToList();
        Assert.Contains("c5.4xlarge", useast1);
        Assert.True(useast1.Count > 700);
        Assert.Empty(Catalog.TypesOfferedIn("us-gov-west-1"));
    }

    [Fact]
    public void On_demand_prices_equal_the_tsv()
    {
        // Rows copied from tests/corpora/aws/ondemand-prices.tsv and spot-prices.tsv.
        var p = Catalog.Price("af-south-1", "c5.12xlarge")!;
        Assert.Equal(2.736m, p.OnDemand);
        Assert.Equal("2025-04-04", p.AsOf);
        Assert.Equal(0.35568m, p.SpotAverage);
        Assert.Equal(87, p.SpotSavingsPercent);
        Assert.Equal(4, p.InterruptionBucket);
        Assert.Equal("2.736", p.OnDemand!.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Regions_without_offerings_still_have_prices()
    {
        Assert.Contains("us-gov-west-1", Catalog.PricedRegions);
        Assert.NotNull(Catalog.Price("us-gov-west-1", "c5.large")?.OnDemand);
        Assert.Null(Catalog.Price("us-east-1", "no.such"));
    }

    [Fact]
    public void Suggest_finds_the_typo_and_prefers_the_same_family()
    {
        Assert.Equal("c5.4xlarge", Catalog.Suggest("c5.4xlarg")[0]);
        Assert.Equal("c5.4xlarge", Catalog.Suggest("C5.4XLARGE")[0]);
        Assert.Equal("hpc6a.48xlarge", Catalog.Suggest("hpc6a.48xlrage")[0]);
        // Same family before another family at the same distance.
        Assert.Equal(["c6i.large", "c6i.xlarge", "c6a.large"], Catalog.Suggest("c6i.larg", 3));
        Assert.Empty(Catalog.Suggest("completely-unrelated-name"));
        Assert.True(Catalog.Suggest("c5.4xlarg", 5).Count <= 5);
    }

    [Fact]
    public void Region_suggestions()
    {
        Assert.Equal("us-east-1", Catalog.SuggestRegion("us-east-l")[0]);
        Assert.Equal("eu-west-1", Catalog.SuggestRegion("eu-wset-1")[0]);
    }
}
