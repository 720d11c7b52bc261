namespace Petal.Pcluster.Checking.Rules;

// Cluster-wide validators (cluster_validators.py): region, scheduler and OS, custom AMIs.

public sealed class RegionValidator : ConfigRule
{
    public override string Summary => "Region is one ParallelCluster supports (its bundled list for the version).";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        if (c.Config.Region is { } region && !PclusterFacts.RegionsFor(c.Version).Contains(region))
            yield return Error("Region", $"Region '{region}' is not yet officially supported by ParallelCluster");
    }
}

public sealed class SchedulerOsValidator : ConfigRule
{
    public override string Summary => "awsbatch runs only on alinux2 and alinux2023.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        if (c.Config.Scheduler == "awsbatch" && !PclusterFacts.AwsBatchOses.Contains(c.Config.Os))
            yield return Error("Image.Os", $"awsbatch scheduler supports the following operating systems: {PyList(PclusterFacts.AwsBatchOses)}.");
    }
}

public sealed class OsCustomAmiValidator : ConfigRule
{
    public override string Summary => "OSes without an official ParallelCluster AMI (rocky8, rocky9) need a custom AMI for every node.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        var config = c.Config;
        if (!PclusterFacts.PrivateOses.Contains(config.Os) || config.CustomAmi is not null) yield break;
        if (config.HeadNode.CustomAmi is null || config.Queues.Any(q => q.CustomAmi is null))
            yield return Error("Image.CustomAmi",
                $"ParallelCluster has no official AMI for {config.Os}. Please build your own AMI using pcluster build-image command, " +
                "as explained in the documentation: https://docs.aws.amazon.com/parallelcluster/latest/ug/building-custom-ami-v3.html");
    }
}
