using Petal.Common;

namespace Petal.Seeds.Rules;

/// <summary>Fields that only make sense for some storage types, and ParallelCluster's EBS/FSx value ranges.</summary>
public sealed class StorageFieldsRule : SeedRule
{
    public override string Id => "STORAGE-FIELDS";
    public override string Summary => "Storage fields fit the type: snapshot_id/volume_type/iops/throughput only for EBS, file_system_id only for EFS/FSx, valid ids, EBS size/iops/throughput ranges, FSx capacity steps.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        for (var i = 0; i < context.Seed.SharedStorage.Count; i++)
            foreach (var (field, message, hint) in Problems(context.Seed.SharedStorage[i]))
                yield return Report(context, $"shared_storage[{i}].{field}", message, hint);
    }

    private static IEnumerable<(string Field, string Message, string Hint)> Problems(SharedStorageSpec s)
    {
        var type = s.Type switch { StorageType.Efs => "efs", StorageType.FsxLustre => "fsx-lustre", _ => "ebs" };
        if (s.Type != StorageType.Ebs)
        {
            foreach (var (field, set) in new[] { ("snapshot_id", s.SnapshotId is not null), ("volume_type", s.VolumeType is not null), ("iops", s.Iops is not null), ("throughput", s.Throughput is not null) })
                if (set) yield return (field, $"{field} applies to EBS volumes, not {type}", $"remove {field} or use type: ebs");
            if (s.FileSystemId is { } fs && !Patterns.EfsId.Regex.IsMatch(fs))
                yield return ("file_system_id", $"'{fs}' is not a file system id", "write it as fs- followed by 8 or 17 lowercase letters or digits");
            if (s.FileSystemId is not null && s.SizeGb is not null)
                yield return ("size_gb", "size_gb cannot be set for an existing file system", "remove size_gb");
            if (s.Type == StorageType.Efs && s.SizeGb is not null && s.FileSystemId is null)
                yield return ("size_gb", "EFS grows by itself; it has no size", "remove size_gb");
            if (s.Type == StorageType.FsxLustre && s.SizeGb is { } cap && cap != 1200 && cap % 2400 != 0)
                yield return ("size_gb", $"FSx for Lustre capacity {cap} GiB is not 1200 or a multiple of 2400", $"use {Math.Max(2400, (cap + 2399) / 2400 * 2400)}");
            yield break;
        }
        if (s.FileSystemId is not null)
            yield return ("file_system_id", "file_system_id applies to EFS and FSx, not EBS", "remove it, or use snapshot_id to start from a snapshot");
        if (s.SnapshotId is { } snap && !Patterns.SnapshotId.Regex.IsMatch(snap))
            yield return ("snapshot_id", $"'{snap}' is not a snapshot id", "write it as snap- followed by 8 or 17 lowercase letters or digits");
        if (s.SizeGb is > 65536)
            yield return ("size_gb", $"EBS volumes hold at most 65536 GiB, not {s.SizeGb}", "use FSx for Lustre for larger file systems");
        var volume = s.VolumeType ?? "gp3";
        var (minIops, maxIops) = volume switch { "io1" => (100, 64000), "io2" => (100, 256000), "gp3" => (3000, 16000), _ => (0, 0) };
        if (s.Iops is { } iops && maxIops == 0)
            yield return ("iops", $"{volume} volumes do not take provisioned iops", "remove iops, or use gp3, io1 or io2");
        else if (s.Iops is { } iops2 && (iops2 < minIops || iops2 > maxIops))
            yield return ("iops", $"{iops2} iops is outside {volume}'s range {minIops}..{maxIops}", $"use {minIops}..{maxIops}");
        if (volume is "io1" or "io2" && s.Iops is null)
            yield return ("volume_type", $"{volume} volumes need iops", "add iops: 3000 (or your target)");
        if (s.Throughput is { } tp && volume != "gp3")
            yield return ("throughput", $"throughput applies to gp3 volumes, not {volume}", "remove throughput or use volume_type: gp3");
        else if (s.Throughput is { } tp2 && tp2 is < 125 or > 1000)
            yield return ("throughput", $"gp3 throughput {tp2} MiB/s is outside 125..1000", "use 125..1000");
    }
}
