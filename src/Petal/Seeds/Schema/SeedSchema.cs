using Petal.Common;
using Petal.Pcluster;

namespace Petal.Seeds.Schema;

/// <summary>The seed format v1 (docs/seed-format.md). The Go petal's keys are a subset and still load.</summary>
public static class SeedSchema
{
    /// <summary>petal's bounds on list lengths where ParallelCluster states none (docs/seed-format.md "Bounds").</summary>
    public const int MaxS3Mounts = 64;
    public const int MaxUsers = 1000;
    /// <summary>A queue's subnets must each be in another Availability Zone (ParallelCluster QueueSubnetsValidator); no region has more than 6.</summary>
    public const int MaxSubnetsPerQueue = 6;
    /// <summary>A bound on max_cost_per_hour (US dollars), far above any cluster ParallelCluster's limits allow.</summary>
    public const int MaxCostPerHourBound = 1_000_000;

    public static readonly IReadOnlyList<string> Capacities = ["ondemand", "spot"];
    public static readonly IReadOnlyList<string> Fallbacks = ["ondemand"];
    public static readonly IReadOnlyList<string> Layouts = ["ami", "shared", "hybrid", "snapshot"];
    public static readonly IReadOnlyList<string> BuildcacheModes = ["auto", "only", "never"];
    public static readonly IReadOnlyList<string> StorageTypes = ["ebs", "efs", "fsx-lustre"];

    private static ScalarSchema Str(string description) => new(ScalarKind.String, description);
    private static ScalarSchema Int(string description, long min, long max) => new(ScalarKind.Integer, description) { Minimum = min, Maximum = max };
    private static ScalarSchema Number(string description, long min, long max) => new(ScalarKind.Number, description) { Minimum = min, Maximum = max };
    private static ScalarSchema Bool(string description) => new(ScalarKind.Boolean, description) { Default = false };
    private static ScalarSchema Enum(string description, IReadOnlyList<string> values, string? @default = null) =>
        new(ScalarKind.String, description) { Enum = values, Default = @default };

    public static readonly ObjectSchema Cluster = new("The cluster: its name, region and operating system.",
    [
        new("name", Str("Cluster name (ParallelCluster: a letter, then letters, digits or '-', at most 60).") with { Pattern = Patterns.ClusterName }, Required: true),
        new("region", Str("AWS region, e.g. us-east-1; must be in petal's catalog."), Required: true),
        new("os", Enum("ParallelCluster 3 Image.Os (ubuntu2404 needs parallelcluster_version 3.13.0 or later). rocky8/rocky9 have no official AMI and need a custom one.", PclusterFacts.AllOses, SeedDefaults.Os)),
        new("parallelcluster_version", Str("ParallelCluster 3 release to render for.") with { Pattern = Patterns.ParallelClusterVersion, Default = SeedDefaults.ParallelClusterVersion }),
        new("max_cost_per_hour", Number("Cost guard in US dollars per hour: validate refuses a seed whose head node and queues at max_count (spot queues at the catalog's spot price) cost more.", 0, MaxCostPerHourBound)),
    ]);

    public static readonly ObjectSchema Queue = new("A Slurm queue (ParallelCluster SlurmQueue).",
    [
        new("name", Str("Queue (Slurm partition) name: lowercase letters, digits and '-', at most 25, not 'default'.") with { Pattern = Patterns.QueueName }, Required: true),
        new("instance_types", new ListSchema("EC2 instance types offered in the cluster's region.", Str("EC2 instance type, e.g. c6i.4xlarge.")) { MinItems = 1 }, Required: true),
        new("min_count", Int("Static nodes (always running).", 0, 1000) with { Default = 0 }),
        new("max_count", Int("Maximum nodes (static + dynamic).", 0, 1000) with { Default = SeedDefaults.MaxCount }),
        new("capacity", Enum("On-demand or spot instances.", Capacities, "ondemand")),
        new("allocation_strategy", Enum("EC2 Fleet allocation strategy; capacity-optimized and price-capacity-optimized need spot.", PclusterFacts.AllocationStrategies)),
        new("disable_hyperthreading", Bool("One thread per core (ParallelCluster DisableSimultaneousMultithreading).")),
        new("efa", Bool("Enable EFA; every instance type must support it.")),
        new("placement_group", Bool("Launch the queue's nodes in a cluster placement group.")),
        new("subnet_ids", new ListSchema($"The queue's subnets (ParallelCluster SubnetIds), each in another Availability Zone, at most {MaxSubnetsPerQueue}; left out: the subnet create resolves.",
            Str("Subnet id (subnet- and 8 or 17 characters).") with { Pattern = Patterns.SubnetId }) { MinItems = 1, MaxItems = MaxSubnetsPerQueue }),
        new("fallback", Enum("On a spot queue: ondemand adds an on-demand queue (this name, cut to fit, plus '-od') with the same types that jobs run on when spot capacity is refused.", Fallbacks)),
    ]);

