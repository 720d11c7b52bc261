namespace Petal.Spot.Runs;

/// <summary>A Slurm job as the cluster reports it now.</summary>
public sealed record SpotJob(string Id, string State, IReadOnlyList<string> Nodes, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, int Restarts)
{
    public bool Finished => State is "COMPLETED" or "FAILED" or "CANCELLED" or "TIMEOUT" or "NODE_FAIL" or "OUT_OF_MEMORY" or "PREEMPTED" or "BOOT_FAIL" or "DEADLINE";
}

/// <summary>A compute node now: what instance it is, where, and whether it is up.</summary>
public sealed record SpotNode(string Name, string InstanceType, string Zone, bool Up);

/// <summary>
/// What `spot run` needs from a cluster; the local twin and AWS (pcluster) implement it. Paths given to
/// <see cref="SubmitAsync"/> are under <see cref="WorkDirectory"/> on this machine.
/// </summary>
public interface ISpotCluster
{
    string Name { get; }
    string Region { get; }
    /// <summary>A directory on this machine that the cluster's nodes see too (job scripts and output go there).</summary>
    string WorkDirectory { get; }

    /// <summary>Makes <paramref name="queue"/> launch the given types (ranked cheapest first).</summary>
    Task ConfigureQueueAsync(string queue, IReadOnlyList<string> instanceTypes, CancellationToken cancellation);

    /// <summary>sbatch --requeue of a script under <see cref="WorkDirectory"/>; returns the job id.</summary>
    Task<string> SubmitAsync(string queue, string scriptPath, string outputPath, CancellationToken cancellation);

    Task<SpotJob?> JobAsync(string jobId, CancellationToken cancellation);

    Task CancelAsync(string jobId, CancellationToken cancellation);

    Task<IReadOnlyList<SpotNode>> NodesAsync(string queue, CancellationToken cancellation);

    /// <summary>Takes the node away as EC2 reclaiming its spot instance would.</summary>
    Task ReclaimAsync(string node, CancellationToken cancellation);
}
