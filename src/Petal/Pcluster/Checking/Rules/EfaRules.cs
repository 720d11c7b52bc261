namespace Petal.Pcluster.Checking.Rules;

// Elastic Fabric Adapter validators (cluster_validators.py) for single-type compute resources and queues.

public sealed class EfaValidator : ConfigRule
{
    public override string Summary => "Efa.Enabled only on types that support EFA; GdrSupport only with EFA (warns when a capable type leaves it off).";
    public override bool NeedsInstanceFacts => true;

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var cr in c.Config.ComputeResources.Where(cr => !cr.Flexible))
        {
            var type = cr.InstanceTypes[0];
            var supported = c.Info(type).EfaSupported;
            if (cr.Efa && !supported) yield return Error(cr.Path + ".Efa", $"Instance type '{type}' does not support EFA.");
            if (supported && !cr.Efa)
                yield return Warning(cr.Path, $"The EC2 instance selected ({type}) supports enhanced networking capabilities using Elastic Fabric Adapter (EFA). " +
                    "You can update the cluster's configuration to enable EFA (https://docs.aws.amazon.com/parallelcluster/latest/ug/efa-v3.html).");
            if (cr.GdrSupport && !cr.Efa) yield return Error(cr.Path + ".Efa", "The EFA GDR Support can be used only if EFA is enabled.");
        }
    }
}

public sealed class EfaPlacementGroupValidator : ConfigRule
{
    public override string Summary => "An EFA compute resource says explicitly whether it uses a placement group (warns when it does not use one).";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        // A multi-subnet queue cannot use a placement group at all (EfaMultiAzValidator refuses EFA there).
        foreach (var q in c.Config.Queues.Where(q => q.SubnetIds.Count <= 1))
            foreach (var cr in q.ComputeResources.Where(cr => cr.Efa))
            {
                var pg = Placement.Of(q, cr);
                if (pg.Implicit)
                    yield return Error(cr.Path, "The placement group for EFA-enabled compute resources must be explicit. " +
                        "You may see better performance using a placement group, but if you don't wish to use one please add " +
                        "'Enabled: false' to the compute resource's configuration section.");
                else if (!pg.Enabled) yield return Warning(cr.Path, "You may see better performance using a placement group for the queue.");
            }
    }
}

public sealed class EfaMultiAzValidator : ConfigRule
{
    public override string Summary => "EFA compute resources only in single-subnet queues.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var q in c.Config.Queues.Where(q => q.SubnetIds.Count > 1))
            foreach (var cr in q.ComputeResources.Where(cr => cr.Efa))
                yield return Error(cr.Path, $"You have enabled the Elastic Fabric Adapter (EFA) for the '{cr.Name}' Compute Resource on the '{q.Name}' queue. " +
                    "EFA is not supported across Availability zones. Either disable EFA to use multiple subnets on the queue or specify only one subnet " +
                    "to enable EFA on the compute resources.");
    }
}
