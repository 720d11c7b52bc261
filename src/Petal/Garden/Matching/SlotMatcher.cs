using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;

namespace Petal.Garden.Matching;

/// <summary>
/// Counts, per vertex, how many distinct instances of a request lie below it: a vertex of the
/// requested type counts (×multiplicity) when it meets every requirement and holds its own
/// <c>with</c> counts; other vertices are looked through (node → socket → core), skipping subtrees
/// whose type mask cannot hold the type. Deterministic: no maps iterated, no early "first fail".
/// </summary>
internal static class SlotMatcher
{
    public static bool Fits(Partition partition, Jobspec job, ref FitTally tally)
    {
        var resources = job.Resources;
        for (var i = 0; i < resources.Count; i++)
        {
            var r = resources[i];
            // Not enough of the type at all (a 2-node queue for 4 nodes): no need to look at any vertex.
            if (partition.Total(r.TypeId) < r.Count) return false;
            var have = Count(partition.Root, r, ref tally);
            if (have < r.Count) return false;
            tally.Fit(r.Count, have);
        }
        return true;
    }

    public static long Count(ResourceVertex v, ResourceRequest r, ref FitTally tally)
    {
        var bit = ResourceTypes.Bit(r.TypeId);
        if ((v.DescendantTypes & bit) == 0) return 0;
        long n = 0;
        foreach (var c in v.Children)
        {
            if (c.TypeId == r.TypeId)
            {
                var local = default(FitTally);
                if (!Satisfies(c, r, ref local)) continue;
                n += c.Multiplicity;
                tally.Merge(local);
            }
            else if ((c.DescendantTypes & bit) != 0)
                n += c.Multiplicity * Count(c, r, ref tally);
        }
        return n;
    }

    public static bool Satisfies(ResourceVertex c, ResourceRequest r, ref FitTally tally)
    {
        foreach (var req in r.Requirements)
        {
            if (!req.Test(c, out var exact)) return false;
            if (!exact) tally.Compatible = true;
        }
        foreach (var w in r.With)
        {
            var have = Count(c, w, ref tally);
            if (have < w.Count) return false;
            tally.Fit(w.Count, have);
        }
        return true;
    }
}
