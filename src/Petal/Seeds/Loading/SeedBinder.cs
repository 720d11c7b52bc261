using Petal.Seeds.Yaml;

namespace Petal.Seeds.Loading;

/// <summary>
/// Builds the typed <see cref="Seed"/> from a tree the <see cref="SchemaChecker"/> has seen. Tolerant:
/// a value with the wrong type (already reported) falls back to its default, so rules still run on the rest.
/// </summary>
public static class SeedBinder
{
    public static Seed Bind(YMapping root, string sourceFile, IReadOnlyDictionary<string, Petal.Common.SourceLocation> locations)
    {
        var cluster = Map(root, "cluster");
        var compute = Map(root, "compute");
        var software = Map(root, "software");
        var data = Map(root, "data");
        return new Seed
        {
            Cluster = new ClusterSection
            {
                Name = Str(cluster, "name") ?? "",
                Region = Str(cluster, "region") ?? "",
                Os = Str(cluster, "os") ?? SeedDefaults.Os,
                ParallelClusterVersion = Str(cluster, "parallelcluster_version") ?? SeedDefaults.ParallelClusterVersion,
                MaxCostPerHour = Number(cluster, "max_cost_per_hour"),
            },
            Compute = new ComputeSection
            {
                HeadNode = Str(compute, "head_node") ?? "",
                Queues = Maps(compute, "queues").Select(BindQueue).ToList(),
            },
            Scheduler = new SchedulerSection { Accounting = BindAccounting(Map(Map(root, "scheduler"), "accounting")) },
            Software = new SoftwareSection
            {
                Layout = Enum(software, "layout", SoftwareLayout.Ami),
                SpackVersion = Str(software, "spack_version") ?? SeedDefaults.SpackVersion,
                Buildcache = Enum(software, "buildcache", BuildcacheMode.Auto),
                SpackPackages = Strings(software, "spack_packages"),
            },
            Users = Maps(root, "users").Select(u => new SeedUser(Str(u, "name") ?? "", Int(u, "uid") ?? 0, Int(u, "gid") ?? Int(u, "uid") ?? 0)).ToList(),
            Data = new DataSection
            {
                S3Mounts = Maps(data, "s3_mounts").Select(m => new S3Mount
                {
                    Bucket = Str(m, "bucket") ?? "",
                    MountPoint = Str(m, "mount_point") ?? "",
                    ReadOnly = Bool(m, "read_only") ?? false,
                }).ToList(),
            },
            SharedStorage = Maps(root, "shared_storage").Select(BindStorage).ToList(),
            Tags = Map(root, "tags") is { } tags
                ? tags.Entries.Where(e => e.Value is YScalar { IsNull: false }).Select(e => new SeedTag(e.Key.Value, ((YScalar)e.Value).Value)).ToList()
                : [],
            SourceFile = sourceFile,
            Locations = locations,
        };
    }

    private static QueueSpec BindQueue(YMapping? q) => new()
    {
        Name = Str(q, "name") ?? "",
        InstanceTypes = Strings(q, "instance_types"),
        MinCount = Int(q, "min_count") ?? 0,
        MaxCount = Int(q, "max_count") ?? SeedDefaults.MaxCount,
        Capacity = Str(q, "capacity") == "spot" ? CapacityType.Spot : CapacityType.OnDemand,
        AllocationStrategy = Str(q, "allocation_strategy"),
        DisableHyperthreading = Bool(q, "disable_hyperthreading") ?? false,
        Efa = Bool(q, "efa") ?? false,
        PlacementGroup = Bool(q, "placement_group") ?? false,
        SubnetIds = Strings(q, "subnet_ids"),
        Fallback = Str(q, "fallback") == "ondemand" ? CapacityType.OnDemand : null,
    };

    private static AccountingSpec? BindAccounting(YMapping? a) => a is null ? null : new()
    {
        Uri = Str(a, "uri") ?? "",
        User = Str(a, "user") ?? "",
        PasswordSecretArn = Str(a, "password_secret_arn") ?? "",
        DatabaseName = Str(a, "database_name"),
    };

    private static SharedStorageSpec BindStorage(YMapping? s) => new()
    {
        Name = Str(s, "name") ?? "",
        Type = Str(s, "type") switch { "efs" => StorageType.Efs, "fsx-lustre" => StorageType.FsxLustre, _ => StorageType.Ebs },
        MountDir = Str(s, "mount_dir") ?? "",
        SizeGb = Int(s, "size_gb"),
        VolumeType = Str(s, "volume_type"),
        Iops = Int(s, "iops"),
        Throughput = Int(s, "throughput"),
        Encrypted = Bool(s, "encrypted"),
        SnapshotId = Str(s, "snapshot_id"),
        FileSystemId = Str(s, "file_system_id"),
        DeletionPolicy = Str(s, "deletion_policy"),
        DeploymentType = Str(s, "deployment_type"),
        PerUnitStorageThroughput = Int(s, "per_unit_storage_throughput"),
        ImportPath = Str(s, "import_path"),
        ExportPath = Str(s, "export_path"),
    };

    private static YMapping? Map(YMapping? parent, string key) => parent?.Get(key) as YMapping;

    private static IEnumerable<YMapping?> Maps(YMapping? parent, string key) =>
        parent?.Get(key) is YSequence seq ? seq.Items.Select(i => i as YMapping) : [];

    private static string? Str(YMapping? parent, string key) =>
        parent?.Get(key) is YScalar { IsNull: false } s ? s.Value : null;

    private static IReadOnlyList<string> Strings(YMapping? parent, string key) =>
        parent?.Get(key) is YSequence seq ? seq.Items.OfType<YScalar>().Where(s => !s.IsNull).Select(s => s.Value).ToList() : [];

    private static int? Int(YMapping? parent, string key) =>
        parent?.Get(key) is YScalar s && ScalarValues.TryInteger(s, out var n) && n is >= int.MinValue and <= int.MaxValue ? (int)n : null;

    private static decimal? Number(YMapping? parent, string key) =>
        parent?.Get(key) is YScalar s && ScalarValues.TryNumber(s, out var d) ? d : null;

    private static bool? Bool(YMapping? parent, string key) =>
        parent?.Get(key) is YScalar s && ScalarValues.TryBoolean(s, out var b) ? b : null;

    /// <summary>"fsx-lustre" → FsxLustre, "ondemand" → OnDemand: case and dashes ignored.</summary>
    private static T Enum<T>(YMapping? parent, string key, T fallback) where T : struct, System.Enum =>
        Str(parent, key) is { } s && System.Enum.TryParse<T>(s.Replace("-", ""), ignoreCase: true, out var v) && System.Enum.IsDefined(v) ? v : fallback;
}
