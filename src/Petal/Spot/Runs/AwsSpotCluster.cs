using Petal.Catalog;
using Petal.Common;
using Petal.Providers.Aws.Clusters;
using Petal.Verify.Transport;

namespace Petal.Spot.Runs;

/// <summary>
/// `spot run` on a cluster petal created on AWS. A batch's queue is set by editing the recorded cluster config
/// (<see cref="SpotQueueConfig"/>) and applying it (<see cref="AwsClusterProvider.UpdateConfigAsync"/>: compute fleet
/// stopped, `pcluster update-cluster`, fleet started). Jobs go over SSH to the head node (<see cref="HeadNodeJobs"/>)
/// under the login user's home, which ParallelCluster shares with compute nodes. Nodes are Slurm's, each matched by
/// its address to the EC2 instance with that private IP for its real type and zone.
/// </summary>
public sealed class AwsSpotCluster : ISpotCluster
{
    public const string ReclaimRefused =
        "reclaiming nodes (--reclaim-rate, petal spot reclaim) works on local twins only: on AWS, EC2 reclaims spot instances itself, "
        + "and spot run records each reclaim it sees (a node of a running job gone)";

    private readonly AwsClusterProvider _provider;
    private readonly AwsClusterState _state;
    private readonly IClusterShell _shell;
    private readonly ICatalog _catalog;
    private readonly IProgress<string>? _progress;
    private readonly HeadNodeJobs _jobs;

    private AwsSpotCluster(AwsClusterProvider provider, AwsClusterState state, IClusterShell shell, string home, ICatalog catalog, IProgress<string>? progress)
    {
        _provider = provider;
        _state = state;
        _shell = shell;
        _catalog = catalog;
        _progress = progress;
        _jobs = new HeadNodeJobs(shell, state.Name, home);
    }

    /// <summary>Connects to the head node of a running cluster petal created (address from pcluster, key and user as for petal test).</summary>
    public static async Task<AwsSpotCluster> ConnectAsync(AwsClusterProvider provider, string name, ShellRequest request, ICatalog catalog,
        IProgress<string>? progress, CancellationToken cancellation)
    {
        var head = await provider.HeadNodeAsync(name, cancellation);
        var address = head.RunningAddress("petal spot run");
        var shell = await SshClusterShell.ConnectAsync(request.EndpointFor(address, head.State.Os, head.KeyFile), cancellation);
        try
        {
            var home = await HeadFiles.HomeAsync(shell, cancellation)
                ?? throw new InvalidOperationException($"{shell.Description} has no home directory for the job files");
            return new AwsSpotCluster(provider, head.State, shell, home, catalog, progress);
        }
        catch
        {
            await shell.DisposeAsync();
            throw;
        }
    }

    public string Name => _state.Name;
    public string Region => _state.Region;

    public async Task ConfigureQueueAsync(string queue, IReadOnlyList<string> instanceTypes, CancellationToken cancellation)
    {
        var path = _state.ConfigPath is { } p && File.Exists(p) ? p
            : throw PetalException.Failed($"the cluster config petal recorded for {Name} ({_state.ConfigPath ?? "none"}) is missing: spot run edits it to change the queue", []);
        var edited = SpotQueueConfig.Replace(await File.ReadAllTextAsync(path, cancellation), path, queue, instanceTypes, _catalog);
        if (edited is null)
        {
            _progress?.Report($"queue {queue} already launches {string.Join(", ", instanceTypes)} as spot");
            return;
        }
        await _provider.UpdateConfigAsync(Name, edited, _progress, cancellation);
    }

    public Task<string> SubmitAsync(string queue, string job, string script, CancellationToken cancellation) =>
        _jobs.SubmitAsync(queue, job, script, cancellation);

    public Task<SpotJob?> JobAsync(string jobId, CancellationToken cancellation) => _jobs.JobAsync(jobId, cancellation);

    public Task CancelAsync(string jobId, CancellationToken cancellation) => _jobs.CancelAsync(jobId, cancellation);

    public Task<string?> OutputAsync(string job, CancellationToken cancellation) => _jobs.OutputAsync(job, cancellation);

    public async Task<IReadOnlyList<SpotNode>> NodesAsync(string queue, CancellationToken cancellation)
    {
        var nodes = (await _jobs.NodesAsync(cancellation)).Where(n => n.Partitions.Contains(queue)).ToList();
        // Only nodes Slurm has up can be an instance: skip EC2 while the queue is powered down.
        var instances = nodes.Any(n => n.Up) ? await _provider.InstancesAsync(Name, cancellation) : [];
        return Match(nodes, instances);
    }

    /// <summary>
    /// Each node as the instance at its address (ParallelCluster sets NodeAddr to the private IP). A node Slurm still has
    /// up with no instance there is gone: EC2 took the instance back before Slurm noticed.
    /// </summary>
    public static IReadOnlyList<SpotNode> Match(IEnumerable<SlurmNode> nodes, IEnumerable<ClusterInstance> instances)
    {
        var byAddress = instances.GroupBy(i => i.PrivateIp).ToDictionary(g => g.Key, g => g.First());
        return nodes.Select(n => byAddress.TryGetValue(n.Address, out var i)
                ? new SpotNode(n.Name, i.InstanceType, i.Zone, n.Up)
                : new SpotNode(n.Name, "", "", false))
            .ToList();
    }

    public Task ReclaimAsync(string node, CancellationToken cancellation) => throw new UserInputException(ReclaimRefused);

    public ValueTask DisposeAsync() => _shell.DisposeAsync();
}
