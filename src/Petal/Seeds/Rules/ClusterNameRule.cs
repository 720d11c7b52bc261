using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class ClusterNameRule : SeedRule
{
    public override string Id => "CLUSTER-NAME";
    public override string Summary => "cluster.name starts with a letter and has only letters, digits and '-', at most 60 characters (ParallelCluster).";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var name = context.Seed.Cluster.Name;
        if (context.Has("cluster.name") && !Patterns.ClusterName.Regex.IsMatch(name))
            yield return Report(context, "cluster.name", $"'{name}' is not a valid ParallelCluster cluster name",
                "start with a letter; use only letters, digits and '-'; at most 60 characters");
    }
}
