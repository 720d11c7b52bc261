namespace Petal.Pcluster.Checking.Rules;

// Where shared storage and instance-store (ephemeral) volumes are mounted (cluster_validators.py).

/// <summary>The mount directories in a config: shared storage, and instance-store volumes of the types that have them.</summary>
internal static class MountDirs
{
    public static string Normal(string dir) => dir.Length > 1 ? dir.TrimEnd('/') : dir;

    /// <summary>Ephemeral mount dir → the instance types that mount their instance store there (types the catalog knows).</summary>
    public static IReadOnlyDictionary<string, List<string>> Local(ConfigRuleContext c)
    {
        var local = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string dir, string type)
        {
            if (c.Catalog.Find(type) is not { InstanceStorageGb: > 0 }) return;
            var list = local.TryGetValue(Normal(dir), out var l) ? l : local[Normal(dir)] = [];
            if (!list.Contains(type)) list.Add(type);
        }
        Add(c.Config.HeadNode.EphemeralMountDir, c.Config.HeadNode.InstanceType);
        foreach (var q in c.Config.Queues)
            foreach (var type in q.ComputeResources.SelectMany(cr => cr.InstanceTypes)) Add(q.EphemeralMountDir, type);
        return local;
    }
}

public sealed class SharedStorageMountDirValidator : ConfigRule
{
    public override string Summary => "Shared storage is not mounted at a directory the OS or ParallelCluster owns (/opt, /usr, /var, ...).";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c) =>
        c.Config.Storage.Where(s => PclusterFacts.ReservedMountDirs.Contains(MountDirs.Normal(s.MountDir)))
            .Select(s => Error(s.Path + ".MountDir", $"Error: The shared storage mount directory {s.MountDir} is reserved. Please use another directory"));
}

public sealed class DuplicateMountDirValidator : ConfigRule
{
    public override string Summary => "No two shared storages share a mount directory (warns when one shares it with an instance-store volume).";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        var shared = c.Config.Storage.GroupBy(s => MountDirs.Normal(s.MountDir), StringComparer.Ordinal).ToList();
        foreach (var g in shared.Where(g => g.Count() > 1))
            yield return Error("SharedStorage", $"The mount directory `{g.Key}` is used for multiple shared storage: {PyList(g.Select(s => s.Name))}. " +
                "Shared storage mount directories should be unique. Please change the mount directory configuration of the shared storage.");
        var local = MountDirs.Local(c);
        foreach (var g in shared)
            if (local.TryGetValue(g.Key, out var types))
                yield return Warning(g.First().Path + ".MountDir", $"The mount directory `{g.Key}` used for shared storage {PyList(g.Select(s => s.Name))} " +
                    $"clashes with the one used for ephemeral volumes of the instances {PyList(types)}. Please change the mount directory " +
                    "configuration of either the shared storage or the ephemeral volume of the impacted nodes.");
    }
}

public sealed class OverlappingMountDirValidator : ConfigRule
{
    public override string Summary => "No mount directory (shared storage or instance store) lies inside another.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        var dirs = c.Config.Storage.Select(s => MountDirs.Normal(s.MountDir)).Concat(MountDirs.Local(c).Keys)
            .Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < dirs.Count; i++)
            for (var j = i + 1; j < dirs.Count; j++)
                if (Inside(dirs[i], dirs[j]) || Inside(dirs[j], dirs[i]))
                    yield return Error("SharedStorage", $"Mount directories {dirs[i]}, {dirs[j]} cannot overlap");
    }

    private static bool Inside(string dir, string parent) =>
        dir.StartsWith(parent == "/" ? "/" : parent + "/", StringComparison.Ordinal);
}
