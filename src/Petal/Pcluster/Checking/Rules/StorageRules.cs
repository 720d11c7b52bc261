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
    public override string Summary => "An EBS volume's size is within its type's bounds (gp2/gp3 1-16384, io1 4-16384, io2 4-65536, st1/sc1 500-16384, standard 1-1024 GiB).";

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
    public override string Summary => "Provisioned IOPS are within the type's bounds (io1 100-64000, io2 100-256000, gp3 3000-16000) and IOPS/GiB ratio (50, 1000, 500).";

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
    public override string Summary => "gp3 throughput is 125-1000 MiB/s.";

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
    public override string Summary => "gp3 throughput is at most 0.25 MiB/s per provisioned IOPS.";

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

public sealed class FsxStorageCapacityValidator : ConfigRule
{
    public override string Summary => "A new FSx for Lustre file system has 1200 GiB or a multiple of 2400 GiB.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var s in c.Config.Storage.Where(s => s.StorageType == "FsxLustre" && s.IsNew && s.FsxBackupId is null))
        {
            if (s.FsxCapacity is not { } gib)
                yield return Error(s.Path + ".FsxLustreSettings", "When specifying FSx configuration, StorageCapacity is required when not restoring from a backup or using an existing file system.");
            else if (s.FsxDeploymentType is null or "SCRATCH_2" or "PERSISTENT_1" or "PERSISTENT_2" && !PclusterFacts.IsFsxLustreCapacity(gib))
                yield return Error(s.Path + ".FsxLustreSettings.StorageCapacity",
                    "Capacity for FSx SCRATCH_2 and PERSISTENT_1 filesystems must be 1,200 GB or in increments of 2,400 GB.");
            else if (s.FsxDeploymentType == "SCRATCH_1" && !(gib == 1200 || gib == 2400 || (gib > 0 && gib % 3600 == 0)))
                yield return Error(s.Path + ".FsxLustreSettings.StorageCapacity", "Capacity for FSx SCRATCH_1 filesystem is 1,200 GB, 2,400 GB or increments of 3,600 GB.");
        }
    }
}
