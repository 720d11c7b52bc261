using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class RegionRule : SeedRule
{
    public override string Id => "REGION";
    public override string Summary => "cluster.region is an AWS region in petal's catalog.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var region = context.Seed.Cluster.Region;
        if (context.Has("cluster.region") && !context.Catalog.Regions.Contains(region))
            yield return Report(context, "cluster.region", $"unknown region '{region}'",
                DidYouMean.Hint(region, context.Catalog.Regions) ?? "use an AWS region code such as us-east-1 (see 'petal catalog list')");
    }
}
