using Petal.Plans;
using Petal.Providers.Aws.Clusters;
using Petal.Providers.Aws.Images;
using Petal.Seeds;

namespace Petal.Providers.Aws;

/// <summary>Turns a rendered <see cref="Plan"/> into the AWS provider's build and create requests.</summary>
public static class PlanRequests
{
    public static ImageBuildRequest Image(Plan plan, Seed seed, string instanceType, string architecture, bool force, string? bucket) => new()
    {
        Name = plan.ClusterName,
        Fingerprint = plan.Fingerprint,
        Os = seed.Cluster.Os,
        Architecture = architecture,
        ParallelClusterVersion = seed.Cluster.ParallelClusterVersion,
        SpackVersion = seed.Software.SpackVersion,
        Packages = plan.InstallOrder,
        Script = plan.Files[PlanFiles.ImageBuild],
        Target = plan.Layout == SoftwareLayout.Snapshot ? BuildTarget.Snapshot : BuildTarget.Image,
        InstanceType = instanceType,
        Force = force,
        BucketName = bucket,
    };

    /// <summary>The cluster config with every placeholder token the plan left replaced by what AWS resolved.</summary>
    public static string FillPlaceholders(Plan plan, ClusterInputs inputs)
    {
        var values = new Dictionary<string, string?>
        {
            ["subnet_id"] = inputs.SubnetId, ["key_name"] = inputs.KeyName, ["custom_ami"] = inputs.ImageId,
            ["snapshot_id"] = inputs.SnapshotId, ["bucket_name"] = inputs.Bucket,
        };
        var config = plan.ClusterConfigYaml;
        foreach (var (name, placeholder) in plan.Placeholders)
        {
            if (!config.Contains(placeholder.Token, StringComparison.Ordinal)) continue;
            var value = values.GetValueOrDefault(name)
                ?? throw new AwsFailureException($"the cluster config needs {name} ({placeholder.Description}): pass it as a flag");
            config = config.Replace(placeholder.Token, value, StringComparison.Ordinal);
        }
        return config;
    }
}
