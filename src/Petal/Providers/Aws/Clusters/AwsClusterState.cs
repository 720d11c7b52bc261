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

/// <summary>Cluster records under <c>&lt;state dir&gt;/aws/clusters/&lt;name&gt;.json</c> (see <see cref="JsonRecordStore{T}"/>).</summary>
public sealed class AwsClusterStore
{
    private readonly JsonRecordStore<AwsClusterState> _records;

    public AwsClusterStore(string? directory = null)
    {
        Directory = directory ?? Path.Combine(PetalPaths.StateDir, "aws", "clusters");
        // The record's name is the one it is stored under, whatever the file says.
        _records = JsonRecordStore<AwsClusterState>.InDirectory("AWS cluster", Directory, CheckName, (name, s) => s with { Name = name });
    }

    public string Directory { get; }

    public void Save(AwsClusterState state) => _records.Save(state.Name, state);

    /// <summary>The record, or null when petal has none of that name; a damaged one is an error naming the file.</summary>
    public AwsClusterState? Load(string name) => _records.Load(name);

    /// <summary>The readable records by name; damaged ones are skipped here and reported by <see cref="Listing"/>.</summary>
    public IReadOnlyList<AwsClusterState> List() => _records.List().Records;

    public RecordListing<AwsClusterState> Listing() => _records.List();

    public void Remove(string name)
    {
        _records.Remove(name);
        File.Delete(SeedPath(name));
    }

    /// <summary>Held while a create, update or delete of the cluster runs: a second one of the same name is refused, naming the first.</summary>
    public IDisposable Lock(string name, string activity) => _records.Lock(name, activity);

    /// <summary>The copy of the seed the cluster was last updated from (the user's file may change again).</summary>
    public string SeedPath(string name)
    {
        CheckName(name);
        return Path.Combine(Directory, name + ".seed.yaml");
    }

    /// <summary>Where the rendered cluster config of <paramref name="name"/> is written.</summary>
    public string ConfigPath(string name) => Path.Combine(Directory, name + ".cluster-config.yaml");

    /// <summary>Names come from seeds and flags: keep them inside the directory.</summary>
    private static void CheckName(string name)
    {
        if (!Patterns.ClusterName.IsMatch(name))
            throw new UserInputException($"'{name}' is not a valid cluster name (a letter, then letters, digits and '-', at most 60)");
    }
}
