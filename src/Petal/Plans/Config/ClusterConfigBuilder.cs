using Petal.Pcluster;
using Petal.Seeds;

namespace Petal.Plans.Config;

/// <summary>The planner's ParallelCluster 3.12 config for a seed (schema: docs/research/pcluster-spack.md §1), as the model.</summary>
public static class ClusterConfigBuilder
{
    /// <summary>The EBS volume the shared and snapshot layouts add for the software.</summary>
    public const string SoftwareStorageName = "petal-software";

    public static ClusterConfig Build(PlanContext ctx) => new()
    {
        Region = ctx.Seed.Cluster.Region,
        Image = new() { Os = ctx.Seed.Cluster.Os, CustomAmi = ctx.CustomAmi },
        HeadNode = HeadNode(ctx),
        Scheduling = new()
        {
            Scheduler = "slurm",
            SlurmSettings = ctx.Seed.Scheduler.Accounting is { } accounting ? new() { Database = Database(accounting) } : null,
            SlurmQueues = ctx.Queues.Select(q => Queue(ctx, q.Queue, q.Resources)).ToList(),
        },
        SharedStorage = SharedStorage(ctx) is { Count: > 0 } storage ? storage : null,
        Tags = ctx.Seed.Tags.Count > 0 ? ctx.Seed.Tags.Select(t => new TagSettings { Key = t.Key, Value = t.Value }).ToList() : null,
        DevSettings = ctx.HeadNodeBootstrapTimeout is { } timeout ? new() { Timeouts = new() { HeadNodeBootstrapTimeout = timeout } } : null,
    };

    private static DatabaseSettings Database(AccountingSpec a) => new()
    {
        Uri = a.Uri, UserName = a.User, PasswordSecretArn = a.PasswordSecretArn, DatabaseName = a.DatabaseName,
    };

    private static HeadNodeSettings HeadNode(PlanContext ctx) => new()
    {
        InstanceType = ctx.Seed.Compute.HeadNode,
        Networking = new()
        {
            SubnetId = ctx.SubnetId,
            AdditionalSecurityGroups = ctx.HeadNodeSecurityGroups is { Count: > 0 } groups ? groups.ToList() : null,
        },
        Ssh = new() { KeyName = ctx.KeyName, AllowedIps = ctx.SshCidr },
        LocalStorage = new() { RootVolume = RootVolume(ctx.HeadRootGb) },
        Iam = Iam(ctx),
        CustomActions = OnNodeConfigured(ctx, PlanFiles.HeadNode),
    };

    private static SlurmQueueSettings Queue(PlanContext ctx, QueueSpec q, IReadOnlyList<ComputeResourcePlan> resources) => new()
    {
        Name = q.Name,
        CapacityType = CapacityTypeOf(q.Capacity),
        AllocationStrategy = AllocationStrategy(q),
        Networking = new() { SubnetIds = SubnetIds(ctx, q), PlacementGroup = new() { Enabled = q.PlacementGroup } },
        // A multi-subnet queue gets Instances lists: ParallelCluster's source has a SingleInstanceTypeSubnetValidator against
        // InstanceType there (3.12's offline answer in tests/corpora/pcluster lets it pass; the Instances form passes both).
        ComputeResources = resources.Select(r => ComputeResource(r, q.DisableHyperthreading, q.Efa, asInstances: q.SubnetIds.Count > 1)).ToList(),
        ComputeSettings = ctx.ComputeRootGb is { } gb ? new() { LocalStorage = new() { RootVolume = RootVolume(gb) } } : null,
        CustomActions = OnNodeConfigured(ctx, PlanFiles.ComputeNode),
        Iam = Iam(ctx),
        CustomSlurmSettings = FallbackQueues.PriorityTier(q) is { } tier ? new() { PriorityTier = tier } : null,
    };

    /// <summary>The queue's own subnets as the seed lists them, else the subnet create resolves.</summary>
    public static List<string> SubnetIds(PlanContext ctx, QueueSpec q) => q.SubnetIds.Count > 0 ? q.SubnetIds.ToList() : [ctx.SubnetId];

    public static string CapacityTypeOf(CapacityType capacity) => capacity == CapacityType.Spot ? "SPOT" : "ONDEMAND";

    /// <summary>On-demand queues only accept lowest-price; anything else is ParallelCluster's default, so it is left out.</summary>
    public static string? AllocationStrategy(QueueSpec q) =>
        q.Capacity == CapacityType.Spot || q.AllocationStrategy == "lowest-price" ? q.AllocationStrategy : null;

