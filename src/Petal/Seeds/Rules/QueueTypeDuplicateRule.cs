namespace Petal.Seeds.Rules;

/// <summary>
/// A type listed twice in one queue: ParallelCluster rejects duplicate types in a flexible
/// Instances list, and on-demand queues would silently get fewer compute resources than written.
/// </summary>
public sealed class QueueTypeDuplicateRule : SeedRule
{
    public override string Id => "QUEUE-TYPE-DUPLICATE";
    public override string Summary => "An instance type is listed at most once per queue.";

    public override IEnumerable<Common.Diagnostic> Check(SeedRuleContext context) =>
        context.Seed.Compute.Queues.SelectMany((queue, q) =>
            Duplicates.Find(queue.InstanceTypes, i => $"compute.queues[{q}].instance_types[{i}]", context)
                .Select(d => Report(context, d.Path, $"instance type '{d.Value}' is already listed at {d.First}",
                    "list each instance type once per queue")));
}
