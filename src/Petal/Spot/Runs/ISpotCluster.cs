using Petal.Providers;
using Petal.Slurm;

namespace Petal.Spot.Runs;

/// <summary>
/// What `spot run` needs from a cluster; <see cref="SpotCluster"/> implements it over any cluster's handle.
/// Job files live on the cluster, under a work directory its compute nodes see (the twin's /shared, the AWS
/// login user's home, which ParallelCluster shares with compute nodes); a job is named by its path relative
/// to that directory, without extension: the script is PATH.sh and its output PATH.out.
/// </summary>
public interface ISpotCluster : IAsyncDisposable
{
    string Name { get; }
    string Region { get; }

    /// <summary>Makes <paramref name="queue"/> launch the given types (ranked cheapest first).</summary>
    Task ConfigureQueueAsync(string queue, IReadOnlyList<string> instanceTypes, CancellationToken cancellation);

    /// <summary>Writes <paramref name="script"/> to JOB.sh on the cluster (a stale JOB.out is removed) and submits it with sbatch --requeue; returns the job id.</summary>
    Task<string> SubmitAsync(string queue, string job, string script, CancellationToken cancellation);

    Task<SlurmJob?> JobAsync(string jobId, CancellationToken cancellation);

    Task CancelAsync(string jobId, CancellationToken cancellation);

    /// <summary>The content of JOB.out on the cluster, or null when the job wrote none.</summary>
    Task<string?> OutputAsync(string job, CancellationToken cancellation);

    Task<IReadOnlyList<ComputeNode>> NodesAsync(string queue, CancellationToken cancellation);

    /// <summary>Takes the node away as EC2 reclaiming its spot instance would.</summary>
    Task ReclaimAsync(string node, CancellationToken cancellation);
}
