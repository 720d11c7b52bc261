using Petal.Common;
using Petal.Providers;
using Petal.Slurm;
using Petal.Verify.Transport;

namespace Petal.Spot.Runs;

/// <summary>
/// `spot run` on any cluster petal created, through its handle: the queue is changed by <see cref="ICluster.ReconfigureQueueAsync"/>,
/// job files go through the head node's shell under the cluster's work root (<see cref="HeadNodeJobs"/>), job states and
/// nodes come from its Slurm client, and each node is the instance type (and zone) the cluster says it is.
/// </summary>
public sealed class SpotCluster : ISpotCluster
{
    private readonly ICluster _cluster;
    private readonly IClusterShell _shell;
    private readonly SlurmClient _slurm;
    private readonly HeadNodeJobs _jobs;
    private readonly IProgress<string>? _progress;

    private SpotCluster(ICluster cluster, IClusterShell shell, string workRoot, IProgress<string>? progress)
    {
        _cluster = cluster;
        _shell = shell;
        _slurm = cluster.Slurm(shell);
        _jobs = new HeadNodeJobs(shell, cluster.Name, workRoot);
        _progress = progress;
    }

    /// <summary>
    /// Opens the cluster's head node for a run of <paramref name="region"/>'s plan. Refused before anything is touched when
    /// the cluster is in another region or <paramref name="reclaims"/> are asked of a cluster that cannot reclaim nodes.
    /// </summary>
    public static async Task<SpotCluster> OpenAsync(ICluster cluster, ShellRequest request, string region, bool reclaims,
        IProgress<string>? progress, CancellationToken cancellation)
    {
        if (reclaims && cluster.ReclaimRefusal is { } refused) throw new UserInputException(refused);
        if (!cluster.InRegion(region))
            throw new UserInputException($"the plan selects and prices types in {region} but cluster {cluster.Name} is in {cluster.Region}: set region: {cluster.Region} in the plan");
        var shell = await cluster.OpenShellAsync(request, "petal spot run", cancellation);
        try
        {
            return new SpotCluster(cluster, shell, await cluster.WorkRootAsync(shell, cancellation), progress);
        }
        catch
        {
            await shell.DisposeAsync();
            throw;
        }
    }

    public string Name => _cluster.Name;
    public string Region => _cluster.Region;

    public Task ConfigureQueueAsync(string queue, IReadOnlyList<string> instanceTypes, CancellationToken cancellation) =>
        _cluster.ReconfigureQueueAsync(queue, instanceTypes, _progress, cancellation);

    public Task<string> SubmitAsync(string queue, string job, string script, CancellationToken cancellation) =>
        _jobs.SubmitAsync(queue, job, script, cancellation);

    public Task<string?> OutputAsync(string job, CancellationToken cancellation) => _jobs.OutputAsync(job, cancellation);

    public Task<SlurmJob?> JobAsync(string jobId, CancellationToken cancellation) => _slurm.JobAsync(jobId, cancellation);

    public Task CancelAsync(string jobId, CancellationToken cancellation) => _slurm.CancelAsync(jobId, cancellation);

    public Task<IReadOnlyList<ComputeNode>> NodesAsync(string queue, CancellationToken cancellation) =>
        _cluster.ComputeNodesAsync(queue, _slurm, cancellation);

    public Task ReclaimAsync(string node, CancellationToken cancellation) => _cluster.ReclaimNodeAsync(node, cancellation);

    public ValueTask DisposeAsync() => _shell.DisposeAsync();
}
