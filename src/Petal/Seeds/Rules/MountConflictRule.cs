using Petal.Common;

namespace Petal.Seeds.Rules;

/// <summary>Two mounts on the same directory, or one inside another, hide each other's files.</summary>
public sealed class MountConflictRule : SeedRule
{
    public override string Id => "MOUNT-CONFLICT";
    public override string Summary => "Mount points (S3 and shared storage together) are unique and do not nest inside one another.";

    /// <summary>Each mount against the earlier ones, by dictionary (linear in the mounts times their depth).</summary>
    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var seen = new List<(string Path, string Dir)>();
        var at = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var below = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (path, dir) in MountDirs.All(context))
        {
            var key = MountDirs.Key(dir);
            var ancestors = MountDirs.Ancestors(key).ToList();
            var earlier = At(at, key).Concat(At(below, key)).Concat(ancestors.SelectMany(a => At(at, a))).Distinct().Order();
            foreach (var (otherPath, other) in earlier.Select(i => seen[i]))
                yield return other == key
                    ? Report(context, path, $"{key} is already a mount point ({otherPath})", "give each mount its own directory")
                    : Report(context, path, $"{key} overlaps {other} ({otherPath})", "use sibling directories such as /data/a and /data/b");
            Add(at, key, seen.Count);
            foreach (var a in ancestors) Add(below, a, seen.Count);
            seen.Add((path, key));
        }
    }

    private static IEnumerable<int> At(Dictionary<string, List<int>> index, string key) => index.GetValueOrDefault(key) ?? [];

    private static void Add(Dictionary<string, List<int>> index, string key, int i)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(i);
    }
}
