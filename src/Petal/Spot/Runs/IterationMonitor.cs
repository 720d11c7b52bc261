using Petal.Providers;
using Petal.Slurm;

namespace Petal.Spot.Runs;

/// <summary>
/// Watches the nodes of a batch between samples: when each node (instance) was first seen up and first seen
/// gone, and which nodes of the running job were reclaimed — recorded the FIRST time a node is seen gone
/// (the original overwrote it on every later pass) — and what replaced them when the job ran again.
/// </summary>
public sealed class IterationMonitor(BatchProgress progress, string region)
{
    private readonly Dictionary<string, int> _open = progress.Topology
        .Select((n, i) => (n, i)).Where(x => x.n.GoneAt is null).ToDictionary(x => x.n.Name, x => x.i);
    private readonly Dictionary<string, string?> _instances = [];
    private IReadOnlyList<string> _jobNodes = [];

    /// <summary>Takes one sample: the cluster's nodes and the iteration's job at <paramref name="now"/>.</summary>
    public void Observe(IReadOnlyList<ComputeNode> nodes, SlurmJob? job, int iteration, DateTimeOffset now)
    {
        var up = nodes.Where(n => n.Up).ToDictionary(n => n.Name);
        // Gone: no longer up, or up as another instance (reclaimed and relaunched between two samples).
        foreach (var (name, index) in _open.ToList())
            if (!up.TryGetValue(name, out var seen) || Relaunched(name, seen))
            {
                var record = progress.Topology[index];
                progress.Topology[index] = record with { GoneAt = now };
                _open.Remove(name);
                if (job is { Finished: false } && _jobNodes.Contains(name))
                    progress.Reclaims.Add(new ReclaimRecord(name, record.InstanceType, now, iteration, null, null));
            }
        foreach (var node in up.Values.Where(n => !_open.ContainsKey(n.Name)))
        {
            _open[node.Name] = progress.Topology.Count;
            _instances[node.Name] = node.Instance;
            progress.Topology.Add(new NodeRecord(node.Name, node.InstanceType, node.Zone, region, now, null));
        }
        // Nodes allocated to the unfinished job, also while it waits for them to power up (CONFIGURING):
        // losing one then is a reclaim of this iteration too.
        if (job is { Finished: false, Nodes.Count: > 0 }) _jobNodes = job.Nodes;
        if (job is null || job.Nodes.Count == 0 || job.State != JobState.Running) return;
        for (var i = 0; i < progress.Reclaims.Count; i++)
        {
            var r = progress.Reclaims[i];
            if (r.Iteration != iteration || r.ReplacementNode is not null) continue;
            var replacement = job.Nodes.FirstOrDefault(n => up.ContainsKey(n) && progress.Topology[_open[n]].FirstSeen >= r.SeenGoneAt);
            if (replacement is not null)
                progress.Reclaims[i] = r with { ReplacementNode = replacement, ReplacementType = up[replacement].InstanceType };
        }
    }

    private bool Relaunched(string name, ComputeNode node) =>
        node.Instance is not null && _instances.GetValueOrDefault(name) is { } first && first != node.Instance;

    /// <summary>Closes every node still up at the end of the batch (for node-hours).</summary>
    public static IEnumerable<(NodeRecord Node, double Hours)> Lifetimes(IEnumerable<NodeRecord> topology, DateTimeOffset end) =>
        topology.Select(n => (n, Math.Max(0, ((n.GoneAt ?? end) - n.FirstSeen).TotalHours)));
}
