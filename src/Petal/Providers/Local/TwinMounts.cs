using Petal.Common;
using Petal.Seeds;
using Petal.Seeds.Rules;

namespace Petal.Providers.Local;

/// <summary>
/// One of the seed's S3 mounts or shared-storage volumes as the twin gives it: a local directory
/// (<see cref="TwinLayout.MountDir"/>) bound at <see cref="MountDir"/> in the head node's and every compute node's
/// mount namespace, read-only when the seed says so. <see cref="NotEmulated"/> says what of the real thing is missing.
/// </summary>
/// <param name="Kind">s3, ebs, efs or fsx-lustre.</param>
/// <param name="Source">The bucket (s3) or the storage's name.</param>
/// <param name="Emulated">False when the twin could not make the directory (then nothing is bound).</param>
/// <param name="SeededFrom">The host folder an S3 mount's directory was filled from (<c>--s3-seed</c>), if any.</param>
public sealed record TwinMount(string Kind, string Source, string MountDir, bool ReadOnly, bool Emulated, string NotEmulated, string? SeededFrom = null)
{
    /// <summary>
    /// A shared /home (EFS or FSx for Lustre at /home): the twin's own /home already is one directory on every node
    /// (<see cref="TwinLayout.HeadHome"/>, bound at <see cref="TwinLayout.ViewHome"/>), so it stands in and nothing more is bound.
    /// </summary>
    public bool IsTwinHome => MountDir == TwinLayout.ViewHome;
}

/// <summary>Plans a twin's mounts from the seed and the <c>--s3-seed BUCKET=DIR</c> options (pure, apart from the checks it is given).</summary>
public static class TwinMounts
{
    /// <summary>Bounds an S3 seed folder: the twin copies it at create.</summary>
    public const int MaxSeedFiles = 10_000;
    public const long MaxSeedBytes = 1L << 30;

    /// <summary>Trees the twin binds itself (<c>/shared</c>, <c>/home</c>): a mount point under them is made inside the twin's copy, not on the host.</summary>
    public static readonly IReadOnlyList<string> TwinTrees = ["/shared", "/home"];

    /// <summary>"BUCKET=DIR" options → bucket → absolute folder; every malformed one reported at once (exit 2).</summary>
    public static IReadOnlyDictionary<string, string> ParseSeeds(IEnumerable<string> options)
    {
        var seeds = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var option in options)
        {
            var eq = option.IndexOf('=');
            if (eq <= 0 || eq == option.Length - 1)
                problems.Add($"--s3-seed '{option}': expected BUCKET=DIR, e.g. --s3-seed my-bucket=./data");
            else if (!seeds.TryAdd(option[..eq], Path.GetFullPath(option[(eq + 1)..])))
                problems.Add($"--s3-seed: bucket '{option[..eq]}' is given twice; give each bucket one folder");
        }
        if (problems.Count > 0) throw new UserInputException(string.Join("\n", problems));
        return seeds;
    }

    /// <summary>
    /// Refuses seeds that name no S3 mount of the seed or a folder that is missing, linked or too large; every
    /// problem at once, before the twin is touched.
    /// </summary>
    public static void CheckSeeds(Seed seed, IReadOnlyDictionary<string, string> seeds)
    {
        var buckets = seed.Data.S3Mounts.Select(m => m.Bucket).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (bucket, dir) in seeds)
        {
            if (!buckets.Contains(bucket))
                problems.Add($"--s3-seed {bucket}=...: the seed mounts no bucket '{bucket}'" +
                             (buckets.Count == 0 ? " (it has no data.s3_mounts)" : $"; its buckets: {string.Join(", ", buckets.Order())}"));
            else if (new DirectoryInfo(dir) is not { Exists: true, LinkTarget: null })
                problems.Add($"--s3-seed {bucket}={dir}: not a directory (a folder whose files the bucket should hold)");
            else if (SizeProblem(dir) is { } size)
                problems.Add($"--s3-seed {bucket}={dir}: {size}");
        }
        if (problems.Count > 0) throw new UserInputException(string.Join("\n", problems));
    }

    private static string? SizeProblem(string dir)
    {
        long files = 0, bytes = 0;
        foreach (var f in new DirectoryInfo(dir).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
        {
            bytes += f.Length;
            if (++files > MaxSeedFiles || bytes > MaxSeedBytes)
                return $"more than {MaxSeedFiles} files or {MaxSeedBytes >> 20} MiB; the twin copies the folder, so seed it with a sample";
        }
        return null;
    }

    /// <summary>
    /// Every S3 mount, then every shared-storage volume, in seed order (index i lives in <see cref="TwinLayout.MountDir"/>(i)).
    /// <paramref name="hostProblem"/> says why a host mount point cannot be used (a file or a link there), or null.
    /// </summary>
    public static IReadOnlyList<TwinMount> Plan(Seed seed, IReadOnlyDictionary<string, string> seeds, Func<string, string?> hostProblem)
    {
        var mounts = seed.Data.S3Mounts.Select(m =>
        {
            var from = seeds.GetValueOrDefault(m.Bucket);
            var missing = from is null
                ? $"the bucket's objects (an empty directory; petal create --s3-seed {m.Bucket}=DIR fills it from a folder), IAM access"
                : "the bucket itself (a copy of the folder, not synced back), IAM access";
            return new TwinMount("s3", m.Bucket, MountDirs.Key(m.MountPoint), m.ReadOnly, true, missing, from);
        }).Concat(seed.SharedStorage.Select(s => new TwinMount(s.Type.SeedName(), s.Name, MountDirs.Key(s.MountDir), false, true,
            s.Type switch
            {
                StorageType.Ebs => "the volume's size, type, IOPS and throughput, its snapshot; its files live on the host's disk",
                StorageType.Efs => "the file system's throughput and lifecycle; an existing file_system_id's files",
                _ => "the file system's size, throughput and deployment type, its S3 import/export; an existing file_system_id's files",
            } + (MountDirs.Key(s.MountDir) == TwinLayout.ViewHome ? "; the users' homes are the twin's own shared /home" : "")))).ToList();
        return mounts.Select(m => !m.IsTwinHome && hostProblem(m.MountDir) is { } why
            ? m with { Emulated = false, NotEmulated = $"everything: {why}", SeededFrom = null }
            : m).ToList();
    }

    /// <summary>Whether the mount point is inside a tree the twin binds itself (made inside the twin, not on the host).</summary>
    public static bool InTwinTree(string dir) => TwinTrees.Any(t => dir.StartsWith(t + "/", StringComparison.Ordinal));

    /// <summary>The directories to make on the host for a mount point: it and its missing ancestors, shallowest first.</summary>
    public static IEnumerable<string> MissingOnHost(string dir, Func<string, bool> exists) =>
        MountDirs.Ancestors(dir).Append(dir).Where(d => !exists(d));

    /// <summary>
    /// Why a host mount point cannot be bound over: a file, or a link (bind would follow it out of the twin), there
    /// or at an ancestor. Null when it is a plain directory or missing.
    /// </summary>
    public static string? HostProblem(string dir)
    {
        if (InTwinTree(dir)) return null;
        foreach (var d in MountDirs.Ancestors(dir).Append(dir))
        {
            var info = new FileInfo(d);
            if (info.LinkTarget is not null) return $"{d} is a symbolic link on this host";
            if (info.Exists) return $"{d} is a file on this host";
        }
        return null;
    }
}
