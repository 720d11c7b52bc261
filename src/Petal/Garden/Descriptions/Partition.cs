namespace Petal.Garden.Descriptions;

/// <summary>
/// Where one job runs as a whole: a Slurm queue of a seed-grown cluster, or the whole graph of a
/// JGF cluster. A job never spans partitions, so "4 nodes" means 4 nodes of one queue.
/// </summary>
public sealed class Partition
{
    public Partition(string name, ResourceVertex root, bool isQueue)
    {
        Name = name;
        Root = root;
        IsQueue = isQueue;
        var mask = root.Seal();
        for (var id = 0; id < _totals.Length; id++)
            if ((mask & ResourceTypes.Bit(id)) != 0) _totals[id] = root.Total(id);
    }

    private Partition(string name, Partition same)
    {
        Name = name;
        Root = same.Root;
        IsQueue = same.IsQueue;
        _totals = same._totals;
    }

    /// <summary>The same graph under another name (a cluster read from files identical to another's).</summary>
    public Partition Renamed(string name) => new(name, this);

    /// <summary>How many vertices of each type id (below 63) the partition holds, counted once.</summary>
    private readonly long[] _totals = new long[63];

    /// <summary>How many vertices of <paramref name="typeId"/> the partition holds in all (what no request can exceed).</summary>
    public long Total(int typeId) => typeId < _totals.Length ? _totals[typeId] : Root.Total(typeId);

    public string Name { get; }
    public ResourceVertex Root { get; }
    public bool IsQueue { get; }

    /// <summary>"queue compute" or "cluster" — how reasons name it.</summary>
    public string Label => IsQueue ? $"queue {Name}" : "cluster";
}
