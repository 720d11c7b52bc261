using Petal.Common;

namespace Petal.Seeds.Rules;

/// <summary>ParallelCluster's NumberOfStorageValidator: 5 EBS, 1 new + 20 existing EFS, 1 new + 20 existing FSx.</summary>
public sealed class StorageCountRule : SeedRule
{
    public override string Id => "STORAGE-COUNT";
    public override string Summary => "At most 5 EBS volumes, 1 new EFS and 1 new FSx for Lustre (plus 20 existing of each).";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var storage = context.Seed.SharedStorage;
        var limits = new (string What, Func<SharedStorageSpec, bool> Match, int Max)[]
        {
            ("EBS volumes", s => s.Type == StorageType.Ebs, 5),
            ("new EFS file systems (without file_system_id)", s => s.Type == StorageType.Efs && s.FileSystemId is null, 1),
            ("existing EFS file systems", s => s.Type == StorageType.Efs && s.FileSystemId is not null, 20),
            ("new FSx for Lustre file systems (without file_system_id)", s => s.Type == StorageType.FsxLustre && s.FileSystemId is null, 1),
            ("existing FSx for Lustre file systems", s => s.Type == StorageType.FsxLustre && s.FileSystemId is not null, 20),
        };
        foreach (var (what, match, max) in limits)
        {
            var indexes = storage.Select((s, i) => (s, i)).Where(x => match(x.s)).Select(x => x.i).ToList();
            if (indexes.Count > max)
                yield return Report(context, $"shared_storage[{indexes[max]}]", $"{indexes.Count} {what}; ParallelCluster allows at most {max}",
                    "remove some, or attach existing file systems with file_system_id");
        }
    }
}
