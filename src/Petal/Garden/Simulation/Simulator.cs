using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;
using Petal.Garden.Matching;
using Petal.Garden.Selection;

namespace Petal.Garden.Simulation;

/// <summary>
/// Places every job on one cluster: match (all clusters, with reasons), then select among the
/// matches. One <see cref="Random"/> seeded once, used in job order: same inputs + seed → same output.
/// Clusters are not filled up (no capacity is consumed); the load table counts what each received.
/// </summary>
public static class Simulator
{
    public static SimulationResult Run(IReadOnlyList<ClusterDescription> clusters, IReadOnlyList<Jobspec> jobs,
        ISelector selector, int seed)
    {
        var random = new Random(seed);
        var order = clusters.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i);
        var placements = new List<JobPlacement>(jobs.Count);
        var load = clusters.ToDictionary(c => c.Name, _ => (Jobs: 0, Nodes: 0));
        foreach (var job in jobs)
        {
            var matches = GardenMatcher.Match(job, clusters);
            var candidates = matches.Where(m => m.Matched).OrderBy(m => order[m.Cluster.Name]).ToList();
            var selection = selector.Select(new SelectionContext(job, candidates, random));
            var reasons = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var m in matches.Where(m => !m.Matched)) reasons[m.Cluster.Name] = m.Reasons;
            foreach (var (name, why) in selection.Dropped) reasons[name] = [why];
            var chosen = selection.Cluster is null ? null : matches.First(m => m.Cluster.Name == selection.Cluster);
            if (chosen is not null)
            {
                var (j, n) = load[chosen.Cluster.Name];
                load[chosen.Cluster.Name] = (j + 1, n + job.Nodes);
            }
            placements.Add(new JobPlacement(job.Name, chosen?.Cluster.Name, chosen?.Partition,
                chosen?.Grade.ToString().ToLowerInvariant(),
                matches.Where(m => m.Matched).Select(m => m.Cluster.Name).ToList(), reasons));
        }
        var placed = placements.Count(p => p.Cluster is not null);
        return new SimulationResult(placements,
            clusters.Select(c => new ClusterLoad(c.Name, load[c.Name].Jobs, load[c.Name].Nodes)).ToList(),
            new SimulationSummary(jobs.Count, placed, jobs.Count - placed, selector.Name, seed));
    }
}
