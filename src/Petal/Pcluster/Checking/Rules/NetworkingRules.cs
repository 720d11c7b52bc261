namespace Petal.Pcluster.Checking.Rules;

// Queue subnets (networking_validators.py, storage_validators.py): the checks that need no EC2 call. A queue's subnets
// must each be in another Availability Zone (QueueSubnetsValidator asks EC2), so more than one subnet is multi-AZ here.

public sealed class QueueSubnetsValidator : ConfigRule
{
    public override string Summary => "A queue lists each subnet once (the Availability Zone half needs EC2).";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var q in c.Config.Queues)
        {
            var duplicates = q.SubnetIds.GroupBy(s => s, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (duplicates.Count > 0)
                yield return Error(q.Path + ".Networking.SubnetIds",
                    $"The following Subnet Ids are specified multiple times in the SubnetId's configuration of the '{q.Name}' queue: " +
                    $"'{string.Join(", ", duplicates)}'. Please remove the duplicate subnet Ids from the queue's SubnetId configuration.");
        }
    }
}

public sealed class MultiAzPlacementGroupValidator : ConfigRule
{
    public override string Summary => "No placement group in a queue with several subnets (placement groups do not span Availability Zones).";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var q in c.Config.Queues.Where(q => q.SubnetIds.Count > 1))
            foreach (var cr in q.ComputeResources)
            {
                if (Placement.Of(q, cr).Enabled)
                    yield return Error(cr.Path, $"You have enabled PlacementGroups for the '{cr.Name}' Compute Resource on the '{q.Name}' queue. " +
                        "PlacementGroups are not supported across Availability zones. Either remove the PlacementGroup configuration to use multiple " +
                        "subnets on the queue or specify only one subnet to use a PlacementGroup for compute resources.");
            }
    }
}

public sealed class ManagedFsxMultiAzValidator : ConfigRule
{
    public override string Summary => "No FSx for Lustre that ParallelCluster creates when the queues use more than one subnet.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        var subnets = c.Config.Queues.SelectMany(q => q.SubnetIds).Distinct(StringComparer.Ordinal).Count();
        if (subnets > 1 && c.Config.Storage.Any(s => s.StorageType == "FsxLustre" && s.IsNew))
            yield return Error("Scheduling.SlurmQueues",
                "Managed FSx storage created by ParallelCluster is not supported when specifying multiple subnet Ids under the SubnetIds " +
                "configuration of a queue. Please make sure to provide an existing FSx shared storage, properly configured to work across the " +
                "target subnets or remove the managed FSx storage to use multiple subnets for a queue.");
    }
}
