using System.Text.Json;
using System.Text.Json.Serialization;
using Petal.Common;

namespace Petal.Garden.Service.Client;

/// <summary>What a cluster's owner or a submitter holds for one cluster: the submit token and/or the cluster secret.</summary>
public sealed record ClusterCredentials
{
    public string? Token { get; init; }
    public string? Secret { get; init; }
}

/// <summary>
/// The client's credentials file (default StateDir/garden/client.json, mode 0600): service host and per-cluster
/// token/secret, written by `petal garden register`.
/// </summary>
public sealed record GardenClientConfig
{
    public string? Host { get; init; }
    public Dictionary<string, ClusterCredentials> Clusters { get; init; } = new(StringComparer.Ordinal);

    public static string DefaultPath => Path.Combine(PetalPaths.StateDir, "garden", "client.json");

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static GardenClientConfig Load(string path)
    {
        if (!File.Exists(path)) return new GardenClientConfig();
        try
        {
            var config = JsonSerializer.Deserialize<GardenClientConfig>(File.ReadAllText(path), Json) ?? new GardenClientConfig();
            return config with { Clusters = new Dictionary<string, ClusterCredentials>(config.Clusters, StringComparer.Ordinal) };
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: not a valid garden client config: {e.Message}");
        }
    }

    /// <summary>Writes the file readable by its owner only (it holds secrets), replacing it atomically.</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
            JsonSerializer.Serialize(stream, this, Json);
        File.Move(temporary, path, overwrite: true);
    }

    public GardenClientConfig With(string cluster, Func<ClusterCredentials, ClusterCredentials> update)
    {
        var clusters = new Dictionary<string, ClusterCredentials>(Clusters, StringComparer.Ordinal);
        clusters[cluster] = update(clusters.GetValueOrDefault(cluster) ?? new ClusterCredentials());
        return this with { Clusters = clusters };
    }
}
