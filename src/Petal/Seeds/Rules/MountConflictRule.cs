using Petal.Common;

namespace Petal.Seeds.Rules;

/// <summary>Two mounts on the same directory, or one inside another, hide each other's files.</summary>
public sealed class MountConflictRule : SeedRule
{
    public override string Id => "MOUNT-CONFLICT";
    public override string Summary => "Mount points (S3 and shared storage together) are unique and do not nest inside one another.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var seen = new List<(string Path, string Dir)>();
        foreach (var (path, dir) in MountDirs.All(context))
        {
            var key = MountDirs.Key(dir);
            foreach (var (otherPath, other) in seen)
            {
                if (other == key)
                    yield return Report(context, path, $"{key} is already a mount point ({otherPath})", "give each mount its own directory");
                else if (MountDirs.IsUnder(key, other) || MountDirs.IsUnder(other, key))
                    yield return Report(context, path, $"{key} overlaps {other} ({otherPath})", "use sibling directories such as /data/a and /data/b");
            }
            seen.Add((path, key));
        }
    }
}
