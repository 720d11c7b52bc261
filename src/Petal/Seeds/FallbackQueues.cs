using Petal.Common;

namespace Petal.Seeds;

/// <summary>
/// <c>fallback: ondemand</c> on a spot queue (docs/seed-format.md "On-demand fallback"): the queue gets an on-demand twin
/// with the same instance types and counts, named <see cref="NameFor"/>. Both are Slurm partitions; the spot one has the
/// higher <see cref="SpotPriorityTier"/>, so a job submitted to both (<c>sbatch -p gpu,gpu-od</c>) is placed on spot
/// first and runs on-demand when spot capacity is refused (ParallelCluster then marks the spot nodes down).
/// Every place that needs the queues a cluster really has (plan, cost, limits, the twin) goes through <see cref="Expand"/>.
/// </summary>
public static class FallbackQueues
{
    public const string Suffix = "-od";

    /// <summary>Slurm PriorityTier of a spot queue that has a fallback, and of its fallback queue.</summary>
    public const int SpotPriorityTier = 10;
    public const int FallbackPriorityTier = 1;

    /// <summary>The fallback queue's name: the spot queue's, cut so the suffix fits the 25-character queue-name limit, plus "-od".</summary>
    public static string NameFor(string spotQueue)
    {
        var keep = Patterns.QueueName.MaxLength!.Value - Suffix.Length;
        return (spotQueue.Length > keep ? spotQueue[..keep] : spotQueue) + Suffix;
    }

    /// <summary>True when the queue renders a fallback queue (the seed rules refuse fallback on an on-demand queue).</summary>
    public static bool Has(QueueSpec q) => q.Fallback == CapacityType.OnDemand && q.Capacity == CapacityType.Spot;

    /// <summary>The fallback queue of <paramref name="q"/>: on-demand, same types, counts, subnets and node settings.</summary>
    public static QueueSpec For(QueueSpec q) => q with
    {
        Name = NameFor(q.Name),
        Capacity = CapacityType.OnDemand,
        // Spot strategies mean nothing on-demand; lowest-price is ParallelCluster's on-demand default.
        AllocationStrategy = null,
        Fallback = null,
        FallbackOf = q.Name,
    };

    /// <summary>The queues the cluster has: each seed queue, followed by its fallback queue when it has one.</summary>
    public static IReadOnlyList<QueueSpec> Expand(IEnumerable<QueueSpec> queues) =>
        queues.SelectMany(q => Has(q) ? new[] { q, For(q) } : [q]).ToList();

    /// <summary>The Slurm PriorityTier a planned queue gets, or null when it takes part in no fallback.</summary>
    public static int? PriorityTier(QueueSpec q) => Has(q) ? SpotPriorityTier : q.FallbackOf is not null ? FallbackPriorityTier : null;
}
