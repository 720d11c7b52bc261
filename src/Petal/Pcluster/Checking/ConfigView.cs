using YamlDotNet.RepresentationModel;

namespace Petal.Pcluster.Checking;

/// <summary>
/// The parts of a schema-valid ParallelCluster config the validators read, with ParallelCluster's defaults
/// filled in (MinCount 0, MaxCount 10, CapacityType ONDEMAND, ephemeral volumes at /scratch, EBS gp3 of 40 GiB).
/// Each element carries its YAML path for the findings.
/// </summary>
public sealed record ConfigView(
    string? Region, string Os, string? CustomAmi, string Scheduler, HeadNodeView HeadNode,
    IReadOnlyList<QueueView> Queues, IReadOnlyList<StorageView> Storage)
{
    public IEnumerable<ComputeResourceView> ComputeResources => Queues.SelectMany(q => q.ComputeResources);

    /// <summary>Scheduling.SlurmSettings.Database.Uri, when the config has Slurm accounting through a database.</summary>
    public string? DatabaseUri { get; init; }

    public const string DatabaseUriPath = "Scheduling.SlurmSettings.Database.Uri";

    internal static ConfigView From(YamlMappingNode root)
    {
        var image = root.Map("Image");
        var head = root.Map("HeadNode");
        var scheduling = root.Map("Scheduling");
        var scheduler = scheduling.Str("Scheduler") ?? "slurm";
        // AWS Batch queues name instance families ("optimal", "c5") that only AWS can check: they are not read.
        var queues = scheduling.List("SlurmQueues").OfType<YamlMappingNode>()
            .Select((q, i) => QueueView.From(q, $"Scheduling.SlurmQueues[{i}]")).ToList();
        var storage = root.List("SharedStorage").OfType<YamlMappingNode>()
            .Select((s, i) => StorageView.From(s, $"SharedStorage[{i}]")).ToList();
        return new ConfigView(root.Str("Region"), image.Str("Os") ?? "", image.Str("CustomAmi"), scheduler,
            new HeadNodeView(head.Str("InstanceType") ?? "", head.Bool("DisableSimultaneousMultithreading") ?? false,
                head.Map("LocalStorage").Map("EphemeralVolume").Str("MountDir") ?? PclusterFacts.EphemeralDir, head.Map("Image").Str("CustomAmi")),
            queues, storage)
        {
            DatabaseUri = scheduling.Map("SlurmSettings").Map("Database").Str("Uri"),
        };
    }
}

public sealed record HeadNodeView(string InstanceType, bool DisableSmt, string EphemeralMountDir, string? CustomAmi)
{
    public const string Path = "HeadNode";
}

public sealed record QueueView(
    string Path, string Name, string CapacityType, string? AllocationStrategy, IReadOnlyList<string> SubnetIds,
    PlacementGroupView PlacementGroup, string EphemeralMountDir, string? CustomAmi, IReadOnlyList<ComputeResourceView> ComputeResources)
{
    internal static QueueView From(YamlMappingNode q, string path)
    {
        var name = q.Str("Name") ?? "";
        var crs = q.List("ComputeResources").OfType<YamlMappingNode>()
            .Select((cr, i) => ComputeResourceView.From(cr, $"{path}.ComputeResources[{i}]", name)).ToList();
        return new QueueView(path, name, q.Str("CapacityType") ?? "ONDEMAND", q.Str("AllocationStrategy"),
            q.Map("Networking").List("SubnetIds").OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList(),
            PlacementGroupView.From(q.Map("Networking").Map("PlacementGroup")),
            q.Map("ComputeSettings").Map("LocalStorage").Map("EphemeralVolume").Str("MountDir") ?? PclusterFacts.EphemeralDir,
            q.Map("Image").Str("CustomAmi"), crs);
    }
}

