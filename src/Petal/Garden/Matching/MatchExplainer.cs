using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;

namespace Petal.Garden.Matching;

/// <summary>
/// The slow path, run only for partitions a job does not fit: every reason, not the first one
/// ("arch arm64 ≠ amd64", "go 1.15 &lt; 1.20", "needs 4 nodes, queue compute has 2", "no GPU").
/// </summary>
internal static class MatchExplainer
{
    public static void Explain(Partition partition, Jobspec job, List<string> reasons)
    {
        foreach (var r in job.Resources)
        {
            var total = partition.Root.Total(r.TypeId);
            if (total == 0) { Add(reasons, Absent(r.Type, partition.Label)); continue; }
            var tally = default(FitTally);
            var have = SlotMatcher.Count(partition.Root, r, ref tally);
            if (have >= r.Count) continue;
            Add(reasons, total < r.Count
                ? $"needs {r.Count} {ResourceTypes.Display(r.Type, r.Count)}, {partition.Label} has {total}"
                : $"needs {r.Count} {ResourceTypes.Display(r.Type, r.Count)}, {partition.Label} has {have} that fit");
            Candidates(partition.Root, r, reasons);
        }
    }

    /// <summary>Why each vertex of the requested type below <paramref name="v"/> falls short.</summary>
    private static void Candidates(ResourceVertex v, ResourceRequest r, List<string> reasons)
    {
        foreach (var c in v.Children)
        {
            if (c.TypeId == r.TypeId) Vertex(c, r, reasons);
            else if ((c.DescendantTypes & ResourceTypes.Bit(r.TypeId)) != 0) Candidates(c, r, reasons);
        }
    }

    private static void Vertex(ResourceVertex c, ResourceRequest r, List<string> reasons)
    {
        // A queue may hold several instance types: a node's reasons say which one they are about.
        var prefix = c.Attributes.TryGetValue("instance_type", out var type) ? $"{type.Text}: " : "";
        foreach (var req in r.Requirements)
            if (!req.Test(c, out _)) Add(reasons, prefix + req.Explain(c));
        foreach (var w in r.With)
        {
            var tally = default(FitTally);
            var have = SlotMatcher.Count(c, w, ref tally);
            if (have >= w.Count) continue;
            var total = c.Total(w.TypeId);
            if (total == 0) { Add(reasons, Absent(w.Type, $"{c.Type}")); continue; }
            Add(reasons, total < w.Count
                ? $"needs {w.Count} {ResourceTypes.Display(w.Type, w.Count)} per {c.Type}, {c.Type} has {total}"
                : $"needs {w.Count} {ResourceTypes.Display(w.Type, w.Count)} per {c.Type}, {have} fit");
            Candidates(c, w, reasons);
        }
    }

    private static string Absent(string type, string where) =>
        type.Equals(ResourceTypes.Gpu, StringComparison.OrdinalIgnoreCase) ? "no GPU" : $"{where} has no {type}";

    private static void Add(List<string> reasons, string reason)
    {
        if (!reasons.Contains(reason)) reasons.Add(reason);
    }
}
