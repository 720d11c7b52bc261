using Petal.Catalog;
using Petal.Common;
using Petal.Plans;
using Petal.Seeds;
using Petal.Slurm;
using Petal.Verify.Transport;

namespace Petal.Providers.Aws.Clusters;

/// <summary>
/// A ParallelCluster cluster as a <see cref="ICluster"/>: its head node over SSH (address from pcluster, key and user
/// from petal's record), its Slurm through that shell, queue changes by editing the recorded config and
/// `pcluster update-cluster`. <paramref name="state"/> is null for a cluster only pcluster knows (status, ssh, delete).
/// </summary>
public sealed class AwsCluster(AwsClusterProvider provider, AwsClusterState? state, ICatalog catalog, string? name = null) : ICluster
{
    public const string ReclaimRefused =
        "reclaiming nodes (--reclaim-rate, petal spot reclaim) works on local twins only: on AWS, EC2 reclaims spot instances itself, "
        + "and spot run records each reclaim it sees (a node of a running job gone)";

    public string Name => state?.Name ?? name!;
    public string Provider => provider.Name;
    public string Region => Recorded.Region;
    public string? SeedFile => state?.SeedFile;
    public bool InRegion(string region) => Region == region;
    public string? ReclaimRefusal => ReclaimRefused;

    public ClusterSummary Summary => new(Name, Provider, state?.Status ?? "UNKNOWN", state?.SeedFile, state?.CreatedAt ?? default);

    private AwsClusterState Recorded => state ?? throw new UserInputException($"no AWS cluster named '{Name}' that petal created (see petal list)");

    public async Task<ClusterStatus> StatusAsync(CancellationToken cancellation) =>
        await provider.StatusAsync(Name, cancellation) ?? throw new UserInputException($"no cluster named '{Name}' (see petal list)");

    public async Task<IReadOnlyList<string>> SshCommandAsync(string? identityFile, IReadOnlyList<string> command, CancellationToken cancellation, string? user = null) =>
        ["ssh", .. await provider.SshArgumentsAsync(Name, identityFile, command, cancellation, user)];

    public async Task<IClusterShell> OpenShellAsync(ShellRequest request, string purpose, CancellationToken cancellation)
    {
        var head = await provider.HeadNodeAsync(Name, cancellation);
        var address = head.RunningAddress(purpose);
        return await SshClusterShell.ConnectAsync(request.EndpointFor(address, head.State.Os, head.KeyFile), cancellation);
    }

    public SlurmClient Slurm(IClusterShell shell) => ShellSlurm.Over(shell, TimeSpan.FromSeconds(60));

    /// <summary>The login user's home, which ParallelCluster shares with compute nodes.</summary>
    public async Task<string> WorkRootAsync(IClusterShell shell, CancellationToken cancellation) =>
        await HeadFiles.HomeAsync(shell, cancellation) ?? throw new InvalidOperationException($"{shell.Description} has no home directory for the job files");

    /// <summary>From the plan the cluster was created from, rendered again with the recorded options: queues at max count, their prices per node-hour.</summary>
    public ClusterFacts Facts(Seed seed)
    {
        var plan = provider.RecordedPlan(Recorded, seed);
        return new ClusterFacts
        {
            Layout = plan.Layout, SoftwareRoot = plan.DataRoot,
            Queues = plan.Queues.Select(q => KeyValuePair.Create(q.Key, q.Value.Sum(r => r.MaxCount))).ToList(),
            HeadPricePerHour = plan.Cost.HeadNodePerHour ?? 0,
            QueuePricePerHour = plan.Cost.Queues.ToDictionary(q => q.Name, q => q.ComputeResources.Max(r => r.PricePerHour ?? 0)),
            CostBasis = $"{plan.Region} prices from the plan (head node for the run, job nodes for their jobs)",
        };
    }

    /// <summary>Edits the recorded cluster config (<see cref="SpotQueueConfig"/>) and applies it (compute fleet stopped, `pcluster update-cluster`, fleet started).</summary>
    public async Task ReconfigureQueueAsync(string queue, IReadOnlyList<string> instanceTypes, IProgress<string>? progress, CancellationToken cancellation)
    {
        var path = Recorded.ConfigPath is { } p && File.Exists(p) ? p
            : throw PetalException.Failed($"the cluster config petal recorded for {Name} ({Recorded.ConfigPath ?? "none"}) is missing: spot run edits it to change the queue", []);
        var edited = SpotQueueConfig.Replace(await File.ReadAllTextAsync(path, cancellation), path, queue, instanceTypes, catalog);
        if (edited is null)
        {
            progress?.Report($"queue {queue} already launches {string.Join(", ", instanceTypes)} as spot");
            return;
        }
        await provider.UpdateConfigAsync(Name, edited, progress, cancellation);
    }

    public async Task<IReadOnlyList<ComputeNode>> ComputeNodesAsync(string queue, SlurmClient slurm, CancellationToken cancellation)
    {
        var nodes = (await slurm.NodesAsync(cancellation)).Where(n => n.Partitions.Contains(queue)).ToList();
        // Only nodes Slurm has up can be an instance: skip EC2 while the queue is powered down.
        var instances = nodes.Any(n => n.Up) ? await provider.InstancesAsync(Name, cancellation) : [];
        return Match(nodes, instances);
    }

    /// <summary>
    /// Each node as the instance at its address (ParallelCluster sets NodeAddr to the private IP). A node Slurm still has
    /// up with no instance there is gone: EC2 took the instance back before Slurm noticed.
    /// </summary>
    public static IReadOnlyList<ComputeNode> Match(IEnumerable<SlurmNodeInfo> nodes, IEnumerable<ClusterInstance> instances)
    {
        var byAddress = instances.GroupBy(i => i.PrivateIp).ToDictionary(g => g.Key, g => g.First());
        return nodes.Select(n => byAddress.TryGetValue(n.Address, out var i)
                ? new ComputeNode(n.Name, i.InstanceType, i.Zone, n.Up, i.InstanceId)
                : new ComputeNode(n.Name, "", "", false))
            .ToList();
    }

    public Task ReclaimNodeAsync(string node, CancellationToken cancellation) => throw new UserInputException(ReclaimRefused);


    public Task<bool> DeleteAsync(IProgress<string>? progress, CancellationToken cancellation) => provider.DeleteAsync(Name, progress, cancellation);
}
