using System.Text.Json;
using System.Text.Json.Serialization;

namespace Petal.Common;

/// <summary>A record file the store could not read (not JSON of its kind, a link, empty or far too large), skipped by listings.</summary>
public sealed record DamagedRecord(string Name, string Path, string Reason);

/// <summary>Every record the store could read, and the ones it skipped because they are damaged.</summary>
public sealed record RecordListing<T>(IReadOnlyList<T> Records, IReadOnlyList<DamagedRecord> Damaged);

/// <summary>Where a store keeps one record and its lock, and which names it holds.</summary>
public sealed record RecordLayout(Func<string, string> RecordPath, Func<string, string> LockPath, Func<IEnumerable<string>> Names);

/// <summary>
/// Named JSON records of one kind (twins, AWS clusters, image builds) with one level of safety: a record is written
/// whole (temp file + rename, so a reader never sees half of one), changed only under its per-name lock, and a
/// listing reports a damaged record instead of failing on it. <see cref="Kind"/> names the records in messages;
/// <paramref name="repair"/> (name, record read) makes what a file says safe to use (e.g. its name is the one it is stored under).
/// </summary>
public sealed class JsonRecordStore<T>(string kind, RecordLayout layout, Func<string, T, T>? repair = null) where T : class
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>A record is a few KiB; anything far larger is not one petal wrote.</summary>
    public const long MaxRecordBytes = 16 << 20;

    /// <summary>Records in <c>&lt;directory&gt;/&lt;name&gt;.json</c>, locks beside them; names checked by <paramref name="checkName"/> before any path is made.</summary>
    public static JsonRecordStore<T> InDirectory(string kind, string directory, Action<string> checkName, Func<string, T, T>? repair = null) => new(kind, new RecordLayout(
        name => { checkName(name); return Path.Combine(directory, name + ".json"); },
        name => { checkName(name); return Path.Combine(directory, name + ".lock"); },
        () => Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!)
            : []), repair);

    public string Kind => kind;

    public string PathOf(string name) => layout.RecordPath(name);

    public bool Exists(string name) => File.Exists(layout.RecordPath(name));

    /// <summary>The record, or null when there is none; a damaged record is an error that says how to get rid of it.</summary>
    public T? Load(string name)
    {
        var path = layout.RecordPath(name);
        if (!File.Exists(path) && new FileInfo(path).LinkTarget is null) return null;
        return Read(name, path, out var reason) ?? throw new InvalidOperationException($"{kind} record {path} is damaged ({reason}): {DamagedHint(name)}");
    }

    /// <summary>Like <see cref="Load"/>, but null when the record is missing or damaged.</summary>
    public T? TryLoad(string name) => Read(name, layout.RecordPath(name), out _);

    /// <summary>Writes the record whole: a temp file of this process beside it, then a rename over the old one.</summary>
    public void Save(string name, T record)
    {
        var path = layout.RecordPath(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temp, JsonSerializer.Serialize(record, Json));
            File.Move(temp, path, overwrite: true);
        }
        finally { File.Delete(temp); }
    }

    public void Remove(string name) => File.Delete(layout.RecordPath(name));

    /// <summary>Every readable record (by name, ordinal), and the damaged ones it skipped.</summary>
    public RecordListing<T> List()
    {
        var records = new List<T>();
        var damaged = new List<DamagedRecord>();
        foreach (var name in layout.Names().Order(StringComparer.Ordinal))
        {
            string path;
            try { path = layout.RecordPath(name); }
            catch (UserInputException) { continue; } // not a name this store gives: not one of its records
            if (!File.Exists(path)) continue;
            if (Read(name, path, out var reason) is { } record) records.Add(record);
            else damaged.Add(new DamagedRecord(name, path, reason));
        }
        return new RecordListing<T>(records, damaged);
    }

    /// <summary>
    /// Holds the name's lock file open exclusively (.NET takes an advisory flock, which the kernel releases when petal
    /// exits, even by SIGKILL) and notes who holds it for <paramref name="activity"/>. A second petal asking for the same
    /// name gets invalid input naming the first. The lock file goes when released with no record left of that name.
    /// </summary>
    public IDisposable Lock(string name, string activity)
    {
        var lockPath = layout.LockPath(name);
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new UserInputException($"{kind} '{name}' is in use by {Holder(lockPath)}; try again when it has finished");
        }
        File.WriteAllText(HolderPath(lockPath), $"petal process {Environment.ProcessId} ({activity} since {DateTimeOffset.UtcNow:u})");
        return new RecordLock(this, name, lockPath, stream);
    }

    private static string HolderPath(string lockPath) => lockPath + ".holder";

    /// <summary>Who holds the lock, as its holder noted it (it may be writing or removing the note right now).</summary>
    private static string Holder(string lockPath)
    {
        try
        {
            var note = File.ReadAllText(HolderPath(lockPath)).Trim();
            if (note.Length is > 0 and < 200) return note;
        }
        catch (IOException) { }
        return "another petal process";
    }

    private string DamagedHint(string name) => $"remove it (or `petal delete {name}` for a cluster) and try again";

    private T? Read(string name, string path, out string reason)
    {
        reason = "";
        try
        {
            // Only a plain file is read: a link, FIFO or device (length 0) is not a record petal wrote.
            var file = new FileInfo(path);
            if (file.LinkTarget is not null || new DirectoryInfo(Path.GetDirectoryName(path)!).LinkTarget is not null)
            {
                reason = "a symbolic link";
                return null;
            }
            if (file is not { Exists: true, Length: > 0 and <= MaxRecordBytes })
            {
                reason = file.Exists ? $"{file.Length} bytes" : "missing";
                return null;
            }
            var record = JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json);
            if (record is null) reason = "null";
            return record is null || repair is null ? record : repair(name, record);
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException or UnauthorizedAccessException)
        {
            reason = e.Message;
            return null;
        }
    }

    /// <summary>Unlinks before unlocking: a petal that opens the name afterwards gets a fresh file and lock.</summary>
    private sealed class RecordLock(JsonRecordStore<T> store, string name, string lockPath, FileStream stream) : IDisposable
    {
        public void Dispose()
        {
            File.Delete(HolderPath(lockPath));
            if (!store.Exists(name)) File.Delete(lockPath);
            stream.Dispose();
        }
    }
}
