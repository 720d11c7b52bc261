using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class InstanceTypeRule : SeedRule
{
    public override string Id => "INSTANCE-TYPE";
    public override string Summary => "The head node and every queue instance type exist in the catalog and are offered in cluster.region.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var seed = context.Seed;
        var regionKnown = context.Catalog.Regions.Contains(seed.Cluster.Region);
        var types = new List<(string Path, string Type)> { ("compute.head_node", seed.Compute.HeadNode) };
        for (var q = 0; q < seed.Compute.Queues.Count; q++)
        for (var t = 0; t < seed.Compute.Queues[q].InstanceTypes.Count; t++)
            types.Add(($"compute.queues[{q}].instance_types[{t}]", seed.Compute.Queues[q].InstanceTypes[t]));
        foreach (var (path, type) in types.Where(x => context.Has(x.Path)))
        {
            if (context.Catalog.Find(type) is null)
                yield return Report(context, path, $"unknown instance type '{type}'",
                    context.Catalog.Suggest(type) is [_, ..] s ? $"did you mean {string.Join(" or ", s.Select(x => $"'{x}'"))}?" : "see 'petal catalog list'");
            else if (regionKnown && !context.Catalog.IsOffered(seed.Cluster.Region, type))
                yield return Report(context, path, $"{type} is not offered in {seed.Cluster.Region}",
                    $"choose a type offered there (petal catalog list --region {seed.Cluster.Region} --family {type.Split('.')[0]}) or another region");
        }
    }
}
