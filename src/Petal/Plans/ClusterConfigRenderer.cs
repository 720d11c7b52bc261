using Petal.Pcluster;
using Petal.Plans.Rendering;
using Petal.Seeds;

namespace Petal.Plans;

/// <summary>Renders cluster-config.yaml for ParallelCluster 3.12 (schema: docs/research/pcluster-spack.md §1).</summary>
public static class ClusterConfigRenderer
{
    /// <summary>The EBS volume the shared and snapshot layouts add for the software.</summary>
    public const string SoftwareStorageName = "petal-software";

    public static string Render(PlanContext ctx) => YamlText.Write(new YamlMap()
        .Add("Region", ctx.Seed.Cluster.Region)
        .Add("Image", new YamlMap().Add("Os", ctx.Seed.Cluster.Os).Add("CustomAmi", ctx.CustomAmi))
        .Add("HeadNode", HeadNode(ctx))
        .Add("Scheduling", new YamlMap()
            .Add("Scheduler", "slurm")
            .Add("SlurmQueues", ctx.Queues.Select(q => (object)Queue(ctx, q.Queue, q.Resources)).ToList()))
        .Add("SharedStorage", SharedStorage(ctx) is { Count: > 0 } storage ? storage : null)
        .Add("DevSettings", ctx.HeadNodeBootstrapTimeout is { } timeout
            ? new YamlMap().Add("Timeouts", new YamlMap().Add("HeadNodeBootstrapTimeout", timeout))
            : null));

    private static YamlMap HeadNode(PlanContext ctx) => new YamlMap()
        .Add("InstanceType", ctx.Seed.Compute.HeadNode)
        .Add("Networking", new YamlMap().Add("SubnetId", ctx.SubnetId))
        .Add("Ssh", new YamlMap().Add("KeyName", ctx.KeyName))
        .Add("LocalStorage", new YamlMap().Add("RootVolume", RootVolume(ctx.HeadRootGb)))
        .Add("Iam", Iam(ctx))
        .Add("CustomActions", OnNodeConfigured(ctx, PlanFiles.HeadNode));

    private static YamlMap Queue(PlanContext ctx, QueueSpec q, IReadOnlyList<ComputeResourcePlan> resources)
    {
        var map = new YamlMap()
            .Add("Name", q.Name)
            .Add("CapacityType", q.Capacity == CapacityType.Spot ? "SPOT" : "ONDEMAND")
            .Add("AllocationStrategy", AllocationStrategy(q))
            .Add("Networking", new YamlMap()
                .Add("SubnetIds", new List<object> { ctx.SubnetId })
                .Add("PlacementGroup", new YamlMap().Add("Enabled", q.PlacementGroup)))
            .Add("ComputeResources", resources.Select(r => (object)ComputeResource(q, r)).ToList())
            .Add("ComputeSettings", ctx.ComputeRootGb is { } gb
                ? new YamlMap().Add("LocalStorage", new YamlMap().Add("RootVolume", RootVolume(gb)))
                : null)
            .Add("CustomActions", OnNodeConfigured(ctx, PlanFiles.ComputeNode))
            .Add("Iam", Iam(ctx));
        return map;
    }

    /// <summary>On-demand queues only accept lowest-price; anything else is ParallelCluster's default, so it is left out.</summary>
    public static string? AllocationStrategy(QueueSpec q) =>
        q.Capacity == CapacityType.Spot || q.AllocationStrategy == "lowest-price" ? q.AllocationStrategy : null;

    private static YamlMap ComputeResource(QueueSpec q, ComputeResourcePlan r)
    {
        var map = new YamlMap().Add("Name", r.Name);
        if (r.IsFlexible)
            map.Add("Instances", r.InstanceTypes.Select(t => (object)new YamlMap().Add("InstanceType", t)).ToList());
        else
            map.Add("InstanceType", r.InstanceTypes[0]);
        return map
            .Add("MinCount", r.MinCount)
            .Add("MaxCount", r.MaxCount)
            .Add("DisableSimultaneousMultithreading", q.DisableHyperthreading)
            .Add("Efa", q.Efa ? new YamlMap().Add("Enabled", true) : null);
    }

