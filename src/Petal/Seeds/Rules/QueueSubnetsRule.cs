using Petal.Common;

namespace Petal.Seeds.Rules;

/// <summary>
/// A queue's <c>subnet_ids</c>, with ParallelCluster 3.12's multi-subnet rules that need no AWS call
/// (networking_validators.py, storage_validators.py). A queue's subnets must each be in another Availability Zone
/// (QueueSubnetsValidator asks EC2), so more than one subnet is a multi-AZ queue: no placement group
/// (MultiAzPlacementGroupValidator), no EFA (EfaMultiAzValidator), and no FSx for Lustre that ParallelCluster creates
/// (ManagedFsxMultiAzValidator, which counts the distinct subnets of all queues). The plan renders every compute resource
/// of a multi-subnet queue as an Instances list, which ParallelCluster's SingleInstanceTypeSubnetValidator asks for.
/// </summary>
public sealed class QueueSubnetsRule : SeedRule
{
    public override string Id => "QUEUE-SUBNETS";
    public override string Summary => "subnet_ids are subnet ids without repeats; a queue with several (one per Availability Zone) has no placement_group, no efa, and the cluster no new fsx-lustre storage.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var queues = context.Seed.Compute.Queues;
        for (var q = 0; q < queues.Count; q++)
        {
            var queue = queues[q];
            var path = $"compute.queues[{q}].subnet_ids";
            for (var s = 0; s < queue.SubnetIds.Count; s++)
                if (context.Has($"{path}[{s}]") && !Patterns.SubnetId.IsMatch(queue.SubnetIds[s]))
                    yield return Report(context, $"{path}[{s}]", $"'{queue.SubnetIds[s]}' is not a subnet id",
                        "write the id EC2 shows, 'subnet-' and 8 or 17 lowercase letters or digits, e.g. subnet-0123456789abcdef0");
            foreach (var (dup, value, first) in Duplicates.Find(queue.SubnetIds, s => $"{path}[{s}]", context))
                yield return Report(context, dup, $"subnet {value} is listed twice in queue '{queue.Name}' (first at {first})",
                    "list each subnet once; ParallelCluster refuses repeated SubnetIds");
            if (queue.SubnetIds.Count <= 1) continue;
            if (queue.PlacementGroup)
                yield return Report(context, $"compute.queues[{q}].placement_group",
                    $"queue '{queue.Name}' has {queue.SubnetIds.Count} subnets (one per Availability Zone), and placement groups do not span Availability Zones",
                    "set placement_group: false, or give the queue one subnet");
            if (queue.Efa)
                yield return Report(context, $"compute.queues[{q}].efa",
                    $"queue '{queue.Name}' has {queue.SubnetIds.Count} subnets (one per Availability Zone), and EFA does not work across Availability Zones",
                    "set efa: false, or give the queue one subnet");
        }

        // ManagedFsxMultiAzValidator: more than one subnet among all queues (a queue without subnet_ids uses create's subnet).
        var managedFsx = context.Seed.SharedStorage.Select((s, i) => (s, i)).FirstOrDefault(x => x.s.Type == StorageType.FsxLustre && x.s.FileSystemId is null);
        if (managedFsx.s is null) yield break;
        var given = queues.SelectMany(x => x.SubnetIds).Distinct(StringComparer.Ordinal).Count();
        var usesCreates = queues.Any(x => x.SubnetIds.Count == 0);
        if (given > 1 || (given == 1 && usesCreates))
        {
            var at = queues.Select((x, i) => (x, i)).First(x => x.x.SubnetIds.Count > 0).i;
            yield return Report(context, $"compute.queues[{at}].subnet_ids",
                $"the queues use more than one subnet, and FSx for Lustre storage '{managedFsx.s.Name}' that ParallelCluster creates lives in one",
                "give every queue the same single subnet_ids, or use an existing file system (file_system_id) reachable from all the subnets");
        }
    }
}
