using Petal.Plans;
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
        Tags = seed.Tags,
    };
}