/// <summary>A PlacementGroup section: what it says, and whether it says anything (ParallelCluster's "implied" settings).</summary>
public sealed record PlacementGroupView(bool? Enabled, string? Id, string? Name)
{
    public bool Explicit => Enabled is not null || Id is not null || Name is not null;

    internal static PlacementGroupView From(YamlMappingNode? pg) => new(pg.Bool("Enabled"), pg.Str("Id"), pg.Str("Name"));
}

public sealed record ComputeResourceView(
    string Path, string QueueName, string Name, IReadOnlyList<string> InstanceTypes, bool Flexible, int MinCount, int MaxCount,
    bool DisableSmt, bool Efa, bool GdrSupport, PlacementGroupView PlacementGroup)
{
    internal static ComputeResourceView From(YamlMappingNode cr, string path, string queue)
    {
        List<string> types = cr.Str("InstanceType") is { } single ? [single]
            : cr.List("Instances").OfType<YamlMappingNode>().Select(i => i.Str("InstanceType") ?? "").ToList();
        return new ComputeResourceView(path, queue, cr.Str("Name") ?? "", types, cr.Get("Instances") is not null,
            cr.Int("MinCount") ?? 0, cr.Int("MaxCount") ?? 10, cr.Bool("DisableSimultaneousMultithreading") ?? false,
            cr.Map("Efa").Bool("Enabled") ?? false, cr.Map("Efa").Bool("GdrSupport") ?? false,
            PlacementGroupView.From(cr.Map("Networking").Map("PlacementGroup")));
    }
}

public sealed record StorageView(
    string Path, string Name, string StorageType, string MountDir, string? FileSystemId,
    string? VolumeType, int? Size, int? Iops, int? Throughput, string? SnapshotId, string? VolumeId,
    int? FsxCapacity, string? FsxDeploymentType, string? FsxBackupId, int? FsxPerUnitThroughput, string? FsxStorageType,
    string? FsxKmsKeyId, string? FsxDriveCacheType, string? FsxImportPath, string? FsxExportPath,
    int? FsxImportedFileChunkSize, string? FsxAutoImportPolicy)
{
    /// <summary>A file system ParallelCluster creates (not an existing one named by id).</summary>
    public bool IsNew => FileSystemId is null && VolumeId is null;

    internal static StorageView From(YamlMappingNode s, string path)
    {
        var ebs = s.Map("EbsSettings");
        var fsx = s.Map("FsxLustreSettings");
        var type = s.Str("StorageType") ?? "";
        var fsId = type switch
        {
            "Efs" => s.Map("EfsSettings").Str("FileSystemId"),
            "FsxLustre" => fsx.Str("FileSystemId"),
            "FsxOpenZfs" => s.Map("FsxOpenZfsSettings").Str("VolumeId"),
            "FsxOntap" => s.Map("FsxOntapSettings").Str("VolumeId"),
            "FileCache" => s.Map("FileCacheSettings").Str("FileCacheId"),
            _ => null,
        };
        return new StorageView(path, s.Str("Name") ?? "", type, MountDirOf(s.Str("MountDir") ?? ""), fsId,
            ebs.Str("VolumeType"), ebs.Int("Size"), ebs.Int("Iops"), ebs.Int("Throughput"), ebs.Str("SnapshotId"), ebs.Str("VolumeId"),
            fsx.Int("StorageCapacity"), fsx.Str("DeploymentType"), fsx.Str("BackupId"), fsx.Int("PerUnitStorageThroughput"), fsx.Str("StorageType"),
            fsx.Str("KmsKeyId"), fsx.Str("DriveCacheType"), fsx.Str("ImportPath"), fsx.Str("ExportPath"), fsx.Int("ImportedFileChunkSize"),
            fsx.Str("AutoImportPolicy"));
    }

    /// <summary>ParallelCluster adds a missing leading "/" to MountDir (SharedStorageSchema's make_resource).</summary>
    private static string MountDirOf(string dir) => dir.StartsWith('/') ? dir : "/" + dir;
}
