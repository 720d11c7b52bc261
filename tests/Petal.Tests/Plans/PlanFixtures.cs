using Petal.Catalog;
using Petal.Plans;
using Petal.Seeds;

namespace Petal.Tests.Plans;

/// <summary>Plans of the test seeds, and placeholders filled the way `petal create` fills them.</summary>
public static class PlanFixtures
{
    public static readonly IReadOnlyDictionary<string, string> Samples = new Dictionary<string, string>
    {
        ["subnet_id"] = "subnet-0123456789abcdef0",
        ["key_name"] = "lab-key",
        ["bucket_name"] = "petal-bootstrap-123",
        ["custom_ami"] = "ami-0123456789abcdef0",
        ["snapshot_id"] = "snap-0123456789abcdef0",
    };

    public static Plan Create(Seed seed, SoftwareLayout? layout = null) =>
        Planner.Create(seed, EmbeddedCatalog.Default, new PlanOptions { Layout = layout });

    public static string FilledConfig(Plan plan) =>
        plan.Placeholders.Aggregate(plan.ClusterConfigYaml, (yaml, p) => yaml.Replace(p.Value.Token, Samples[p.Key]));

    /// <summary>Every code-built seed × every layout (library seeds are added once the seed loader lands).</summary>
    public static IEnumerable<object[]> SeedsByLayout() =>
        from name in new[] { "full", "minimal" }
        from layout in TestSeeds.Layouts
        select new object[] { name, layout };

    public static Seed Named(string name) => name == "full" ? TestSeeds.Full() : TestSeeds.Minimal();
}
