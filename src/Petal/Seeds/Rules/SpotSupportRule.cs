using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class SpotSupportRule : SeedRule
{
    public override string Id => "SPOT-UNSUPPORTED";
    public override string Summary => "capacity: spot only with instance types EC2 sells as spot.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        for (var i = 0; i < context.Seed.Compute.Queues.Count; i++)
        {
            var q = context.Seed.Compute.Queues[i];
            if (q.Capacity != CapacityType.Spot) continue;
            for (var t = 0; t < q.InstanceTypes.Count; t++)
                if (context.Catalog.Find(q.InstanceTypes[t]) is { SpotSupported: false } info)
                    yield return Report(context, $"compute.queues[{i}].instance_types[{t}]", $"{info.Name} is not sold as spot capacity",
                        "use another type or 'capacity: ondemand'");
        }
    }
}
