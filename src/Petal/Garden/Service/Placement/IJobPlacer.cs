namespace Petal.Garden.Service.Placement;

/// <summary>
/// The service's view of garden matching and selection: read cluster graphs once, then place jobspecs on them.
/// Kept small so the service does not depend on how matching works inside.
/// </summary>
public interface IJobPlacer
{
    /// <summary>
    /// Reads a cluster's JGF node graph and its named subsystem graphs into the placer's model.
    /// Throws <see cref="GardenServiceException"/> (InvalidArgument) when a graph is malformed.
    /// </summary>
    PreparedCluster Prepare(string name, string nodes, IReadOnlyDictionary<string, string> subsystems);

    /// <summary>
    /// Matches the jobspec against every candidate and selects one.
    /// Throws <see cref="GardenServiceException"/> (InvalidArgument) when the jobspec is malformed.
    /// </summary>
    PlacementResult Place(PlacementRequest request);
}

/// <summary>A cluster as the placer reads it; <see cref="Model"/> belongs to the placer.</summary>
public sealed record PreparedCluster(string Name, object Model);

public sealed record PlacementCandidate(PreparedCluster Cluster, string StateJson);

public sealed record PlacementRequest(
    string Jobspec,
    IReadOnlyList<PlacementCandidate> Candidates,
    string? Algorithm,
    IReadOnlyDictionary<string, string> Options);

/// <summary>
/// <see cref="Selected"/> is the chosen cluster (null when none can run the job); <see cref="Matches"/> all that
/// can, best first; <see cref="Reasons"/> why each other candidate cannot.
/// </summary>
public sealed record PlacementResult(
    string? JobName,
    string? Selected,
    IReadOnlyList<string> Matches,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Reasons)
{
    public string Explain() => string.Join("; ", Reasons.OrderBy(r => r.Key, StringComparer.Ordinal)
        .Select(r => $"{r.Key}: {string.Join(", ", r.Value)}"));
}
