using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class MountReservedRule : SeedRule
{
    public override string Id => "MOUNT-RESERVED";
    public override string Summary => "Nothing is mounted on system directories (ParallelCluster's reserved list, /home, /opt/spack) or below /usr, /etc, /opt/slurm, ...";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        foreach (var (path, dir) in MountDirs.All(context))
        {
            var key = MountDirs.Key(dir);
            if (ReservedNames.MountDirs.Contains(key))
                yield return Report(context, path, $"{key} is a system directory and cannot be a mount point", $"mount below a directory of your own, e.g. /data{(key == "/" ? "" : key)}");
            else if (ReservedNames.MountTrees.FirstOrDefault(t => MountDirs.IsUnder(key, t)) is { } tree)
                yield return Report(context, path, $"{key} is inside {tree}, which the system or ParallelCluster owns", "mount below /data, /scratch or /shared instead");
        }
    }
}
