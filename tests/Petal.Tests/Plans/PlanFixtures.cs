using Petal.Catalog;
using Petal.Plans;
using Petal.Seeds;
using Petal.Tests.Support;

namespace Petal.Tests.Plans;

/// <summary>Plans of the test seeds, and placeholders filled the way `petal create` fills them.</summary>
public static class PlanFixtures
{
    public static readonly IReadOnlyDictionary<string, string> Samples = new Dictionary<string, string>
    {
        ["subnet_id"] = "subnet-0123456789abcdef0",
        ["key_name"] = "lab-key",
        ["ssh_cidr"] = "203.0.113.0/24",
        ["bucket_name"] = "petal-bootstrap-123",
        ["custom_ami"] = "ami-0123456789abcdef0",
        ["snapshot_id"] = "snap-0123456789abcdef0",
    };

    public static Plan Create(Seed seed, SoftwareLayout? layout = null) =>
        Planner.Create(seed, EmbeddedCatalog.Default, new PlanOptions { Layout = layout });

    public static string FilledConfig(Plan plan) =>
        plan.Placeholders.Aggregate(plan.ClusterConfigYaml, (yaml, p) => yaml.Replace(p.Value.Token, Samples[p.Key]));

    /// <summary>The code-built seeds and every seed file in seeds/library and seeds/examples.</summary>
    public static IEnumerable<string> SeedNames() =>
        new[] { "full", "minimal" }.Concat(
            from dir in new[] { "library", "examples" }
            from file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Seeds, dir), "*.yaml").Order(StringComparer.Ordinal)
            select $"{dir}/{Path.GetFileName(file)}");

    public static IEnumerable<object[]> SeedsByLayout() =>
        from name in SeedNames()
        from layout in TestSeeds.Layouts
        select new object[] { name, layout };

    public static IEnumerable<object[]> LibrarySeeds() =>
        SeedNames().Where(n => n.StartsWith("library/", StringComparison.Ordinal)).Select(n => new object[] { n });

    public static Seed Named(string name) => name switch
    {
        "full" => TestSeeds.Full(),
        "minimal" => TestSeeds.Minimal(),
        _ => Load(Path.Combine(RepoPaths.Seeds, name)),
    };

    public static Seed Load(string path)
    {
        var result = SeedLoader.Load(path, EmbeddedCatalog.Default);
        Assert.True(result.Ok, string.Join("\n", result.Diagnostics));
        return result.Seed!;
    }
}
