using Petal.Common;
using Petal.Pcluster;

namespace Petal.Seeds.Rules;

/// <summary>
/// ParallelCluster mounts the instance store of types that have one at /scratch (its default ephemeral directory);
/// shared storage inside it clashes (OverlappingMountDirValidator refuses nesting); at the same directory
/// DuplicateMountDirValidator only warns, and so does this rule (one of the two is hidden).
/// </summary>
public sealed class EphemeralMountRule : SeedRule
{
    public override string Id => "EPHEMERAL-MOUNT";
    public override string Summary => "No shared storage inside /scratch (or above it) when the head node or a queue type has instance storage, which ParallelCluster mounts there; at /scratch itself is a warning.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var seed = context.Seed;
        var withStore = seed.Compute.Queues.SelectMany(q => q.InstanceTypes).Prepend(seed.Compute.HeadNode)
            .Select(context.Catalog.Find).FirstOrDefault(i => i is { InstanceStorageGb: > 0 });
        if (withStore is null) yield break;
        const string scratch = PclusterFacts.EphemeralDir;
        for (var i = 0; i < seed.SharedStorage.Count; i++)
        {
            var path = $"shared_storage[{i}].mount_dir";
            var dir = MountDirs.Key(seed.SharedStorage[i].MountDir);
            if (!context.Has(path)) continue;
            if (MountDirs.IsUnder(dir, scratch) || MountDirs.IsUnder(scratch, dir))
                yield return Report(context, path, $"{dir} overlaps {scratch}, where ParallelCluster mounts the instance storage of {withStore.Name}",
                    "mount it elsewhere, e.g. /data or /work");
            else if (dir == scratch)
                yield return Report(context, path, $"{dir} is where ParallelCluster mounts the instance storage of {withStore.Name}: one of the two hides the other",
                    "mount it elsewhere, e.g. /data or /work, to use both", Severity.Warning);
        }
    }
}
