using Petal.Catalog;
using Petal.Catalog.Refresh;
using Petal.Tests.Support;

namespace Petal.Tests.Catalog;

/// <summary>Refresh cache files laid over the embedded catalog.</summary>
public sealed class CatalogOverlayTests
{
    private static readonly InstanceTypeInfo NewType = new()
    {
        Name = "zz9.large", Architecture = "arm64", VCpus = 2, Cores = 2, ThreadsPerCore = 1, MinThreadsPerCore = 1, MemoryMiB = 4096,
    };

    [Fact]
    public void Overlay_replaces_a_regions_offerings_adds_types_and_regions_and_keeps_prices()
    {
        using var dir = new TempDirectory();
        var cache = dir.File("catalog");
        CatalogCache.Write(cache, "us-east-1", new CatalogData(
            [NewType, EmbeddedCatalog.Default.Find("c5.large")!], [new RegionData("us-east-1", ["zz9.large", "c5.large"], [])]));
        CatalogCache.Write(cache, "xx-test-1", new CatalogData([NewType], [new RegionData("xx-test-1", ["zz9.large"], [])]));

        var catalog = EmbeddedCatalog.Load(cache);

        Assert.Equal(["us-east-1", "xx-test-1"], catalog.RefreshedRegions);
        Assert.Equal(NewType, catalog.Find("zz9.large"));
        Assert.Equal(1264, catalog.InstanceTypes.Count);
        Assert.True(catalog.IsOffered("us-east-1", "zz9.large"));
        Assert.True(catalog.IsOffered("us-east-1", "c5.large"));
        Assert.False(catalog.IsOffered("us-east-1", "c5.4xlarge"));
        Assert.True(catalog.IsOffered("us-west-2", "c5.4xlarge"));
        Assert.Contains("xx-test-1", catalog.Regions);
        Assert.Equal(EmbeddedCatalog.Default.Price("us-east-1", "c5.large"), catalog.Price("us-east-1", "c5.large"));
    }

    [Fact]
    public void No_cache_directory_means_the_embedded_catalog()
    {
        using var dir = new TempDirectory();
        var catalog = EmbeddedCatalog.Load(dir.File("absent"));
        Assert.Empty(catalog.RefreshedRegions);
        Assert.Equal(1263, catalog.InstanceTypes.Count);
    }

    [Fact]
    public void A_corrupt_cache_file_fails_with_a_clear_message()
    {
        using var dir = new TempDirectory();
        var cache = dir.File("catalog");
        Directory.CreateDirectory(cache);
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(CatalogCache.FileFor(cache, "us-east-1")), System.IO.Compression.CompressionLevel.Fastest))
            gzip.Write("not a catalog"u8);
        var e = Assert.Throws<InvalidDataException>(() => EmbeddedCatalog.Load(cache));
        Assert.Contains("us-east-1.bin.gz", e.Message);
        Assert.Contains("petal catalog refresh --region us-east-1", e.Message);
    }
}
