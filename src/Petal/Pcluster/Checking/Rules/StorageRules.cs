namespace Petal.Pcluster.Checking.Rules;

// Shared storage counts and volume settings (cluster_validators.py, ebs_validators.py, fsx_validators.py).

public sealed class NumberOfStorageValidator : ConfigRule
{
    public override string Summary => "At most 5 EBS volumes, 1 new and 20 existing EFS, 1 new and 20 existing FSx for Lustre.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        var storage = c.Config.Storage;
        int Count(string type, bool? isNew) => storage.Count(s => s.StorageType == type && (isNew is null || s.IsNew == isNew));
        if (Count("Efs", true) > PclusterFacts.MaxNewEfs) yield return Too("new EFS", PclusterFacts.MaxNewEfs);
        if (Count("Efs", false) > PclusterFacts.MaxExistingEfs) yield return Too("existing EFS", PclusterFacts.MaxExistingEfs);
        if (Count("FsxLustre", true) > PclusterFacts.MaxNewFsx) yield return Too("new FSx", PclusterFacts.MaxNewFsx);
        if (Count("FsxLustre", false) > PclusterFacts.MaxExistingFsx) yield return Too("existing FSx", PclusterFacts.MaxExistingFsx);
        if (Count("Ebs", null) > PclusterFacts.MaxEbs) yield return Too("EBS", PclusterFacts.MaxEbs);
    }

    private ConfigFinding Too(string what, int max) =>
        Error("SharedStorage", $"Too many {what} shared storage specified in the configuration. ParallelCluster supports {max} {what}.");
}

/// <summary>An EBS volume's type and effective size (ParallelCluster's default when left out; none when restored from a snapshot).</summary>
internal static class Ebs
{
    /// <summary>
    /// Volumes that name their type: ParallelCluster 3.12 passes the written VolumeType to these validators, so a
    /// volume that leaves it out (gp3 by default) is not checked (the corpus has a 20000 GiB one accepted).
    /// </summary>
    public static IEnumerable<(StorageView Storage, string Type)> Volumes(ConfigRuleContext c) =>
        c.Config.Storage.Where(s => s.StorageType == "Ebs" && s.VolumeId is null && s.VolumeType is not null)
            .Select(s => (s, s.VolumeType!));

    public static int? Size(StorageView s) => s.Size ?? (s.SnapshotId is null ? PclusterFacts.EbsDefaultSizeGiB : null);
}

public sealed class EbsVolumeTypeSizeValidator : ConfigRule
{
    public override string Summary => "An EBS volume's size is within its type's bounds (" +
        string.Join(", ", PclusterFacts.VolumeTypes.Select(v => $"{v} {PclusterFacts.EbsSizeBounds[v].Min}-{PclusterFacts.EbsSizeBounds[v].Max}")) + " GiB).";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var (s, type) in Ebs.Volumes(c))
        {
            if (Ebs.Size(s) is not { } size || !PclusterFacts.EbsSizeBounds.TryGetValue(type, out var bounds)) continue;
            if (size < bounds.Min) yield return Error(s.Path + ".EbsSettings.Size", $"The size of {type} volumes must be at least {bounds.Min} GiB.");
            if (size > bounds.Max) yield return Error(s.Path + ".EbsSettings.Size", $"The size of {type} volumes can not exceed {bounds.Max} GiB.");
        }
    }
}

public sealed class EbsVolumeIopsValidator : ConfigRule
{
    public override string Summary => "Provisioned IOPS are within the type's bounds and IOPS/GiB ratio (" +
        string.Join(", ", PclusterFacts.EbsIopsBounds.Select(b => $"{b.Key} {b.Value.Min}-{b.Value.Max}, {PclusterFacts.EbsIopsPerGiB[b.Key]}/GiB")) + ").";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var (s, type) in Ebs.Volumes(c))
        {
            if (s.Iops is not { } iops || !PclusterFacts.EbsIopsBounds.TryGetValue(type, out var bounds)) continue;
            if (iops < bounds.Min || iops > bounds.Max)
                yield return Error(s.Path + ".EbsSettings.Iops", $"IOPS rate must be between {bounds.Min} and {bounds.Max} when provisioning {type} volumes.");
            else if (Ebs.Size(s) is { } size && iops > (long)size * PclusterFacts.EbsIopsPerGiB[type])
                yield return Error(s.Path + ".EbsSettings.Iops",
                    $"IOPS to volume size ratio of {(double)iops / size:0.##} is too high; maximum is {PclusterFacts.EbsIopsPerGiB[type]}.");
        }
    }
}

