using Petal.Common;
using Petal.Pcluster;

namespace Petal.Seeds.Rules;

/// <summary>ParallelCluster's Image.Os enum depends on the release: 3.12 has no ubuntu2404 (3.13 added it).</summary>
public sealed class OsVersionRule : SeedRule
{
    public override string Id => "OS-VERSION";
    public override string Summary => "cluster.os is an Image.Os of cluster.parallelcluster_version (ubuntu2404 needs 3.13.0 or later).";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var (os, version) = (context.Seed.Cluster.Os, context.Seed.Cluster.ParallelClusterVersion);
        var supported = PclusterFacts.OsesFor(version);
        if (context.Has("cluster.os") && PclusterFacts.AllOses.Contains(os) && !supported.Contains(os))
            yield return Report(context, "cluster.os", $"{os} is not an OS of ParallelCluster {version}",
                $"use one of {string.Join(", ", supported)}, or set cluster.parallelcluster_version to 3.13.0 or later");
    }
}
