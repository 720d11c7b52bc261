using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;

namespace Petal.Garden.Matching;

/// <summary>
/// Matches one job against every cluster: deterministic, counts per slot instance, requirements at
/// every level. The result is in order: matches best first (score, then name), then the clusters
/// that cannot run the job (by name), each with every reason.
/// </summary>
public static class GardenMatcher
{
    public static ClusterMatch[] Match(Jobspec job, IReadOnlyList<ClusterDescription> clusters)
    {
        var result = new ClusterMatch[clusters.Count];
        for (var i = 0; i < clusters.Count; i++) result[i] = MatchOne(job, clusters[i]);
        Array.Sort(result, Compare);
        return result;
    }

    /// <summary>
    /// Only the clusters that can run the job, best first (what placing a job needs): no answer object for the
    /// others and nothing sorted but the matches, so placing at scale allocates and sorts little.
    /// </summary>
    public static ClusterMatch[] Matches(Jobspec job, IReadOnlyList<ClusterDescription> clusters)
    {
        var found = new List<ClusterMatch>();
        for (var i = 0; i < clusters.Count; i++)
            if (TryMatch(job, clusters[i]) is { } match) found.Add(match);
        var result = found.ToArray();
        Array.Sort(result, Compare);
        return result;
    }

    /// <summary>The matching clusters of a <see cref="Match"/> result (its leading part, best first), without copying.</summary>
    public static ArraySegment<ClusterMatch> Matching(ClusterMatch[] matches)
    {
        var n = 0;
        while (n < matches.Length && matches[n].Matched) n++;
        return new ArraySegment<ClusterMatch>(matches, 0, n);
    }

    /// <summary>One cluster: the best-scoring partition (queue) it fits, or every reason none fits.</summary>
    public static ClusterMatch MatchOne(Jobspec job, ClusterDescription cluster) =>
        TryMatch(job, cluster) ?? new ClusterMatch(cluster, job);

    private static ClusterMatch? TryMatch(Jobspec job, ClusterDescription cluster) =>
        BestPartition(job, cluster.Partitions) is var (index, grade, score) && index >= 0
            ? new ClusterMatch(cluster, grade, score, cluster.Partitions[index].Name)
            : null;

    /// <summary>The index of the best-scoring partition the job fits (-1 when none), its grade and score.</summary>
    internal static (int Index, MatchGrade Grade, double Score) BestPartition(Jobspec job, IReadOnlyList<Partition> partitions)
    {
        var best = -1;
        var bestScore = -1.0;
        var bestGrade = MatchGrade.Incompatible;
        // Indexed loops: foreach over an IReadOnlyList boxes an enumerator, once per cluster and job.
        for (var i = 0; i < partitions.Count; i++)
        {
            var p = partitions[i];
            var tally = default(FitTally);
            if (!SlotMatcher.Fits(p, job, ref tally)) continue;
            var score = tally.Score(tally.Compatible);
            if (score <= bestScore) continue;
            (best, bestScore, bestGrade) = (i, score, tally.Compatible ? MatchGrade.Compatible : MatchGrade.Exact);
        }
        return (best, bestGrade, bestScore);
    }

    /// <summary>Every reason <paramref name="job"/> fits no partition of <paramref name="cluster"/>.</summary>
    internal static IReadOnlyList<string> Explain(Jobspec job, ClusterDescription cluster)
    {
        var reasons = new List<string>();
        foreach (var p in cluster.Partitions)
        {
            var own = new List<string>();
            MatchExplainer.Explain(p, job, own);
            foreach (var r in own)
            {
                var text = cluster.Partitions.Count > 1 && !r.Contains(p.Label, StringComparison.Ordinal) ? $"{p.Label}: {r}" : r;
                if (!reasons.Contains(text)) reasons.Add(text);
            }
        }
        if (cluster.Partitions.Count == 0) reasons.Add("cluster has no queues");
        return reasons;
    }

    internal static int Compare(ClusterMatch a, ClusterMatch b)
    {
        if (a.Matched != b.Matched) return a.Matched ? -1 : 1;
        var c = b.Score.CompareTo(a.Score);
        return c != 0 ? c : string.CompareOrdinal(a.Cluster.Name, b.Cluster.Name);
    }
}
