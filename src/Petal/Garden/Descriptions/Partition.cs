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
        root.Seal();
    }

    public string Name { get; }
    public ResourceVertex Root { get; }
    public bool IsQueue { get; }

    /// <summary>"queue compute" or "cluster" — how reasons name it.</summary>
    public string Label => IsQueue ? $"queue {Name}" : "cluster";
}
