using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class QueueDuplicateRule : SeedRule
{
    public override string Id => "QUEUE-DUPLICATE";
    public override string Summary => "Queue names are unique.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context) =>
        Duplicates.Find(context.Seed.Compute.Queues.Select(q => q.Name), i => $"compute.queues[{i}].name", context)
            .Select(d => Report(context, d.Path, $"queue '{d.Value}' is already defined at {d.First}", "give each queue its own name"));
}
