using Petal.Catalog;

namespace Petal.Pcluster.Checking.Rules;

// Flexible compute resources (an Instances list; instances_validators.py): the types must look alike to Slurm.

/// <summary>The first two neighbouring types of a flexible compute resource that differ in one property, as ParallelCluster reports them.</summary>
internal static class Homogeneity
{
    public static string? FirstMismatch<T>(ConfigRuleContext c, ComputeResourceView cr, Func<InstanceTypeInfo, T> property, Func<T, string> show)
    {
        for (var i = 1; i < cr.InstanceTypes.Count; i++)
        {
            var (a, b) = (cr.InstanceTypes[i - 1], cr.InstanceTypes[i]);
            var (va, vb) = (property(c.Info(a)), property(c.Info(b)));
            if (!EqualityComparer<T>.Default.Equals(va, vb)) return $"{{'{a}': {show(va)}, '{b}': {show(vb)}}}";
        }
        return null;
    }
}

public sealed class InstancesCPUValidator : ConfigRule
{
    public override string Summary => "A flexible compute resource's types have equal vCPUs (equal cores with multithreading disabled).";
    public override bool NeedsInstanceFacts => true;

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var cr in c.Config.ComputeResources.Where(cr => cr.Flexible))
        {
            var mismatch = cr.DisableSmt
                ? Homogeneity.FirstMismatch(c, cr, t => t.Cores, n => n.ToString())
                : Homogeneity.FirstMismatch(c, cr, t => t.VCpus, n => n.ToString());
            if (mismatch is not null)
                yield return Error(cr.Path, cr.DisableSmt
                    ? $"Instance types listed under Compute Resource {cr.Name} must have the same number of CPU cores when Simultaneous Multithreading is disabled ({mismatch})."
                    : $"Instance types listed under Compute Resource {cr.Name} must have the same number of vCPUs ({mismatch}).");
        }
    }
}

public sealed class InstancesAcceleratorsValidator : ConfigRule
{
    public override string Summary => "A flexible compute resource's types have equal GPU and inference accelerator counts and makers.";
    public override bool NeedsInstanceFacts => true;

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var cr in c.Config.ComputeResources.Where(cr => cr.Flexible))
        {
            if (Homogeneity.FirstMismatch(c, cr, t => t.GpuCount, n => n.ToString()) is { } gpus)
                yield return Error(cr.Path, $"Instance types listed under Compute Resource {cr.Name} must have the same number of GPUs ({gpus}).");
            if (Homogeneity.FirstMismatch(c, cr, t => t.InferenceAcceleratorCount, n => n.ToString()) is { } inference)
                yield return Error(cr.Path, $"Instance types listed under Compute Resource {cr.Name} must have the same number of Inference Accelerators ({inference}).");
            if (Homogeneity.FirstMismatch(c, cr, t => t.GpuCount > 0 ? t.GpuManufacturer ?? "" : "", m => $"'{m}'") is { } makers)
                yield return Error(cr.Path, $"Instance types listed under Compute Resource {cr.Name} must have the same GPU manufacturer ({makers}).");
            if (Homogeneity.FirstMismatch(c, cr, t => t.InferenceAcceleratorManufacturer ?? "", m => $"'{m}'") is { } inferenceMakers)
                yield return Error(cr.Path, $"Instance types listed under Compute Resource {cr.Name} must have the same inference accelerator manufacturer ({inferenceMakers}).");
        }
    }
}

public sealed class InstancesEFAValidator : ConfigRule
{
    public override string Summary => "With EFA enabled, every type of a flexible compute resource supports EFA (warns when capable types leave it off).";
    public override bool NeedsInstanceFacts => true;

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var q in c.Config.Queues)
            foreach (var cr in q.ComputeResources.Where(cr => cr.Flexible))
            {
                var capable = cr.InstanceTypes.Where(t => c.Info(t).EfaSupported).Order(StringComparer.Ordinal).ToList();
                var lacking = cr.InstanceTypes.Except(capable).Order(StringComparer.Ordinal).ToList();
                if (cr.Efa && lacking.Count > 0)
                    yield return Error(cr.Path, $"Instance type(s) ({string.Join(",", lacking)}) do not support EFA and cannot be launched when EFA is enabled in Compute Resource: {cr.Name}.");
                else if (!cr.Efa && capable.Count > 0 && q.SubnetIds.Count <= 1)
                    yield return Warning(cr.Path, $"The EC2 instance type(s) selected ({string.Join(",", capable)}) for the Compute Resource {cr.Name} support enhanced networking capabilities using Elastic Fabric Adapter (EFA).");
            }
    }
}

public sealed class InstancesNetworkingValidator : ConfigRule
{
    public override string Summary => "Warns when a flexible compute resource with several types uses a placement group.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var q in c.Config.Queues)
            foreach (var cr in q.ComputeResources.Where(cr => cr.Flexible && cr.InstanceTypes.Count > 1 && Placement.Of(q, cr).Enabled))
                yield return Warning(cr.Path, $"Enabling placement groups for queue: {q.Name} may result in Insufficient Capacity Errors due to the use of multiple instance types for Compute Resource: {cr.Name}.");
    }
}

public sealed class InstancesAllocationStrategyValidator : ConfigRule
{
    public override string Summary => "ONDEMAND queues use lowest-price; CAPACITY_BLOCK queues set no allocation strategy.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var q in c.Config.Queues.Where(q => q.AllocationStrategy is not null))
            foreach (var cr in q.ComputeResources.Where(cr => cr.Flexible))
            {
                if (q.CapacityType == "ONDEMAND" && q.AllocationStrategy != "lowest-price")
                    yield return Error(cr.Path, $"Compute Resource {cr.Name} is using an OnDemand CapacityType but the Allocation Strategy specified is {q.AllocationStrategy}. " +
                        "OnDemand CapacityType can only use 'lowest-price' allocation strategy.");
                if (q.CapacityType == "CAPACITY_BLOCK")
                    yield return Error(cr.Path, $"Compute Resource {cr.Name} is using a CAPACITY_BLOCK CapacityType but the Allocation Strategy specified is {q.AllocationStrategy}. " +
                        "When using CAPACITY_BLOCK CapacityType, allocation strategy should not be set.");
            }
    }
}