public sealed class EbsVolumeThroughputValidator : ConfigRule
{
    public override string Summary => $"gp3 throughput is {PclusterFacts.Gp3MinThroughput}-{PclusterFacts.Gp3MaxThroughput} MiB/s.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var (s, type) in Ebs.Volumes(c))
            if (type == "gp3" && s.Throughput is { } t && (t < PclusterFacts.Gp3MinThroughput || t > PclusterFacts.Gp3MaxThroughput))
                yield return Error(s.Path + ".EbsSettings.Throughput",
                    $"Throughput must be between {PclusterFacts.Gp3MinThroughput} MB/s and {PclusterFacts.Gp3MaxThroughput} MB/s when provisioning gp3 volumes.");
    }
}

public sealed class EbsVolumeThroughputIopsValidator : ConfigRule
{
    public override string Summary => $"gp3 throughput is at most {PclusterFacts.Gp3MaxThroughputPerIops} MiB/s per provisioned IOPS.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var (s, type) in Ebs.Volumes(c))
        {
            if (type != "gp3" || s.Throughput is not { } t) continue;
            var iops = s.Iops ?? PclusterFacts.EbsDefaultIops["gp3"];
            if (t > iops * PclusterFacts.Gp3MaxThroughputPerIops)
                yield return Error(s.Path + ".EbsSettings.Throughput",
                    $"Throughput to IOPS ratio of {(double)t / iops:0.###} is too high; maximum is {PclusterFacts.Gp3MaxThroughputPerIops}.");
        }
    }
}

/// <summary>The new FSx for Lustre file systems (not an existing one, not restored from a backup) and the deployment type ParallelCluster gives each.</summary>
internal static class Fsx
{
    /// <summary>
    /// Every FSx for Lustre entry, its deployment type (the written one, else SCRATCH_2 for a file system ParallelCluster
    /// creates; none for an existing or restored one) and the path of its settings.
    /// </summary>
    public static IEnumerable<(StorageView Storage, string? DeploymentType, string Settings)> All(ConfigRuleContext c) =>
        c.Config.Storage.Where(s => s.StorageType == "FsxLustre").Select(s =>
            (s, s.FsxDeploymentType ?? (Creates(s) ? PclusterFacts.FsxDefaultDeploymentType : null), s.Path + ".FsxLustreSettings"));

    public static IEnumerable<(StorageView Storage, string DeploymentType)> New(ConfigRuleContext c) =>
        All(c).Where(f => Creates(f.Storage)).Select(f => (f.Storage, f.DeploymentType!));

    private static bool Creates(StorageView s) => s.IsNew && s.FsxBackupId is null;
}

public sealed class FsxStorageCapacityValidator : ConfigRule
{
    public override string Summary => $"A new FSx for Lustre file system has its deployment type's capacity: SCRATCH_1 {PclusterFacts.FsxCapacityRule("SCRATCH_1")}, " +
        $"SCRATCH_2/PERSISTENT_1/PERSISTENT_2 {PclusterFacts.FsxCapacityRule("SCRATCH_2")}; PERSISTENT_1 HDD multiples of 6000 (12 MB/s/TiB) or 1800 (40 MB/s/TiB).";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var (s, type) in Fsx.New(c))
        {
            var path = s.Path + ".FsxLustreSettings.StorageCapacity";
            if (s.FsxCapacity is not { } gib)
                yield return Error(s.Path + ".FsxLustreSettings", "When specifying FSx configuration, storage capacity must be specified.");
            else if (type == "PERSISTENT_1" && s.FsxStorageType == "HDD")
            {
                if (s.FsxPerUnitThroughput == 12 && gib % 6000 != 0)
                    yield return Error(path, "Capacity for FSx PERSISTENT HDD 12 MB/s/TiB file systems is increments of 6,000 GiB.");
                else if (s.FsxPerUnitThroughput == 40 && gib % 1800 != 0)
                    yield return Error(path, "Capacity for FSx PERSISTENT HDD 40 MB/s/TiB file systems is increments of 1,800 GiB.");
            }
            else if (!PclusterFacts.IsFsxLustreCapacity(gib, type))
                yield return Error(path, $"Capacity for FSx {type} file systems is {PclusterFacts.FsxCapacityRule(type)}.");
        }
    }
}

