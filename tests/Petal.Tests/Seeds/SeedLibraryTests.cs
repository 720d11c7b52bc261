using Petal.Catalog;
using Petal.Seeds;
using Petal.Seeds.Schema;
using Petal.Tests.Support;

namespace Petal.Tests.Seeds;

public class SeedLibraryTests
{
    public static TheoryData<string> AllSeeds()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Seeds, "*.yaml", SearchOption.AllDirectories).Order())
            data.Add(Path.GetRelativePath(RepoPaths.Seeds, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(AllSeeds))]
    public void Every_seed_validates_without_errors(string relative)
    {
        var result = SeedLoader.Load(Path.Combine(RepoPaths.Seeds, relative), EmbeddedCatalog.Default);
        Assert.True(result.Ok, string.Join("\n", result.Diagnostics));
        Assert.StartsWith("# yaml-language-server: $schema=../../docs/seed.schema.json",
            File.ReadLines(Path.Combine(RepoPaths.Seeds, relative)).First());
    }

    [Fact]
    public void Library_has_at_least_30_domain_seeds()
    {
        Assert.True(Directory.GetFiles(Path.Combine(RepoPaths.Seeds, "library"), "*.yaml").Length >= 30);
    }

    [Fact]
    public void Local_twin_seeds_stay_small()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Seeds, "examples"), "local-*.yaml"))
        {
            var seed = SeedLoader.Load(file, EmbeddedCatalog.Default).Seed!;
            Assert.InRange(seed.Compute.Queues.Count, 1, 2);
            Assert.True(seed.Compute.Queues.Sum(q => q.MaxCount - q.MinCount) <= 4, file);
        }
    }

    [Fact]
    public void Committed_schema_equals_petal_schema_output()
    {
        var committed = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "seed.schema.json"));
        Assert.Equal(JsonSchemaWriter.Write(), committed);
    }

    [Fact]
    public void Schema_lists_the_same_keys_the_loader_accepts()
    {
        var schema = System.Text.Json.JsonDocument.Parse(JsonSchemaWriter.Write()).RootElement;
        var queue = schema.GetProperty("properties").GetProperty("compute").GetProperty("properties")
            .GetProperty("queues").GetProperty("items");
        Assert.Equal(SeedSchema.Queue.Fields.Select(f => f.Name), queue.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.False(queue.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.GetProperty("$schema").GetString());
    }
}
