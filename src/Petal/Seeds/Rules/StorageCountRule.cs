using Petal.Common;
using Petal.Pcluster;

namespace Petal.Seeds.Rules;

/// <summary>
/// ParallelCluster's NumberOfStorageValidator: 5 EBS, 1 new + 20 existing EFS, 1 new + 20 existing FSx. The EBS
/// count includes the software volume the shared, hybrid and snapshot layouts add at /shared (unless the seed
/// mounts its own storage there).
/// </summary>
public sealed class StorageCountRule : SeedRule
{
    public override string Id => "STORAGE-COUNT";
    public override string Summary => "At most 5 EBS volumes (counting the layout's own /shared volume), 1 new EFS and 1 new FSx for Lustre (plus 20 existing of each).";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var storage = context.Seed.SharedStorage;
        var layoutVolume = LayoutPaths.For(context.Seed.Software.Layout).AddsVolumeFor(context.Seed) ? 1 : 0;
        var limits = new (string What, Func<SharedStorageSpec, bool> Match, int Max, int Extra)[]
        {
            ("EBS volumes", s => s.Type == StorageType.Ebs, PclusterFacts.MaxEbs, layoutVolume),
            ("new EFS file systems (without file_system_id)", s => s.Type == StorageType.Efs && s.FileSystemId is null, PclusterFacts.MaxNewEfs, 0),
            ("existing EFS file systems", s => s.Type == StorageType.Efs && s.FileSystemId is not null, PclusterFacts.MaxExistingEfs, 0),
            ("new FSx for Lustre file systems (without file_system_id)", s => s.Type == StorageType.FsxLustre && s.FileSystemId is null, PclusterFacts.MaxNewFsx, 0),
            ("existing FSx for Lustre file systems", s => s.Type == StorageType.FsxLustre && s.FileSystemId is not null, PclusterFacts.MaxExistingFsx, 0),
        };
        foreach (var (what, match, max, extra) in limits)
        {
            var indexes = storage.Select((s, i) => (s, i)).Where(x => match(x.s)).Select(x => x.i).ToList();
            if (indexes.Count + extra > max)
                yield return Report(context, $"shared_storage[{indexes[Math.Max(0, max - extra)]}]",
                    $"{indexes.Count + extra} {what}{(extra > 0 ? $" (with the {context.Seed.Software.Layout.ToString().ToLowerInvariant()} layout's software volume at /shared)" : "")}; ParallelCluster allows at most {max}",
                    "remove some, or attach existing file systems with file_system_id");
        }
    }
}
