using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Petal.Catalog;
using Petal.Garden.Descriptions;
using Petal.Garden.Values;
using Petal.Seeds;

namespace Petal.Garden.Simulation;

/// <summary>
/// Loads <c>--clusters DIR</c>: one folder per cluster, named as the cluster, holding a petal seed
/// (<c>seed.yaml</c>) or a rainbow JGF graph (<c>nodes.json</c> + <c>subsystems/&lt;name&gt;.json</c>), and
/// optionally <c>state.json</c> (flat numbers for selection, over the derived ones); or seed files
/// (<c>*.yaml</c>) side by side, each named by its cluster.name. Name order.
/// </summary>
public static class ClusterFolders
{
    /// <summary>
    /// Every folder and seed file, read on all cores; folders whose graph or seed files are byte for byte the same as an
    /// earlier folder's (replicated clusters) are parsed once and renamed. The first error (folder name order) wins.
    /// </summary>
    public static IReadOnlyList<ClusterDescription> Load(string dir, ICatalog catalog)
    {
        if (!Directory.Exists(dir)) throw new GardenInputException($"{dir}: no such directory (--clusters wants a folder of cluster folders or seed files)");
        var entries = Directory.GetDirectories(dir)
            .Concat(Directory.GetFiles(dir).Where(f => Path.GetExtension(f) is ".yaml" or ".yml"))
            .Order(StringComparer.Ordinal).ToArray();
        if (entries.Length == 0)
            throw new GardenInputException($"{dir}: no cluster folders (each holds seed.yaml or nodes.json) and no seed files (*.yaml)");
        var parsed = new ConcurrentDictionary<string, Lazy<ClusterDescription>>(StringComparer.Ordinal);
        var result = new ClusterDescription[entries.Length];
        var errors = new GardenInputException?[entries.Length];
        Parallel.For(0, entries.Length, i =>
        {
            try { result[i] = File.Exists(entries[i]) ? DescribeSeedFile(entries[i], catalog) : LoadFolder(entries[i], catalog, parsed); }
            catch (GardenInputException e) { errors[i] = e; }
        });
        if (errors.FirstOrDefault(e => e is not null) is { } first) throw first;
        if (result.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new GardenInputException($"{dir}: two clusters are named '{twice.Key}' (a folder's name or a seed file's cluster.name); rename one");
        return result;
    }

    /// <summary>One cluster folder (or a seed file, for <c>petal garden describe SEED</c>).</summary>
    public static ClusterDescription LoadOne(string path, ICatalog catalog) =>
        File.Exists(path) ? DescribeSeedFile(path, catalog) : LoadFolder(path, catalog, null);

    private static ClusterDescription LoadFolder(string path, ICatalog catalog, ConcurrentDictionary<string, Lazy<ClusterDescription>>? parsed)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        var nodes = Path.Combine(path, "nodes.json");
        var seed = Path.Combine(path, "seed.yaml");
        ClusterDescription description;
        if (File.Exists(nodes))
        {
            var subsystemDir = Path.Combine(path, "subsystems");
            var files = Directory.Exists(subsystemDir) ? Directory.GetFiles(subsystemDir, "*.json").Order(StringComparer.Ordinal).ToArray() : [];
            var texts = files.Select(File.ReadAllBytes).Prepend(File.ReadAllBytes(nodes)).ToArray();
            ClusterDescription Parse() => JgfReader.Read(name, Text(texts[0]),
                files.Select((f, i) => (Name: Path.GetFileNameWithoutExtension(f), Text: Text(texts[i + 1]))).ToDictionary(s => s.Name, s => s.Text), nodes);
            description = Shared(parsed, "jgf", files.Select(Path.GetFileName).Prepend("nodes.json"), texts, Parse, out var first);
            if (!first) description = JgfReader.Renamed(description, name);
        }
        else if (File.Exists(seed))
        {
            // A seed that extends another names it relative to its own folder: identical text is the same cluster only
            // when it extends nothing, so only those are shared.
            var text = File.ReadAllBytes(seed);
            var alone = text.AsSpan().IndexOf("extends"u8) < 0;
            description = Shared(alone ? parsed : null, "seed", ["seed.yaml"], [text], () => DescribeSeedFile(seed, catalog), out _) with { Name = name };
        }
        else
            throw new GardenInputException($"{path}: neither seed.yaml nor nodes.json (a cluster folder holds one of them)");
        return WithState(description, Path.Combine(path, "state.json"));
    }

    /// <summary>
    /// The description parsed from <paramref name="contents"/> by the first folder that had them (<paramref name="first"/>
    /// tells whether that is this call); errors are not shared, so each folder reports its own.
    /// </summary>
    private static ClusterDescription Shared(ConcurrentDictionary<string, Lazy<ClusterDescription>>? parsed, string kind,
        IEnumerable<string> names, byte[][] contents, Func<ClusterDescription> parse, out bool first)
    {
        first = true;
        if (parsed is null) return parse();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (n, bytes) in names.Zip(contents))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{n}\0{bytes.Length}\0"));
            hash.AppendData(bytes);
        }
        var key = kind + Convert.ToHexString(hash.GetHashAndReset());
        var mine = new Lazy<ClusterDescription>(parse);
        var shared = parsed.GetOrAdd(key, mine);
        try { first = ReferenceEquals(shared, mine); return shared.Value; }
        catch (GardenInputException) when (!ReferenceEquals(shared, mine)) { first = true; return parse(); }
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>A seed file, loaded and validated (every error at once), described.</summary>
    public static ClusterDescription DescribeSeedFile(string file, ICatalog catalog, IReadOnlyDictionary<string, string>? labels = null)
    {
        var result = SeedLoader.Load(file, catalog);
        if (!result.Ok)
            throw new GardenInputException(string.Join(Environment.NewLine, result.Errors.Select(e => e.ToString())));
        return ClusterDescriber.FromSeed(result.Seed!, catalog, labels);
    }

    private static ClusterDescription WithState(ClusterDescription description, string file)
    {
        if (!File.Exists(file)) return description;
        var state = new Dictionary<string, double>(description.State, StringComparer.Ordinal);
        foreach (var (k, v) in StateJson.Parse(File.ReadAllText(file), file)) state[k] = v;
        return description with { State = state };
    }
}

/// <summary>A flat JSON object of numbers (rainbow's cluster state); other values are skipped.</summary>
public static class StateJson
{
    public static Dictionary<string, double> Parse(string json, string file = "state.json")
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new GardenInputException($"{file}: state must be a JSON object");
            var result = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
                if (p.Value.ValueKind == JsonValueKind.Number) result[p.Name] = p.Value.GetDouble();
            return result;
        }
        catch (JsonException e) { throw new GardenInputException($"{file}:{(e.LineNumber ?? 0) + 1}: not valid JSON: {e.Message}"); }
    }
}
