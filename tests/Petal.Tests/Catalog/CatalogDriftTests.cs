using Petal.Tests.Support;
using System.Globalization;
using Petal.Catalog;
using Petal.Tools.CatalogGen;

namespace Petal.Tests.Catalog;

/// <summary>The committed resource must be exactly what tools/CatalogGen makes from tests/corpora/aws.</summary>
public sealed class CatalogDriftTests
{
    [Fact]
    public void Committed_resource_equals_a_fresh_generation_from_the_source_data()
    {
        var fresh = CatalogCodec.Encode(SourceData.Read(RepoPaths.AwsData));
        using var committed = File.OpenRead(Path.Combine(Support.RepoPaths.Root, "src/Petal/Catalog/Data/catalog.bin.gz"));
        using var gzip = new System.IO.Compression.GZipStream(committed, System.IO.Compression.CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        Assert.True(fresh.AsSpan().SequenceEqual(bytes.ToArray()),
            "src/Petal/Catalog/Data/catalog.bin.gz is stale: run "
            + "`dotnet run --project tools/CatalogGen` (from the repository root)");
    }

    [Fact]
    public void Resource_is_small()
    {
        var size = new FileInfo(Path.Combine(Support.RepoPaths.Root, "src/Petal/Catalog/Data/catalog.bin.gz")).Length;
        Assert.InRange(size, 50_000, 400_000);
    }

    [Fact]
    public void Every_priced_row_of_a_described_type_survives_the_round_trip()
    {
        var catalog = EmbeddedCatalog.LoadEmbedded();
        var rows = File.ReadLines(Path.Combine(RepoPaths.AwsData, "ondemand-prices.tsv")).Skip(1)
            .Select(l => l.Split('\t')).ToList();
        var described = rows.Where(f => catalog.Find(f[1]) is not null).ToList();
        Assert.Equal(16076, rows.Count);
        Assert.All(described, f =>
            Assert.Equal(decimal.Parse(f[2], CultureInfo.InvariantCulture), catalog.Price(f[0], f[1])?.OnDemand));
        // The priced types moto does not describe are left out (no specs): c9g, g7, ... see docs/catalog.md.
        var skipped = rows.Select(f => f[1]).Where(t => catalog.Find(t) is null).Distinct().Count();
        Assert.Equal(115, skipped);
    }
}
