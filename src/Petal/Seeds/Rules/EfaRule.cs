using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class EfaRule : SeedRule
{
    public override string Id => "EFA-UNSUPPORTED";
    public override string Summary => "efa: true only when every instance type of the queue supports EFA.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        for (var i = 0; i < context.Seed.Compute.Queues.Count; i++)
        {
            var q = context.Seed.Compute.Queues[i];
            if (!q.Efa) continue;
            for (var t = 0; t < q.InstanceTypes.Count; t++)
                if (context.Catalog.Find(q.InstanceTypes[t]) is { EfaSupported: false } info)
                    yield return Report(context, $"compute.queues[{i}].instance_types[{t}]", $"{info.Name} does not support EFA, but the queue sets efa: true",
                        "use EFA-capable types (petal catalog list --efa) or set efa: false");
        }
    }
}
