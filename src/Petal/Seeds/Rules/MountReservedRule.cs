using Petal.Common;
using Petal.Pcluster;

namespace Petal.Seeds.Rules;

public sealed class MountReservedRule : SeedRule
{
    public override string Id => "MOUNT-RESERVED";
    public override string Summary => "Nothing is mounted on system directories (ParallelCluster's reserved list, /home, /opt/spack) or below /usr, /etc, /opt/slurm, ...; only a shared /home on EFS or FSx for Lustre (ParallelCluster 3.9+) may take /home.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var storage = context.Seed.SharedStorage.Select((s, i) => ($"shared_storage[{i}].mount_dir", s)).ToDictionary(x => x.Item1, x => x.s);
        foreach (var (path, dir) in MountDirs.All(context))
        {
            var key = MountDirs.Key(dir);
            if (key == ReservedNames.Home && storage.TryGetValue(path, out var home))
            {
                var version = context.Seed.Cluster.ParallelClusterVersion;
                if (!ReservedNames.IsSharedHome(home))
                    yield return Report(context, path, $"{home.Type.SeedName()} storage cannot be a shared /home; ParallelCluster mounts only EFS or FSx at /home",
                        "use type: efs or fsx-lustre for a shared /home, or mount this volume elsewhere, e.g. /data/home");
                else if (!PclusterFacts.SupportsSharedHome(version))
                    yield return Report(context, path, $"a shared /home needs ParallelCluster 3.9.0 or later, not {version}",
                        $"set cluster.parallelcluster_version: {PclusterFacts.PinnedVersion}, or mount the file system elsewhere");
            }
            else if (ReservedNames.MountDirs.Contains(key))
                yield return Report(context, path, $"{key} is a system directory and cannot be a mount point", $"mount below a directory of your own, e.g. /data{(key == "/" ? "" : key)}");
            else if (ReservedNames.MountTrees.FirstOrDefault(t => MountDirs.IsUnder(key, t)) is { } tree)
                yield return Report(context, path, $"{key} is inside {tree}, which the system or ParallelCluster owns", "mount below /data, /scratch or /shared instead");
        }
    }
}
