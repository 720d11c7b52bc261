using Petal.Plans;
using Petal.Seeds;
using Petal.Slurm;
using Petal.Verify.Transport;

namespace Petal.Providers;

/// <summary>A compute node now: the instance type it is, its zone ("local" on a twin), and whether Slurm has it up.</summary>
/// <param name="Instance">The machine behind the node (EC2 instance id; the twin's launch time), when known: a node
/// relaunched under the same name between two samples is another instance, so the first one is gone.</param>
public sealed record ComputeNode(string Name, string InstanceType, string Zone, bool Up, string? Instance = null);

/// <summary>What a cluster offers the workload tests: where its software is, its queues and what its instances cost.</summary>
public sealed record ClusterFacts
{
    public required SoftwareLayout Layout { get; init; }
    /// <summary>Where compute nodes must see the packages (/opt/spack, /shared/spack).</summary>
    public required string SoftwareRoot { get; init; }
    /// <summary>Queue → how many nodes it can give one job.</summary>
    public required IReadOnlyList<KeyValuePair<string, int>> Queues { get; init; }
    public decimal HeadPricePerHour { get; init; }
    public IReadOnlyDictionary<string, decimal> QueuePricePerHour { get; init; } = new Dictionary<string, decimal>();
    public string CostBasis { get; init; } = "";
    /// <summary>
    /// Mount directory → why the cluster does not have that seed mount (a twin that could not emulate it); a mount not
    /// listed exists.
    /// </summary>
    public IReadOnlyDictionary<string, string> MountsNotEmulated { get; init; } = new Dictionary<string, string>();
    /// <summary>Mount directory → what the cluster has there instead of the real storage (a twin's local directory).</summary>
    public IReadOnlyDictionary<string, string> MountsEmulated { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// One cluster petal knows, whatever provider grew it (get one from <see cref="ClusterRegistry"/>): every command
/// that works on a named cluster goes through this, so no code outside Providers asks which provider it is.
/// </summary>
public interface ICluster
{
    string Name { get; }
    /// <summary>"local" or "aws" (shown to users, a garden label; never branched on outside Providers).</summary>
    string Provider { get; }
    /// <summary>The AWS region, or "local".</summary>
    string Region { get; }
    /// <summary>Whether the cluster's instances are priced in <paramref name="region"/> (a twin stands for any region).</summary>
    bool InRegion(string region);

    /// <summary>Why nodes cannot be reclaimed on demand here (EC2 reclaims real spot instances itself), or null when they can.</summary>
    string? ReclaimRefusal { get; }

    /// <summary>The seed the cluster grew from (absolute path), when petal recorded one.</summary>
    string? SeedFile { get; }

    /// <summary>The row of `petal list` (no network call).</summary>
    ClusterSummary Summary { get; }

    Task<ClusterStatus> StatusAsync(CancellationToken cancellation);

    /// <summary>The command line of `petal ssh`: a login shell on the head node, or <paramref name="command"/> there; as <paramref name="user"/> when given (a checked user name).</summary>
    Task<IReadOnlyList<string>> SshCommandAsync(string? identityFile, IReadOnlyList<string> command, CancellationToken cancellation, string? user = null);

    /// <summary>A shell on the head node of the running cluster (its own transport, or SSH as <paramref name="request"/> says); a clear error naming <paramref name="purpose"/> when it is not running.</summary>
    Task<IClusterShell> OpenShellAsync(ShellRequest request, string purpose, CancellationToken cancellation);

    /// <summary>The cluster's Slurm, reached through <paramref name="shell"/> or more directly when the provider can.</summary>
    SlurmClient Slurm(IClusterShell shell);

    /// <summary>An absolute directory on the head node that compute nodes see (job files live under it).</summary>
    Task<string> WorkRootAsync(IClusterShell shell, CancellationToken cancellation);

    /// <summary>The queues, software root and prices of the cluster grown from <paramref name="seed"/>.</summary>
    ClusterFacts Facts(Seed seed);

    /// <summary>Makes <paramref name="queue"/> one flexible compute resource of <paramref name="instanceTypes"/> (cheapest first).</summary>
    Task ReconfigureQueueAsync(string queue, IReadOnlyList<string> instanceTypes, IProgress<string>? progress, CancellationToken cancellation);

    /// <summary>The compute nodes of <paramref name="queue"/>: what each is now and whether it is up.</summary>
    Task<IReadOnlyList<ComputeNode>> ComputeNodesAsync(string queue, SlurmClient slurm, CancellationToken cancellation);

    /// <summary>Takes the node away as EC2 reclaiming its spot instance would (a twin only: EC2 reclaims real ones itself).</summary>
    Task ReclaimNodeAsync(string node, CancellationToken cancellation);

    /// <summary>Stops and removes everything the cluster consists of. False when there was nothing of that name.</summary>
    Task<bool> DeleteAsync(IProgress<string>? progress, CancellationToken cancellation);
}
