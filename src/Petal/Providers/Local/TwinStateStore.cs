using System.Text.Json;
using System.Text.Json.Serialization;
using Petal.Common;

namespace Petal.Providers.Local;

/// <summary>
/// state.json of each twin under <c>&lt;state&gt;/local/&lt;name&gt;/</c>: written atomically (temp file + rename),
/// and changed only while holding the twin's lock.
/// </summary>
public static class TwinStateStore
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

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

    /// <summary>
    /// Like <see cref="Load"/>, but null when the file is missing or damaged (teardown works from the host then). Only a
    /// plain file in the twin's own folder is read: a link (or a linked folder), FIFO or device (length 0) is not.
    /// </summary>
    public static TwinState? TryLoad(string name)
    {
        var t = TwinLayout.For(name);
        TwinState? state;
        try
        {
            if (new DirectoryInfo(t.Root).LinkTarget is not null
                || new FileInfo(t.StateFile) is not { Exists: true, LinkTarget: null, Length: > 0 and <= MaxStateBytes }) return null;
            state = JsonSerializer.Deserialize<TwinState>(File.ReadAllText(t.StateFile), Json);
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException) { return null; }
        return state is null ? null : Repaired(state, t);
    }

    /// <summary>A state.json is a few KiB; anything far larger is not one petal wrote.</summary>
    private const long MaxStateBytes = 16 << 20;

    private static TwinState Repaired(TwinState s, TwinLayout t) => s with
    {
        Name = t.Name,
        Root = t.Root,
        Status = s.Status ?? TwinStatus.Failed,
        Queues = s.Queues?.OfType<string>().ToList() ?? [],
        Nodes = s.Nodes?.Where(n => n is { Name: not null, Queue: not null, ComputeResource: not null, InstanceType: not null }).ToList() ?? [],
        NodePids = s.NodePids ?? [],
        Software = s.Software?.OfType<Providers.ClusterSoftware>().ToList() ?? [],
        Unsatisfied = s.Unsatisfied?.OfType<Providers.UnsatisfiedSpec>().ToList() ?? [],
        SeedUsers = s.SeedUsers?.OfType<string>().ToList() ?? [],
        GroupsCreated = s.GroupsCreated?.Where(g => g is { Name: not null }).ToList() ?? [],
    };

    /// <summary>Writes the state atomically where its name resolves to (never where a loaded file claimed its root was).</summary>
    public static void Save(TwinState state)
    {
        var t = TwinLayout.For(state.Name);
        Directory.CreateDirectory(t.Root);
        var temp = t.StateFile + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(state, Json));
        File.Move(temp, t.StateFile, overwrite: true);
    }

    public static IReadOnlyList<TwinState> All()
    {
        if (!Directory.Exists(TwinLayout.TwinsDir)) return [];
        return Directory.EnumerateDirectories(TwinLayout.TwinsDir)
            .Select(d => Path.GetFileName(d))
            .Where(LocalProvider.IsValidName)
            .Order(StringComparer.Ordinal)
            .Select(TryLoad)
            .OfType<TwinState>()
            .ToList();
    }

    /// <summary>
    /// Holds the twin's lock file open exclusively (.NET takes an advisory flock), which the kernel releases
    /// when petal exits, even by SIGKILL. A second petal working on the same twin gets a clear error.
    /// </summary>
    public static IDisposable Lock(string name)
    {
        Directory.CreateDirectory(TwinLayout.TwinsDir);
        try
        {
            return new TwinLock(name, new FileStream(TwinLayout.LockFile(name), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw new UserInputException($"cluster '{name}' is in use by another petal process (create or delete running); try again when it has finished");
        }
    }

    /// <summary>
    /// Removes the lock file on release when no twin of that name exists (after delete, or a create that failed
    /// early), unlinking before unlocking: a petal that opens the name afterwards gets a fresh file and lock.
    /// </summary>
    private sealed class TwinLock(string name, FileStream stream) : IDisposable
    {
        public void Dispose()
        {
            if (!Directory.Exists(TwinLayout.For(name).Root)) File.Delete(TwinLayout.LockFile(name));
            stream.Dispose();
        }
    }
}
