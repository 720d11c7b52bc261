using Petal.Common;

namespace Petal.Seeds.Rules;

/// <summary>
/// The shared, hybrid and snapshot layouts mount the software volume at /shared: storage inside it would hide
/// the software, and the snapshot layout's /shared must be the volume made from its snapshot.
/// </summary>
public sealed class SharedLayoutMountRule : SeedRule
{
    public override string Id => "LAYOUT-SHARED-MOUNT";
    public override string Summary => "With a layout that keeps the software on /shared (shared, hybrid, snapshot), nothing is mounted inside /shared, and with snapshot not at /shared either.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var layout = context.Seed.Software.Layout;
        if (!LayoutPaths.For(layout).OnShared) yield break;
        var name = layout.ToString().ToLowerInvariant();
        foreach (var (path, dir) in MountDirs.All(context))
        {
            var key = MountDirs.Key(dir);
            if (MountDirs.IsUnder(key, LayoutPaths.SharedMount))
                yield return Report(context, path, $"{key} lies inside {LayoutPaths.SharedMount}, which the {name} layout mounts for the software",
                    "mount it elsewhere, e.g. /scratch or /data");
            else if (key == LayoutPaths.SharedMount && (layout == SoftwareLayout.Snapshot || path.StartsWith("data.", StringComparison.Ordinal)))
                yield return Report(context, path, $"the {name} layout mounts its software volume at {LayoutPaths.SharedMount}",
                    "mount this storage elsewhere, e.g. /data");
        }
    }
}
