using Petal.Common;
using Petal.Pcluster;

namespace Petal.Seeds.Rules;

public sealed class RegionRule : SeedRule
{
    public override string Id => "REGION";
    public override string Summary => "cluster.region is an AWS region in petal's catalog that the seed's ParallelCluster release supports (RegionValidator).";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var region = context.Seed.Cluster.Region;
        if (!context.Has("cluster.region")) yield break;
        var version = context.Seed.Cluster.ParallelClusterVersion;
        var supported = PclusterFacts.RegionsFor(version);
        if (!context.Catalog.Regions.Contains(region))
            yield return Report(context, "cluster.region", $"unknown region '{region}'",
                DidYouMean.Hint(region, context.Catalog.Regions.Where(supported.Contains).ToList())
                ?? "use an AWS region code such as us-east-1 (see 'petal catalog list')");
        else if (!supported.Contains(region))
            yield return Report(context, "cluster.region", $"ParallelCluster {version} does not support {region}",
                $"use one of {string.Join(", ", context.Catalog.Regions.Where(supported.Contains).Order(StringComparer.Ordinal))}");
    }
}
