using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;
using Petal.Garden.Matching;
using Petal.Garden.Matching.Index;
using Petal.Garden.Selection;

namespace Petal.Garden.Simulation;

/// <summary>
/// Places every job on one cluster: match (through a <see cref="ClusterIndex"/>), then select among the
/// matches. One <see cref="Random"/> seeded once, used in job order: same inputs + seed → same output.
/// Clusters are not filled up (no capacity is consumed); the load table counts what each received.
/// Placements are handed out one by one (<see cref="Stream"/>), so a caller that writes them as they come
/// holds one job's answer at a time, whatever the number of clusters × jobs.
/// </summary>
public static class Simulator
{
    public static SimulationResult Run(IReadOnlyList<ClusterDescription> clusters, IReadOnlyList<Jobspec> jobs,
        ISelector selector, int seed, Explain? explain = null)
    {
        var placements = new List<JobPlacement>(jobs.Count);
        var (load, summary) = Stream(new ClusterIndex(clusters), jobs, selector, seed, explain ?? Explain.All, placements.Add);
        return new SimulationResult(placements, load, summary);
    }

    public static (IReadOnlyList<ClusterLoad> Load, SimulationSummary Summary) Stream(ClusterIndex index,
        IReadOnlyList<Jobspec> jobs, ISelector selector, int seed, Explain explain, Action<JobPlacement> emit)
    {
        var random = new Random(seed);
        var load = new Dictionary<string, (int Jobs, int Nodes)>(StringComparer.Ordinal);
        var placed = 0;
        foreach (var job in jobs)
        {
            var matches = index.Evaluate(job);
            var full = explain.Full(job.Name);
            var (chosen, dropped) = Select(matches, selector, random);
            var reasons = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            var misses = full ? matches.All().Where(m => !m.Matched) : matches.NearMisses(explain.Limit);
            foreach (var m in misses) reasons[m.Cluster.Name] = m.Reasons;
            foreach (var (name, why) in full ? dropped : dropped.OrderBy(d => d.Key, StringComparer.Ordinal).Take(explain.Limit))
                reasons[name] = [why];
            if (chosen is not null)
            {
                var (j, n) = load.GetValueOrDefault(chosen.Cluster.Name);
                load[chosen.Cluster.Name] = (j + 1, n + job.Nodes);
                placed++;
            }
            var listed = explain.Everything ? matches.Matches() : matches.Matches(explain.Limit);
            emit(new JobPlacement(job.Name, chosen?.Cluster.Name, chosen?.Partition,
                chosen?.Grade.ToString().ToLowerInvariant(), listed.Select(m => m.Cluster.Name).ToList(), reasons)
            { MatchCount = matches.MatchCount });
        }
        var loads = index.Clusters.Select(c => load.TryGetValue(c.Name, out var l)
            ? new ClusterLoad(c.Name, l.Jobs, l.Nodes) : new ClusterLoad(c.Name, 0, 0)).ToList();
        return (loads, new SimulationSummary(jobs.Count, placed, jobs.Count - placed, selector.Name, seed));
    }

    /// <summary>
    /// Best-fit needs only the best match, which the index gives without listing the others; other selectors
    /// choose among the matches in cluster order.
    /// </summary>
    private static (ClusterMatch? Chosen, IReadOnlyDictionary<string, string> Dropped) Select(IndexedMatches matches,
        ISelector selector, Random random)
    {
        if (selector is BestFitSelector) return (matches.Best(), new Dictionary<string, string>());
        var selection = selector.Select(new SelectionContext(matches.Job, matches.InClusterOrder(), random));
        return (selection.Cluster is null ? null : matches.For(selection.Cluster), selection.Dropped);
    }
}