    /// <summary>One planned compute resource: a flexible group lists its types under Instances.</summary>
    /// <param name="asInstances">Write even a single type as an Instances list (multi-subnet queues need it).</param>
    public static ComputeResourceSettings ComputeResource(ComputeResourcePlan r, bool disableHyperthreading, bool efa, bool asInstances = false) => new()
    {
        Name = r.Name,
        InstanceType = r.IsFlexible || asInstances ? null : r.InstanceTypes[0],
        Instances = r.IsFlexible || asInstances ? r.InstanceTypes.Select(t => new InstanceSettings { InstanceType = t }).ToList() : null,
        MinCount = r.MinCount,
        MaxCount = r.MaxCount,
        DisableSimultaneousMultithreading = disableHyperthreading,
        Efa = efa ? new() { Enabled = true } : null,
    };

    private static RootVolumeSettings RootVolume(int sizeGb) => new() { Size = sizeGb, VolumeType = "gp3", Encrypted = true };

    private static CustomActionsSettings OnNodeConfigured(PlanContext ctx, string script) => new()
    {
        OnNodeConfigured = new() { Script = ctx.ScriptUrl(script), Args = ["--expect-fingerprint", ctx.Fingerprint] },
    };

    /// <summary>The bootstrap bucket (read) and every S3 mount bucket (write only when a mount of it is writable).</summary>
    private static IamSettings Iam(PlanContext ctx)
    {
        var buckets = new List<(string Bucket, bool Write)> { (ctx.BucketName, false) };
        foreach (var m in ctx.Seed.Data.S3Mounts)
        {
            var i = buckets.FindIndex(b => b.Bucket == m.Bucket);
            if (i < 0) buckets.Add((m.Bucket, !m.ReadOnly));
            else buckets[i] = (m.Bucket, buckets[i].Write || !m.ReadOnly);
        }
        return new() { S3Access = buckets.Select(b => new S3AccessSettings { BucketName = b.Bucket, EnableWriteAccess = b.Write }).ToList() };
    }

    private static List<SharedStorageSettings> SharedStorage(PlanContext ctx)
    {
        var list = ctx.Seed.SharedStorage.Select(Storage).ToList();
        if (ctx.Paths.AddsVolumeFor(ctx.Seed))
            list.Add(new()
            {
                MountDir = LayoutPaths.SharedMount,
                Name = SoftwareStorageName,
                StorageType = "Ebs",
                EbsSettings = new()
                {
                    VolumeType = "gp3", Size = ctx.SoftwareSizeGb, Encrypted = true, SnapshotId = ctx.SnapshotId, DeletionPolicy = "Delete",
                },
            });
        return list;
    }

    private static SharedStorageSettings Storage(SharedStorageSpec s) => s.Type switch
    {
        StorageType.Efs => new()
        {
            MountDir = s.MountDir, Name = s.Name, StorageType = "Efs",
            EfsSettings = s.FileSystemId is { } efsId
                // An existing file system accepts no creation settings (schema error otherwise).
                ? new() { FileSystemId = efsId }
                : new() { Encrypted = s.Encrypted, DeletionPolicy = FileSystemDeletionPolicy(s.DeletionPolicy) },
        },
        StorageType.FsxLustre => new()
        {
            MountDir = s.MountDir, Name = s.Name, StorageType = "FsxLustre",
            FsxLustreSettings = s.FileSystemId is { } fsxId
                ? new() { FileSystemId = fsxId }
                : new()
                {
                    StorageCapacity = s.SizeGb ?? PclusterFacts.FsxMinCapacityGiB, DeploymentType = s.EffectiveDeploymentType,
                    PerUnitStorageThroughput = s.PerUnitStorageThroughput, ImportPath = s.ImportPath, ExportPath = s.ExportPath,
                    DeletionPolicy = FileSystemDeletionPolicy(s.DeletionPolicy),
                },
        },
        _ => new()
        {
            MountDir = s.MountDir, Name = s.Name, StorageType = "Ebs",
            EbsSettings = new()
            {
                VolumeType = s.VolumeType, Size = s.SizeGb, Iops = s.Iops, Throughput = s.Throughput, Encrypted = s.Encrypted,
                SnapshotId = s.SnapshotId, DeletionPolicy = s.DeletionPolicy,
            },
        },
    };

    /// <summary>EFS and FSx accept Delete or Retain only; a Snapshot policy is an EBS notion.</summary>
    private static string? FileSystemDeletionPolicy(string? policy) => policy == "Snapshot" ? "Retain" : policy;
}
