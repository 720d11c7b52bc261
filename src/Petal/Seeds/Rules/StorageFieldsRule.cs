using Petal.Common;
using Petal.Pcluster;

namespace Petal.Seeds.Rules;

/// <summary>Fields that only make sense for some storage types, and ParallelCluster's EBS/FSx value ranges.</summary>
public sealed class StorageFieldsRule : SeedRule
{
    public override string Id => "STORAGE-FIELDS";
    public override string Summary => "Storage fields fit the type: snapshot_id/volume_type/iops/throughput only for EBS, file_system_id only for EFS/FSx (FSx ids have 17 characters), EBS size/iops/throughput within the volume type's bounds and ratios, FSx capacity steps.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        for (var i = 0; i < context.Seed.SharedStorage.Count; i++)
            foreach (var (field, message, hint) in Problems(context.Seed.SharedStorage[i]))
                yield return Report(context, $"shared_storage[{i}].{field}", message, hint);
    }

    private static IEnumerable<(string Field, string Message, string Hint)> Problems(SharedStorageSpec s)
    {
        var type = s.Type.SeedName();
        if (s.Type != StorageType.Ebs)
        {
            foreach (var (field, set) in new[] { ("snapshot_id", s.SnapshotId is not null), ("volume_type", s.VolumeType is not null), ("iops", s.Iops is not null), ("throughput", s.Throughput is not null) })
                if (set) yield return (field, $"{field} applies to EBS volumes, not {type}", $"remove {field} or use type: ebs");
            var idPattern = s.Type == StorageType.FsxLustre ? Patterns.FsxId : Patterns.EfsId;
            if (s.FileSystemId is { } fs && !idPattern.Regex.IsMatch(fs))
                yield return ("file_system_id", $"'{fs}' is not an {idPattern.Name}",
                    s.Type == StorageType.FsxLustre ? "write it as fs- followed by 17 lowercase letters or digits" : "write it as fs- followed by 8 or 17 lowercase letters or digits");
            if (s.FileSystemId is not null && s.SizeGb is not null)
                yield return ("size_gb", "size_gb cannot be set for an existing file system", "remove size_gb");
            if (s.Type == StorageType.Efs && s.SizeGb is not null && s.FileSystemId is null)
                yield return ("size_gb", "EFS grows by itself; it has no size", "remove size_gb");
            if (s.Type == StorageType.FsxLustre && s.SizeGb is { } cap && !PclusterFacts.IsFsxLustreCapacity(cap))
                yield return ("size_gb", $"FSx for Lustre capacity {cap} GiB is not 1200 or a multiple of 2400", $"use {Math.Max(2400, (cap + 2399) / 2400 * 2400)}");
            yield break;
        }
        if (s.FileSystemId is not null)
            yield return ("file_system_id", "file_system_id applies to EFS and FSx, not EBS", "remove it, or use snapshot_id to start from a snapshot");
        if (s.SnapshotId is { } snap && !Patterns.SnapshotId.Regex.IsMatch(snap))
            yield return ("snapshot_id", $"'{snap}' is not a snapshot id", "write it as snap- followed by 8 or 17 lowercase letters or digits");
        var volume = s.VolumeType ?? PclusterFacts.EbsDefaultVolumeType;
        // ParallelCluster's EBS validators (EbsVolumeTypeSizeValidator, EbsVolumeIopsValidator, EbsVolumeThroughputValidator):
        // the bounds are PclusterFacts'; a volume restored from a snapshot without size_gb takes the snapshot's size.
        var size = s.SizeGb ?? (s.SnapshotId is null ? PclusterFacts.EbsDefaultSizeGiB : (int?)null);
        if (size is { } gib && PclusterFacts.EbsSizeBounds.TryGetValue(volume, out var sizes) && (gib < sizes.Min || gib > sizes.Max))
            yield return (s.SizeGb is null ? "volume_type" : "size_gb", $"{volume} volumes hold {sizes.Min}..{sizes.Max} GiB, not {gib}{(s.SizeGb is null ? " (the default size)" : "")}",
                $"set size_gb within {sizes.Min}..{sizes.Max}, or use FSx for Lustre for larger file systems");
        if (s.Iops is { } iops)
        {
            if (!PclusterFacts.EbsIopsBounds.TryGetValue(volume, out var range))
                yield return ("iops", $"{volume} volumes do not take provisioned iops", "remove iops, or use gp3, io1 or io2");
            else if (iops < range.Min || iops > range.Max)
                yield return ("iops", $"{iops} iops is outside {volume}'s range {range.Min}..{range.Max}", $"use {range.Min}..{range.Max}");
            else if (size is { } gib2 && iops > (long)gib2 * PclusterFacts.EbsIopsPerGiB[volume])
                yield return ("iops", $"{iops} iops on {gib2} GiB is more than {PclusterFacts.EbsIopsPerGiB[volume]} iops per GiB ({volume})",
                    $"use at most {(long)gib2 * PclusterFacts.EbsIopsPerGiB[volume]} iops, or a larger size_gb");
        }
        if (volume is "io1" or "io2" && s.Iops is null)
            yield return ("volume_type", $"{volume} volumes need iops", "add iops: 3000 (or your target)");
        if (s.Throughput is { } tp && volume != "gp3")
            yield return ("throughput", $"throughput applies to gp3 volumes, not {volume}", "remove throughput or use volume_type: gp3");
        else if (s.Throughput is { } tp2 && (tp2 < PclusterFacts.Gp3MinThroughput || tp2 > PclusterFacts.Gp3MaxThroughput))
            yield return ("throughput", $"gp3 throughput {tp2} MiB/s is outside {PclusterFacts.Gp3MinThroughput}..{PclusterFacts.Gp3MaxThroughput}",
                $"use {PclusterFacts.Gp3MinThroughput}..{PclusterFacts.Gp3MaxThroughput}");
        else if (s.Throughput is { } tp3 && tp3 > (s.Iops ?? PclusterFacts.EbsDefaultIops["gp3"]) * PclusterFacts.Gp3MaxThroughputPerIops)
            yield return ("throughput", $"gp3 throughput {tp3} MiB/s is more than {PclusterFacts.Gp3MaxThroughputPerIops} MiB/s per iops ({s.Iops ?? PclusterFacts.EbsDefaultIops["gp3"]} iops)",
                $"raise iops to at least {(int)Math.Ceiling(tp3 / PclusterFacts.Gp3MaxThroughputPerIops)} or lower throughput");
    }
}
