namespace Petal.Pcluster.Checking.Rules;

// Instance type facts (ec2_validators.py, cluster_validators.py); EC2's answers come from the catalog.

public sealed class InstanceTypeValidator : ConfigRule
{
    public override string Summary => "Every instance type exists and is offered in the region.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        var region = c.Config.Region;
        // A region the catalog has no offerings for is RegionValidator's business; types are then not checked.
        var offeringsKnown = region is not null && c.Catalog.Regions.Contains(region);
        bool Supported(string type) => c.Catalog.Find(type) is not null && (!offeringsKnown || c.Catalog.IsOffered(region!, type));

        if (!Supported(c.Config.HeadNode.InstanceType))
            yield return Error(HeadNodeView.Path + ".InstanceType", $"The instance type '{c.Config.HeadNode.InstanceType}' is not supported.");
        foreach (var cr in c.Config.ComputeResources)
            foreach (var type in cr.InstanceTypes.Where(t => !Supported(t)))
                yield return Error(cr.Path, $"The instance type '{type}' is not supported.");
    }
}

public sealed class InstanceArchitectureCompatibilityValidator : ConfigRule
{
    public override string Summary => "Every compute instance type has the head node's architecture.";
    public override bool NeedsInstanceFacts => true;

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        var head = c.Info(c.Config.HeadNode.InstanceType).Architecture;
        foreach (var cr in c.Config.ComputeResources)
            foreach (var type in cr.InstanceTypes)
            {
                var arch = c.Info(type).Architecture;
                if (arch != head)
                    yield return Error(cr.Path, $"The specified compute instance type ({type}) supports the architectures {PyList([arch])}, " +
                        $"none of which are compatible with the architecture supported by the head node instance type ({head}).");
            }
    }
}

public sealed class DisableSimultaneousMultithreadingArchitectureValidator : ConfigRule
{
    public override string Summary => "DisableSimultaneousMultithreading on the head node only on x86_64 (3.12 checks compute resources by their threads per core instead).";
    public override bool NeedsInstanceFacts => true;

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        const string message = "Disabling simultaneous multithreading is only supported on instance types that support these architectures: x86_64.";
        if (c.Config.HeadNode.DisableSmt && c.Info(c.Config.HeadNode.InstanceType).Architecture != "x86_64")
            yield return Error(HeadNodeView.Path, message);
    }
}

public sealed class InstanceTypePlacementGroupValidator : ConfigRule
{
    public override string Summary => "No cluster placement group for types EC2 cannot place in one (burstable t2/t3/t3a/t4g, -flex, old generations).";
    public override bool NeedsInstanceFacts => true;

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var q in c.Config.Queues)
            foreach (var cr in q.ComputeResources.Where(cr => Placement.Of(q, cr).Enabled))
                foreach (var type in cr.InstanceTypes.Where(t => !c.Info(t).ClusterPlacementGroup))
                    yield return Error(cr.Path, $"The instance type '{type}' doesn't support being launched in a cluster placement group. " +
                        "Please either disable the placement group or remove the instance type from the compute resource.");
    }
}

/// <summary>A compute resource's effective placement group: its own section wins over its queue's (cluster_config.py).</summary>
internal readonly record struct Placement(bool Enabled, bool Implicit)
{
    public static Placement Of(QueueView q, ComputeResourceView cr)
    {
        var pg = cr.PlacementGroup.Explicit ? cr.PlacementGroup : q.PlacementGroup;
        var enabled = pg.Enabled ?? (pg.Id is not null || pg.Name is not null);
        return new Placement(enabled, !cr.PlacementGroup.Explicit && !q.PlacementGroup.Explicit);
    }
}

public sealed class InstanceTypeAcceleratorManufacturerValidator : ConfigRule
{
    public override string Summary => "Warns about GPUs ParallelCluster's AMIs have no drivers for (anything not NVIDIA).";
    public override bool NeedsInstanceFacts => true;

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        var types = c.Config.ComputeResources.SelectMany(cr => cr.InstanceTypes.Select(t => (cr.Path, Type: t)))
            .Prepend((HeadNodeView.Path, c.Config.HeadNode.InstanceType));
        foreach (var (path, type) in types)
            if (c.Info(type) is { GpuCount: > 0, GpuManufacturer: { } maker } && maker != "NVIDIA")
                yield return Warning(path, $"The accelerator manufacturer '{maker}' for instance type '{type}' is not supported. " +
                    "Please make sure to use a custom AMI with the appropriate drivers in order to leverage the accelerator functionalities");
    }
}
