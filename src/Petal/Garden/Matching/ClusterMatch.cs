using Petal.Garden.Descriptions;

namespace Petal.Garden.Matching;

/// <summary>
/// One cluster's answer for one job. <see cref="Score"/>: exact matches in [0.5, 1], compatible in
/// (0, 0.5), incompatible 0; within a grade a tighter fit (less idle capacity) scores higher.
/// <see cref="Partition"/> is the queue the job would run in; <see cref="Reasons"/> every reason it cannot.
/// </summary>
public sealed record ClusterMatch(
    ClusterDescription Cluster,
    MatchGrade Grade,
    double Score,
    IReadOnlyList<string> Reasons,
    string? Partition)
{
    public bool Matched => Grade != MatchGrade.Incompatible;
}
