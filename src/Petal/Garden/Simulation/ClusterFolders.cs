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
    public static IReadOnlyList<ClusterDescription> Load(string dir, ICatalog catalog)
    {
        if (!Directory.Exists(dir)) throw new GardenInputException($"{dir}: no such directory (--clusters wants a folder of cluster folders or seed files)");
        var entries = Directory.GetDirectories(dir)
            .Concat(Directory.GetFiles(dir).Where(f => Path.GetExtension(f) is ".yaml" or ".yml"))
            .Order(StringComparer.Ordinal).ToList();
        if (entries.Count == 0)
            throw new GardenInputException($"{dir}: no cluster folders (each holds seed.yaml or nodes.json) and no seed files (*.yaml)");
        var clusters = entries.Select(f => LoadOne(f, catalog)).ToList();
        if (clusters.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new GardenInputException($"{dir}: two clusters are named '{twice.Key}' (a folder's name or a seed file's cluster.name); rename one");
        return clusters;
    }

    /// <summary>One cluster folder (or a seed file, for <c>petal garden describe SEED</c>).</summary>
    public static ClusterDescription LoadOne(string path, ICatalog catalog)
    {
        if (File.Exists(path)) return DescribeSeedFile(path, catalog);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        var nodes = Path.Combine(path, "nodes.json");
        var seed = Path.Combine(path, "seed.yaml");
        ClusterDescription description;
        if (File.Exists(nodes))
        {
            var subsystemDir = Path.Combine(path, "subsystems");
            var subsystems = Directory.Exists(subsystemDir)
                ? Directory.GetFiles(subsystemDir, "*.json").ToDictionary(f => Path.GetFileNameWithoutExtension(f), File.ReadAllText)
                : new Dictionary<string, string>();
            description = JgfReader.Read(name, File.ReadAllText(nodes), subsystems, nodes);
        }
        else if (File.Exists(seed))
            description = DescribeSeedFile(seed, catalog) with { Name = name };
        else
            throw new GardenInputException($"{path}: neither seed.yaml nor nodes.json (a cluster folder holds one of them)");
        return WithState(description, Path.Combine(path, "state.json"));
    }

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
