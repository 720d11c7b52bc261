namespace Petal.Garden.Simulation;

/// <summary>
/// Where one job went: <see cref="Cluster"/> is null when no cluster can run it. <see cref="Matches"/> lists the
/// best of the <see cref="MatchCount"/> clusters that can run it (all of them with <c>--explain all</c>);
/// <see cref="Reasons"/> says why for the clusters explained (see <see cref="Explain"/>).
/// </summary>
public sealed record JobPlacement(
    string Job,
    string? Cluster,
    string? Queue,
    string? Grade,
    IReadOnlyList<string> Matches,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Reasons)
{
    public int MatchCount { get; init; } = Matches.Count;
}

/// <summary>What one cluster received.</summary>
public sealed record ClusterLoad(string Cluster, int Jobs, int Nodes);

public sealed record SimulationSummary(int Jobs, int Placed, int Rejected, string Selection, int Seed);

public sealed record SimulationResult(
    IReadOnlyList<JobPlacement> Placements,
    IReadOnlyList<ClusterLoad> Load,
    SimulationSummary Summary);
