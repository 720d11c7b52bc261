using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;

namespace Petal.Garden.Matching;

/// <summary>
/// One cluster's answer for one job. <see cref="Score"/>: exact matches in [0.5, 1], compatible in
/// (0, 0.5), incompatible 0; within a grade a tighter fit (less idle capacity) scores higher.
/// <see cref="Partition"/> is the queue the job would run in; <see cref="Reasons"/> every reason it
/// cannot, worked out on first use (explaining is the slow path; most callers only need the verdict).
/// </summary>
public sealed class ClusterMatch
{
    private readonly Jobspec? _job;
    private IReadOnlyList<string>? _reasons;

    public ClusterMatch(ClusterDescription cluster, MatchGrade grade, double score, string? partition, IReadOnlyList<string>? reasons = null)
    {
        Cluster = cluster;
        Grade = grade;
        Score = score;
        Partition = partition;
        _reasons = reasons ?? [];
    }

    /// <summary>An incompatible answer whose reasons are explained for <paramref name="job"/> when asked for.</summary>
    internal ClusterMatch(ClusterDescription cluster, Jobspec job)
    {
        Cluster = cluster;
        Grade = MatchGrade.Incompatible;
        _job = job;
    }

    public ClusterDescription Cluster { get; }
    public MatchGrade Grade { get; }
    public double Score { get; }
    public string? Partition { get; }
    public IReadOnlyList<string> Reasons => _reasons ??= GardenMatcher.Explain(_job!, Cluster);
    public bool Matched => Grade != MatchGrade.Incompatible;
}
