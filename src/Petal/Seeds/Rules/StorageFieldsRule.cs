using Petal.Common;
using Petal.Pcluster;

namespace Petal.Seeds.Rules;

/// <summary>Fields that only make sense for some storage types, and ParallelCluster's EBS/FSx value ranges.</summary>
public sealed class StorageFieldsRule : SeedRule
{
    public override string Id => "STORAGE-FIELDS";
    public override string Summary => "Storage fields fit the type: snapshot_id/volume_type/iops/throughput only for EBS, file_system_id only for EFS/FSx (FSx ids have 17 characters), deployment_type/per_unit_storage_throughput/import_path/export_path only for a new FSx for Lustre; EBS size/iops/throughput within the volume type's bounds and ratios; FSx capacity steps and throughput per deployment type; export_path needs import_path in the same bucket, not with PERSISTENT_2.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        for (var i = 0; i < context.Seed.SharedStorage.Count; i++)
            foreach (var (field, message, hint) in Problems(context.Seed.SharedStorage[i]))
                yield return Report(context, $"shared_storage[{i}].{field}", message, hint);
    }

    private static IEnumerable<(string Field, string Message, string Hint)> Problems(SharedStorageSpec s)
    {
        var type = s.Type.SeedName();
        if (s.Type != StorageType.FsxLustre)
            foreach (var (field, set) in FsxFields(s))
                if (set) yield return (field, $"{field} applies to FSx for Lustre, not {type}", $"remove {field} or use type: fsx-lustre");
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
            if (s.Type == StorageType.FsxLustre)
                foreach (var problem in FsxProblems(s)) yield return problem;
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

    private static (string Field, bool Set)[] FsxFields(SharedStorageSpec s) =>
    [
        ("deployment_type", s.DeploymentType is not null), ("per_unit_storage_throughput", s.PerUnitStorageThroughput is not null),
        ("import_path", s.ImportPath is not null), ("export_path", s.ExportPath is not null),
    ];

    /// <summary>
    /// ParallelCluster's FSx for Lustre checks (FsxPersistentOptionsValidator, FsxStorageTypeOptionsValidator,
    /// FsxStorageCapacityValidator, FsxS3Validator, the schema's existing-file-system rule) and FSx's own rules for S3
    /// links (the export bucket is the import bucket; PERSISTENT_2 links S3 otherwise), with the facts in PclusterFacts.
    /// </summary>
    private static IEnumerable<(string Field, string Message, string Hint)> FsxProblems(SharedStorageSpec s)
    {
        if (s.FileSystemId is not null)
        {
            foreach (var (field, set) in FsxFields(s))
                if (set) yield return (field, $"{field} cannot be set for an existing file system (file_system_id)", $"remove {field}: the file system keeps its own settings");
            yield break;
        }
        var deployment = s.EffectiveDeploymentType;
        var persistent = PclusterFacts.FsxPersistentDeploymentTypes.Contains(deployment);
        if (persistent && s.PerUnitStorageThroughput is null)
            yield return ("deployment_type", $"{deployment} file systems need per_unit_storage_throughput",
                $"add per_unit_storage_throughput: one of {string.Join(", ", PclusterFacts.FsxSsdThroughput[deployment])} (MB/s per TiB)");
        else if (!persistent && s.PerUnitStorageThroughput is not null)
            yield return ("per_unit_storage_throughput", $"per_unit_storage_throughput applies to {string.Join(" and ", PclusterFacts.FsxPersistentDeploymentTypes)} file systems, not {deployment}",
                "remove it, or set deployment_type: PERSISTENT_1 or PERSISTENT_2");
        else if (persistent && s.PerUnitStorageThroughput is { } unit && !PclusterFacts.FsxSsdThroughput[deployment].Contains(unit))
            yield return ("per_unit_storage_throughput", $"{deployment} file systems take {string.Join(", ", PclusterFacts.FsxSsdThroughput[deployment])} MB/s per TiB, not {unit}",
                $"use one of {string.Join(", ", PclusterFacts.FsxSsdThroughput[deployment])}");
        if (s.SizeGb is { } cap && !PclusterFacts.IsFsxLustreCapacity(cap, deployment))
            yield return ("size_gb", $"FSx for Lustre {deployment} capacity is {PclusterFacts.FsxCapacityRule(deployment)}, not {cap}",
                $"use {string.Join(" or ", PclusterFacts.NearestFsxCapacities(cap, deployment))}");
        if (s.ExportPath is not null && s.ImportPath is null)
            yield return ("export_path", "export_path needs import_path (FSx exports to the bucket it imports from)", "add import_path: s3://BUCKET[/PREFIX], in the export_path's bucket");
        else if (s.ExportPath is { } export && s.ImportPath is { } import && Patterns.S3UriBucket(export) != Patterns.S3UriBucket(import))
            yield return ("export_path", $"export_path's bucket '{Patterns.S3UriBucket(export)}' is not import_path's '{Patterns.S3UriBucket(import)}'",
                $"export to a prefix of the import bucket, e.g. s3://{Patterns.S3UriBucket(import)}/export");
        if ((s.ImportPath ?? s.ExportPath) is not null && !PclusterFacts.FsxImportPathDeploymentTypes.Contains(deployment))
            yield return (s.ImportPath is not null ? "import_path" : "export_path", $"{deployment} file systems do not take import_path/export_path (FSx links them to S3 through data repository associations)",
                $"use deployment_type: {string.Join(", ", PclusterFacts.FsxImportPathDeploymentTypes)}, or remove the S3 paths");
        foreach (var (field, uri) in new[] { ("import_path", s.ImportPath), ("export_path", s.ExportPath) })
            if (uri is not null && !Patterns.S3Uri.IsMatch(uri))
                yield return (field, $"'{uri}' is not an {Patterns.S3Uri.Name} (s3://BUCKET[/PREFIX], at most {Patterns.S3Uri.MaxLength} characters)",
                    "write s3:// then the bucket name, then an optional /prefix of letters, digits and . _ = / -");
            else if (uri is not null && S3BucketNameRule.Problem(Patterns.S3UriBucket(uri)) is { } bad)
                yield return (field, $"'{Patterns.S3UriBucket(uri)}' is not a valid S3 bucket name: {bad}", "write s3:// then the bucket name as shown in the S3 console, then an optional /prefix");
    }
}
