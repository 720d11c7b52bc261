using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class ParallelClusterVersionRule : SeedRule
{
    public override string Id => "PCLUSTER-VERSION";
    public override string Summary => "cluster.parallelcluster_version is a 3.x.y release; other than the pinned one is a warning.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        const string path = "cluster.parallelcluster_version";
        var version = context.Seed.Cluster.ParallelClusterVersion;
        if (!context.Has(path)) yield break;
        if (!Patterns.ParallelClusterVersion.Regex.IsMatch(version))
            yield return Report(context, path, $"'{version}' is not a ParallelCluster 3 version", $"write it as 3.MINOR.PATCH, e.g. {SeedDefaults.ParallelClusterVersion}");
        else if (version != SeedDefaults.ParallelClusterVersion)
            yield return Report(context, path, $"petal's rules are pinned to ParallelCluster {SeedDefaults.ParallelClusterVersion}, not {version}",
                "the config may use settings this version does not accept; check its release notes", Severity.Warning);
    }
}