    public static readonly ObjectSchema Compute = new("Head node and Slurm queues.",
    [
        new("head_node", Str("Head node EC2 instance type."), Required: true),
        new("queues", new ListSchema("Slurm queues.", Queue) { Merge = ListMerge.ByKey, MergeKey = "name", MinItems = 1 }, Required: true),
    ]);

    public static readonly ObjectSchema Accounting = new("Slurm accounting through an external MySQL/MariaDB database (ParallelCluster SlurmSettings.Database; the local twin runs its own MariaDB and slurmdbd).",
    [
        new("uri", Str("host[:port] of the database endpoint, no scheme (ParallelCluster assumes port 3306 without one).") with { Pattern = Patterns.DatabaseUri }, Required: true),
        new("user", Str("Database user slurmdbd connects as (at most 32 letters, digits and '_').") with { Pattern = Patterns.DatabaseUser }, Required: true),
        new("password_secret_arn", Str("ARN of the Secrets Manager secret holding the user's password, in the cluster's region; the password itself never appears in a seed, plan or log.") with { Pattern = Patterns.SecretsManagerArn }, Required: true),
        new("database_name", Str("Database slurmdbd uses (at most 64 letters, digits and '_'); ParallelCluster's default when left out.") with { Pattern = Patterns.DatabaseName }),
    ]);

    public static readonly ObjectSchema Scheduler = new("Slurm scheduler settings.",
    [
        new("accounting", Accounting),
    ]);

    public static readonly ObjectSchema Software = new("Spack software and how compute nodes see it.",
    [
        new("layout", Enum("Where Spack's packages live: ami (baked in), shared (/shared over NFS), hybrid, snapshot (EBS snapshot).", Layouts, "ami")),
        new("spack_version", Str("Spack release to use.") with { Pattern = Patterns.SpackVersion, Default = SeedDefaults.SpackVersion }),
        new("buildcache", Enum("Use a binary cache: auto (when available), only (never build), never.", BuildcacheModes, "auto")),
        new("spack_packages", new ListSchema("Spack specs, e.g. 'openmpi@4.1.4 fabrics=ofi'.", Str("A Spack spec (Spack 0.23 syntax).")) { Merge = ListMerge.BySpecName }),
    ]);

    public static readonly ObjectSchema User = new("A Linux user created on every node.",
    [
        new("name", Str("Linux user name.") with { Pattern = Patterns.UserName }, Required: true),
        new("uid", Int("User id (1000..60000 recommended).", 0, UserIds.Max), Required: true),
        new("gid", Int("Primary group id (defaults to the uid).", 0, UserIds.Max)),
    ]);

    public static readonly ObjectSchema S3Mount = new("An S3 bucket mounted on every node.",
    [
        new("bucket", Str("S3 bucket name.") with { Pattern = Patterns.S3Bucket }, Required: true),
        new("mount_point", Str("Absolute directory the bucket appears at.") with { Pattern = Patterns.MountPath }, Required: true),
        new("read_only", Bool("Mount read-only.")),
    ]);

    public static readonly ObjectSchema Data = new("Data the cluster mounts.",
    [
        new("s3_mounts", new ListSchema($"S3 buckets to mount (at most {MaxS3Mounts}: each adds statements to the nodes' IAM role policy, which holds at most 10,240 characters).", S3Mount)
            { Merge = ListMerge.ByKey, MergeKey = "mount_point", MaxItems = MaxS3Mounts }),
    ]);

