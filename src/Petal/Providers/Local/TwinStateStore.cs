using Petal.Common;

namespace Petal.Providers.Local;

/// <summary>
/// state.json of each twin under <c>&lt;state&gt;/local/&lt;name&gt;/</c>: written atomically (temp file + rename),
/// and changed only while holding the twin's lock.
/// </summary>
public static class TwinStateStore
{
    private static readonly JsonRecordStore<TwinState> Store = new("cluster", new RecordLayout(
        name => TwinLayout.For(name).StateFile,
        TwinLayout.LockFile,
        () => Directory.Exists(TwinLayout.TwinsDir) ? Directory.EnumerateDirectories(TwinLayout.TwinsDir).Select(d => Path.GetFileName(d)!).Where(LocalProvider.IsValidName) : []),
        (name, state) => Repaired(state, TwinLayout.For(name)));

    /// <summary>
    /// The twin's state, or null when there is none. Nothing in the file is trusted to say where the twin lives:
    /// its name and root are the ones <paramref name="name"/> resolves to, lists written as null read as empty.
    /// A file that is not a twin state at all is an error naming `petal delete`, which works without it.
    /// </summary>
    public static TwinState? Load(string name)
    {
        var t = TwinLayout.For(name);
        if (!File.Exists(t.StateFile)) return null;
        return TryLoad(name) ?? throw new InvalidOperationException(
            $"{t.StateFile} is damaged; `petal delete {name}` removes the twin without it");
    }

    /// <summary>Like <see cref="Load"/>, but null when the file is missing or damaged (teardown works from the host then).</summary>
    public static TwinState? TryLoad(string name) => Store.TryLoad(name);

    private static TwinState Repaired(TwinState s, TwinLayout t) => s with
    {
        Name = t.Name,
        Root = t.Root,
        Status = s.Status ?? TwinStatus.Failed,
        Queues = s.Queues?.OfType<string>().ToList() ?? [],
        PriorityTiers = s.PriorityTiers?.Where(p => p.Key is not null && s.Queues?.Contains(p.Key) == true).ToDictionary(p => p.Key, p => p.Value) ?? new Dictionary<string, int>(),
        Nodes = s.Nodes?.Where(n => n is { Name: not null, Queue: not null, ComputeResource: not null, InstanceType: not null }).ToList() ?? [],
        NodePids = s.NodePids ?? [],
        Software = s.Software?.OfType<Providers.ClusterSoftware>().ToList() ?? [],
        Unsatisfied = s.Unsatisfied?.OfType<Providers.UnsatisfiedSpec>().ToList() ?? [],
        SeedUsers = s.SeedUsers?.OfType<string>().ToList() ?? [],
        GroupsCreated = s.GroupsCreated?.Where(g => g is { Name: not null }).ToList() ?? [],
        Mounts = s.Mounts?.Where(m => m is { Kind: not null, Source: not null, MountDir: not null, NotEmulated: not null }).ToList() ?? [],
        // Delete rmdirs these (empty ones only): plain absolute paths outside the system's trees, whatever the file says.
        HostMountPoints = s.HostMountPoints?.Where(p => p is not null && p.Length > 1 && Path.IsPathFullyQualified(p) && Path.GetFullPath(p) == p
            && !Seeds.Rules.ReservedNames.MountDirs.Contains(p) && !Seeds.Rules.ReservedNames.MountTrees.Any(tree => p == tree || p.StartsWith(tree + "/", StringComparison.Ordinal))).ToList() ?? [],
    };

    /// <summary>Writes the state atomically where its name resolves to (never where a loaded file claimed its root was).</summary>
    public static void Save(TwinState state) => Store.Save(state.Name, state);

    /// <summary>Every readable twin state; damaged ones are skipped (see <see cref="List"/>).</summary>
    public static IReadOnlyList<TwinState> All() => List().Records;

    /// <summary>The twins' states, and the state files that are damaged (`petal list` reports them).</summary>
    public static RecordListing<TwinState> List() => Store.List();

    /// <summary>
    /// The twin's lock (see <see cref="JsonRecordStore{T}.Lock"/>): a second petal working on the same twin gets a clear
    /// error naming the first. Released by the kernel when petal exits, even by SIGKILL.
    /// </summary>
    public static IDisposable Lock(string name, string activity = "create or delete") => Store.Lock(name, activity);
}