    private static YamlMap RootVolume(int sizeGb) =>
        new YamlMap().Add("Size", sizeGb).Add("VolumeType", "gp3").Add("Encrypted", true);

    private static YamlMap OnNodeConfigured(PlanContext ctx, string script) => new YamlMap()
        .Add("OnNodeConfigured", new YamlMap()
            .Add("Script", ctx.ScriptUrl(script))
            .Add("Args", new List<object> { "--expect-fingerprint", ctx.Fingerprint }));

    /// <summary>The bootstrap bucket (read) and every S3 mount bucket (write only when a mount of it is writable).</summary>
    private static YamlMap Iam(PlanContext ctx)
    {
        var buckets = new List<(string Bucket, bool Write)> { (ctx.BucketName, false) };
        foreach (var m in ctx.Seed.Data.S3Mounts)
        {
            var i = buckets.FindIndex(b => b.Bucket == m.Bucket);
            if (i < 0) buckets.Add((m.Bucket, !m.ReadOnly));
            else buckets[i] = (m.Bucket, buckets[i].Write || !m.ReadOnly);
        }
        return new YamlMap().Add("S3Access", buckets
            .Select(b => (object)new YamlMap().Add("BucketName", b.Bucket).Add("EnableWriteAccess", b.Write))
            .ToList());
    }

    private static List<object> SharedStorage(PlanContext ctx)
    {
        var list = ctx.Seed.SharedStorage.Select(s => (object)Storage(s)).ToList();
        if (ctx.Paths.AddsVolumeFor(ctx.Seed))
            list.Add(new YamlMap()
                .Add("MountDir", LayoutPaths.SharedMount)
                .Add("Name", SoftwareStorageName)
                .Add("StorageType", "Ebs")
                .Add("EbsSettings", new YamlMap()
                    .Add("VolumeType", "gp3")
                    .Add("Size", ctx.SoftwareSizeGb)
                    .Add("Encrypted", true)
                    .Add("SnapshotId", ctx.SnapshotId)
                    .Add("DeletionPolicy", "Delete")));
        return list;
    }

    private static YamlMap Storage(SharedStorageSpec s)
    {
        var map = new YamlMap().Add("MountDir", s.MountDir).Add("Name", s.Name);
        return s.Type switch
        {
            StorageType.Efs => map.Add("StorageType", "Efs").Add("EfsSettings", s.FileSystemId is { } efsId
                // An existing file system accepts no creation settings (schema error otherwise).
                ? new YamlMap().Add("FileSystemId", efsId)
                : new YamlMap().Add("Encrypted", s.Encrypted).Add("DeletionPolicy", FileSystemDeletionPolicy(s.DeletionPolicy))),
            StorageType.FsxLustre => map.Add("StorageType", "FsxLustre").Add("FsxLustreSettings", s.FileSystemId is { } fsxId
                ? new YamlMap().Add("FileSystemId", fsxId)
                : new YamlMap()
                    .Add("StorageCapacity", s.SizeGb ?? 1200)
                    .Add("DeploymentType", "SCRATCH_2")
                    .Add("DeletionPolicy", FileSystemDeletionPolicy(s.DeletionPolicy))),
            _ => map.Add("StorageType", "Ebs").Add("EbsSettings", new YamlMap()
                .Add("VolumeType", s.VolumeType)
                .Add("Size", s.SizeGb)
                .Add("Iops", s.Iops)
                .Add("Throughput", s.Throughput)
                .Add("Encrypted", s.Encrypted)
                .Add("SnapshotId", s.SnapshotId)
                .Add("DeletionPolicy", s.DeletionPolicy)),
        };
    }

    /// <summary>EFS and FSx accept Delete or Retain only; a Snapshot policy is an EBS notion.</summary>
    private static string? FileSystemDeletionPolicy(string? policy) => policy == "Snapshot" ? "Retain" : policy;
}