    public static readonly ObjectSchema SharedStorage = new("A ParallelCluster SharedStorage entry.",
    [
        new("name", Str("Storage name (at most 30 characters, not 'default').") with { Pattern = Patterns.StorageName }, Required: true),
        new("type", Enum("Storage kind.", StorageTypes, "ebs")),
        new("mount_dir", Str("Absolute mount directory (not a system directory such as /opt or /usr).") with { Pattern = Patterns.MountPath }, Required: true),
        new("size_gb", Int($"Size in GiB (EBS within the volume type's bounds: {EbsSizeText}; FSx for Lustre SCRATCH_1 {PclusterFacts.FsxCapacityRule("SCRATCH_1")}, other types {PclusterFacts.FsxCapacityRule("SCRATCH_2")}).", 1, 1_000_000)),
        new("volume_type", Enum("EBS volume type.", PclusterFacts.VolumeTypes)),
        new("iops", Int("Provisioned IOPS (EBS " + string.Join(", ", PclusterFacts.EbsIopsBounds.Select(b => $"{b.Key} {b.Value.Min}..{b.Value.Max} and at most {PclusterFacts.EbsIopsPerGiB[b.Key]} per GiB")) + ").",
            PclusterFacts.EbsIopsBounds.Values.Min(b => b.Min), PclusterFacts.EbsIopsBounds.Values.Max(b => b.Max))),
        new("throughput", Int($"Throughput in MiB/s (EBS gp3: {PclusterFacts.Gp3MinThroughput}..{PclusterFacts.Gp3MaxThroughput}, at most {PclusterFacts.Gp3MaxThroughputPerIops} per IOPS).", 1, 10_000)),
        new("encrypted", Bool("Encrypt the volume or file system.")),
        new("snapshot_id", Str("EBS snapshot to create the volume from (snap-...).") with { Pattern = Patterns.SnapshotId }),
        new("file_system_id", Str("Existing EFS (fs- and 8 or 17 characters) or FSx for Lustre (fs- and 17 characters) file system.") with { Pattern = Patterns.EfsId }),
        new("deletion_policy", Enum("What happens to the storage when the cluster is deleted.", PclusterFacts.EbsDeletionPolicies)),
        new("deployment_type", Enum($"FSx for Lustre deployment type (a new file system; {PclusterFacts.FsxDefaultDeploymentType} when left out).", PclusterFacts.FsxDeploymentTypes)),
        new("per_unit_storage_throughput", Int("FSx for Lustre PERSISTENT_1/PERSISTENT_2 throughput, MB/s per TiB (required by them): " +
            string.Join("; ", PclusterFacts.FsxSsdThroughput.Select(t => $"{t.Key} {string.Join(", ", t.Value)}")) + ".",
            PclusterFacts.FsxSsdThroughput.Values.SelectMany(v => v).Min(), PclusterFacts.FsxSsdThroughput.Values.SelectMany(v => v).Max())),
        new("import_path", Str($"FSx for Lustre: S3 location the new file system imports from, s3://bucket[/prefix] ({string.Join(", ", PclusterFacts.FsxImportPathDeploymentTypes)}).") with { Pattern = Patterns.S3Uri }),
        new("export_path", Str("FSx for Lustre: S3 location, in the import_path's bucket, the file system exports to (needs import_path).") with { Pattern = Patterns.S3Uri }),
    ]);

    /// <summary>EBS size bounds per volume type, as the schema text shows them ("gp2 1..16384, ...").</summary>
    private static string EbsSizeText =>
        string.Join(", ", PclusterFacts.VolumeTypes.Select(v => $"{v} {PclusterFacts.EbsSizeBounds[v].Min}..{PclusterFacts.EbsSizeBounds[v].Max}"));

    public static readonly ObjectSchema Root = new("A petal seed: one HPC cluster.",
    [
        new("extends", Str("Relative path of a base seed this one inherits from.")),
        new("cluster", Cluster, Required: true),
        new("compute", Compute, Required: true),
        new("scheduler", Scheduler),
        new("software", Software),
        new("users", new ListSchema($"Linux users created on every node with fixed uid/gid (at most {MaxUsers}; a directory service suits more).", User)
            { Merge = ListMerge.ByKey, MergeKey = "name", MaxItems = MaxUsers }),
        new("data", Data),
        new("shared_storage", new ListSchema("Shared storage (EBS, EFS, FSx for Lustre).", SharedStorage) { Merge = ListMerge.ByKey, MergeKey = "name" }),
        new("tags", new MapSchema($"Cost-allocation tags (ParallelCluster Tags) on every resource petal or ParallelCluster creates: at most {PclusterFacts.MaxTags}, keys not starting with '{PclusterFacts.ReservedTagPrefix}' or 'aws:'.",
            Patterns.TagKey, Str("Tag value (at most 256 characters).") with { Pattern = Patterns.TagValue }) { MaxItems = PclusterFacts.MaxTags }),
    ]);
}
