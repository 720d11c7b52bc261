using Petal.Garden.Descriptions;

namespace Petal.Garden.Matching.Index;

/// <summary>
/// One entry of the index: the partitions every member cluster has in common (taken from the first member) and
/// the members, as cluster slots kept in name order. A shape whose members are all gone stays, empty and skipped.
/// </summary>
internal sealed class ClusterShape(int id, IReadOnlyList<Partition> partitions)
{
    public int Id { get; } = id;
    public IReadOnlyList<Partition> Partitions { get; } = partitions;

    /// <summary>Member slots, sorted by cluster name (ordinal), so results come out in the matcher's order.</summary>
    public List<int> Members { get; } = [];

    /// <summary>Per type id (below 63): the most vertices of that type any one partition holds.</summary>
    public long[] MaxTotals { get; } = Totals(partitions);

    private static long[] Totals(IReadOnlyList<Partition> partitions)
    {
        var totals = new long[63];
        foreach (var p in partitions)
            for (var t = 0; t < totals.Length; t++) totals[t] = Math.Max(totals[t], p.Total(t));
        return totals;
    }
}
