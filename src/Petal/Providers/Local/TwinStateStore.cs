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

    public static TwinState? Load(string name)
    {
        var file = TwinLayout.For(name).StateFile;
        if (!File.Exists(file)) return null;
        try { return JsonSerializer.Deserialize<TwinState>(File.ReadAllText(file), Json); }
        catch (JsonException e) { throw new InvalidOperationException($"{file} is damaged ({e.Message}); remove {TwinLayout.For(name).Root} by hand"); }
    }

    public static void Save(TwinState state)
    {
        var file = Path.Combine(state.Root, "state.json");
        Directory.CreateDirectory(state.Root);
        var temp = file + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(state, Json));
        File.Move(temp, file, overwrite: true);
    }

    public static IReadOnlyList<TwinState> All()
    {
        if (!Directory.Exists(TwinLayout.TwinsDir)) return [];
        return Directory.EnumerateDirectories(TwinLayout.TwinsDir)
            .Select(d => Path.GetFileName(d))
            .Order(StringComparer.Ordinal)
            .Select(n => { try { return Load(n); } catch (InvalidOperationException) { return null; } })
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
