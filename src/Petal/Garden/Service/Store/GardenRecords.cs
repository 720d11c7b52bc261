using Petal.Garden.Service.Auth;

namespace Petal.Garden.Service.Store;

/// <summary>A registered cluster: its JGF node graph and its credentials, hashed.</summary>
public sealed record ClusterRecord(string Name, string Nodes, HashedSecret Token, HashedSecret Secret, DateTimeOffset RegisteredAt);

/// <summary>A cluster as loaded from the store: graph, named subsystem graphs and flat JSON state.</summary>
public sealed record StoredCluster(ClusterRecord Cluster, IReadOnlyDictionary<string, string> Subsystems, string StateJson);

/// <summary>
/// What changed in the store after a version: <see cref="Changed"/> clusters come whole (graph, subsystems, state);
/// <see cref="States"/> are new states of clusters otherwise unchanged; <see cref="Deleted"/> names clusters gone.
/// </summary>
public sealed record ClusterChanges(long Version, IReadOnlyList<StoredCluster> Changed,
    IReadOnlyDictionary<string, string> States, IReadOnlyList<string> Deleted)
{
    public bool IsEmpty => Changed.Count == 0 && States.Count == 0 && Deleted.Count == 0;
}

/// <summary>A job and where it is in its lifecycle.</summary>
public sealed record JobRecord
{
    public long Id { get; init; }
    /// <summary>The client's request id (idempotent submit); null when the client sent none.</summary>
    public string? RequestId { get; init; }
    public required string Name { get; init; }
    public required string Jobspec { get; init; }
    public string? Cluster { get; init; }
    /// <summary>Clusters the submitter holds tokens for: where the job may be placed (again).</summary>
    public required IReadOnlyList<string> Candidates { get; init; }
    public string? SelectAlgorithm { get; init; }
    public IReadOnlyDictionary<string, string> SelectOptions { get; init; } = new Dictionary<string, string>();
    public GardenJobState State { get; init; }
    public int Attempts { get; init; }
    /// <summary>Clusters that let this job's lease lapse: tried last when it is placed again.</summary>
    public IReadOnlyList<string> Lapsed { get; init; } = [];
    /// <summary>The submitter cancelled a job its cluster already accepted; the cluster's agent must stop it.</summary>
    public bool CancelRequested { get; init; }
    public string Detail { get; init; } = "";
    public string NativeId { get; init; } = "";
    public DateTimeOffset SubmittedAt { get; init; }
    public DateTimeOffset? AssignedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>The row's revision when it was read (see <see cref="IGardenStore.UpdateJob"/>).</summary>
    public long Revision { get; init; }
}