public sealed class FsxPersistentOptionsValidator : ConfigRule
{
    public override string Summary => "PERSISTENT_1/PERSISTENT_2 file systems set PerUnitStorageThroughput; other types set neither it nor KmsKeyId.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var (s, type, settings) in Fsx.All(c))
        {
            if (type is not null && PclusterFacts.FsxPersistentDeploymentTypes.Contains(type))
            {
                if (s.FsxPerUnitThroughput is null or 0)
                    yield return Error(settings + ".PerUnitStorageThroughput", $"Per unit storage throughput must be specified when deployment type is {type}.");
                continue;
            }
            if (s.FsxKmsKeyId is not null)
                yield return Error(settings + ".KmsKeyId", $"KMS key id can only be used when deployment type is one of {PyList(PclusterFacts.FsxPersistentDeploymentTypes)}.");
            if (s.FsxPerUnitThroughput is not null and not 0)
                yield return Error(settings + ".PerUnitStorageThroughput", $"Per unit storage throughput can only be used when deployment type is one of {PyList(PclusterFacts.FsxPersistentDeploymentTypes)}.");
        }
    }
}

public sealed class FsxStorageTypeOptionsValidator : ConfigRule
{
    public override string Summary => "HDD file systems are PERSISTENT_1 with 12 or 40 MB/s/TiB; SSD ones take their deployment type's throughput values and no DriveCacheType.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var (s, type, settings) in Fsx.All(c))
        {
            if (s.FsxStorageType == "HDD")
            {
                if (type != "PERSISTENT_1") yield return Error(settings + ".DeploymentType", "For HDD file systems, deployment type must be PERSISTENT_1.");
                if (s.FsxPerUnitThroughput is not { } hdd || !PclusterFacts.FsxHddThroughput.Contains(hdd))
                    yield return Error(settings + ".PerUnitStorageThroughput",
                        $"For HDD file systems, per unit storage throughput can only have the following values: [{string.Join(", ", PclusterFacts.FsxHddThroughput)}].");
                continue;
            }
            if (s.FsxDriveCacheType is not null)
                yield return Error(settings + ".DriveCacheType", "Drive cache type features can be used only with HDD file systems.");
            // A non-persistent type with a throughput is FsxPersistentOptionsValidator's finding.
            if (s.FsxPerUnitThroughput is { } unit and not 0 && type is not null && PclusterFacts.FsxSsdThroughput.TryGetValue(type, out var allowed) && !allowed.Contains(unit))
                yield return Error(settings + ".PerUnitStorageThroughput",
                    $"For {type} SSD file systems, per unit storage throughput can only have the following values: [{string.Join(", ", allowed)}].");
        }
    }
}

public sealed class FsxS3Validator : ConfigRule
{
    public override string Summary => "ExportPath, ImportedFileChunkSize and AutoImportPolicy need ImportPath.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var (s, _, settings) in Fsx.All(c).Where(f => f.Storage.FsxImportPath is null))
        {
            if (s.FsxImportedFileChunkSize is not null)
                yield return Error(settings + ".ImportedFileChunkSize", "When specifying imported file chunk size, the import path option must be specified.");
            if (s.FsxExportPath is not null)
                yield return Error(settings + ".ExportPath", "When specifying export path, the import path option must be specified.");
            if (s.FsxAutoImportPolicy is not null)
                yield return Error(settings + ".AutoImportPolicy", "When specifying auto import policy, the import path option must be specified.");
        }
    }
}
