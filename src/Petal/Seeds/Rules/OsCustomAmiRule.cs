using Petal.Common;

namespace Petal.Seeds.Rules;

/// <summary>
/// ParallelCluster's OsCustomAmiValidator: rocky8/rocky9 have no official ParallelCluster AMI. petal's
/// own AMI build starts from an official one too, so no layout can serve rocky: it is an error.
/// </summary>
public sealed class OsCustomAmiRule : SeedRule
{
    public override string Id => "OS-CUSTOM-AMI";
    public override string Summary => "rocky8/rocky9 need a custom ParallelCluster AMI, which petal cannot build: choose another OS.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var os = context.Seed.Cluster.Os;
        if (os.StartsWith("rocky", StringComparison.Ordinal))
            yield return Report(context, "cluster.os", $"{os} has no official ParallelCluster AMI, and petal's AMI builds start from one",
                $"use rhel{os[^1]} (same ABI) or alinux2023; for Rocky build a ParallelCluster AMI with 'pcluster build-image' and use another OS value here");
    }
}
