using System.Text.Json;
using System.Text.Json.Serialization;
using Petal.Common;
using Petal.Plans;

namespace Petal.Providers.Aws.Clusters;

/// <summary>What petal created for one AWS cluster, so status, ssh, delete, test and spot run know it (no secrets).</summary>
public sealed record AwsClusterState
{
    public required string Name { get; init; }
    public required string Region { get; init; }
    public required string Os { get; init; }
    public string? Fingerprint { get; init; }
    /// <summary>Absolute path of the seed the cluster grew from: petal test checks what it promised.</summary>
    public string? SeedFile { get; init; }
    /// <summary>The options the plan was rendered with, so the same plan (queues, prices) can be rendered again.</summary>
    public PlanOptions? PlanOptions { get; init; }
    public string? KeyName { get; init; }
    public string? SubnetId { get; init; }
    /// <summary>True when petal made the VPC (and delete must remove it).</summary>
    public bool CreatedNetwork { get; init; }
    public string? Bucket { get; init; }
    /// <summary>Key prefix of the bootstrap scripts petal uploaded.</summary>
    public string? ScriptPrefix { get; init; }
    public string? ConfigPath { get; init; }
    public string Status { get; init; } = "CREATING";
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>Cluster records under <c>&lt;state dir&gt;/aws/clusters/&lt;name&gt;.json</c>.</summary>
public sealed class AwsClusterStore(string? directory = null)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public string Directory { get; } = directory ?? Path.Combine(PetalPaths.StateDir, "aws", "clusters");

    public void Save(AwsClusterState state)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(PathOf(state.Name), JsonSerializer.Serialize(state, Json));
    }

    public AwsClusterState? Load(string name) =>
        File.Exists(PathOf(name)) ? JsonSerializer.Deserialize<AwsClusterState>(File.ReadAllText(PathOf(name)), Json) : null;

    public IReadOnlyList<AwsClusterState> List() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "*.json")
                .Select(f => JsonSerializer.Deserialize<AwsClusterState>(File.ReadAllText(f), Json)!).OrderBy(s => s.Name).ToList()
            : [];

    public void Remove(string name)
    {
        File.Delete(PathOf(name));
        File.Delete(SeedPath(name));
    }

    /// <summary>Where the rendered cluster config of <paramref name="name"/> is written.</summary>
    public string ConfigPath(string name) => Path.Combine(Directory, name + ".cluster-config.yaml");

    /// <summary>The copy of the seed the cluster was last updated from (the user's file may change again).</summary>
    public string SeedPath(string name) => Path.Combine(Directory, Path.GetFileNameWithoutExtension(PathOf(name)) + ".seed.yaml");

    private string PathOf(string name)
    {
        // Names come from seeds and flags: keep them inside the directory.
        if (!Patterns.ClusterName.IsMatch(name))
            throw new UserInputException($"'{name}' is not a valid cluster name (a letter, then letters, digits and '-', at most 60)");
        return Path.Combine(Directory, name + ".json");
    }
}
