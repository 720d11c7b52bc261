namespace Petal.Seeds.Rules;

/// <summary>Every mount directory a seed declares (S3 mounts and shared storage), with its path.</summary>
internal static class MountDirs
{
    public static IEnumerable<(string Path, string Dir)> All(SeedRuleContext context)
    {
        for (var i = 0; i < context.Seed.Data.S3Mounts.Count; i++)
            if (context.Has($"data.s3_mounts[{i}].mount_point"))
                yield return ($"data.s3_mounts[{i}].mount_point", context.Seed.Data.S3Mounts[i].MountPoint);
        for (var i = 0; i < context.Seed.SharedStorage.Count; i++)
            if (context.Has($"shared_storage[{i}].mount_dir"))
                yield return ($"shared_storage[{i}].mount_dir", context.Seed.SharedStorage[i].MountDir);
    }

    /// <summary>"/data/" → "/data": comparisons ignore one trailing slash (the MOUNT-PATH rule reports it).</summary>
    public static string Key(string dir) => dir.Length > 1 ? dir.TrimEnd('/') : dir;

    public static bool IsUnder(string dir, string tree) => dir.StartsWith(tree + "/", StringComparison.Ordinal);

    /// <summary>The directories <paramref name="dir"/> is under: "/a/b/c" → "/a", "/a/b" (each prefix before a '/').</summary>
    public static IEnumerable<string> Ancestors(string dir)
    {
        for (var i = dir.IndexOf('/', 1); i > 0; i = dir.IndexOf('/', i + 1))
            yield return dir[..i];
    }
}
