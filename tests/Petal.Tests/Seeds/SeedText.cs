using Petal.Catalog;
using Petal.Common;
using Petal.Seeds;

namespace Petal.Tests.Seeds;

/// <summary>A valid base seed and helpers to load variants of it against the real embedded catalog.</summary>
internal static class SeedText
{
    public const string Valid = """
        cluster:
          name: test
          region: us-east-1
        compute:
          head_node: c6i.large
          queues:
            - name: compute
              instance_types: [c6i.large]
              max_count: 4
        software:
          spack_packages:
            - gcc@13.2.0
        users:
          - { name: alice, uid: 2001, gid: 2001 }
        """;

    public static SeedLoadResult Load(string yaml) => SeedLoader.LoadText(yaml, "seed.yaml", EmbeddedCatalog.Default);

    /// <summary>The valid seed with extra top-level sections appended.</summary>
    public static SeedLoadResult LoadWith(string extra) => Load(Valid + "\n" + extra);

    public static Diagnostic Single(SeedLoadResult result, string ruleId)
    {
        var matching = result.Diagnostics.Where(d => d.RuleId == ruleId).ToList();
        Assert.True(matching.Count == 1, $"expected one {ruleId}, got: {string.Join("\n", result.Diagnostics)}");
        return matching[0];
    }

    public static void NoRule(SeedLoadResult result, string ruleId) =>
        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId == ruleId);
}
