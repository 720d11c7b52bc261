using Petal.Catalog;
using Petal.Common;
using Petal.Seeds;
using Petal.Slurm;
using Petal.Verify.Transport;

namespace Petal.Providers.Local;

/// <summary>
/// A local twin as a <see cref="ICluster"/>: its head node is a local process in the head view (or SSH when asked),
/// its Slurm is reached directly with the twin's SLURM_CONF, its queues reconfigured by rewriting slurm.conf.
/// </summary>
public sealed class LocalCluster(TwinState state, ICatalog catalog) : ICluster
{
    public const string Zone = "local";
    private static readonly TimeSpan PowerDownTimeout = TimeSpan.FromSeconds(120);

    public string Name => state.Name;
    public string Provider => "local";
    public string Region => "local";
    public string? SeedFile => state.SeedFile;
    public bool InRegion(string region) => true;
    public string? ReclaimRefusal => null;

    public ClusterSummary Summary => new(state.Name, Provider, LocalStatus.EffectiveState(state), state.SeedFile, state.CreatedAt);

    private LocalTwin Twin => LocalProvider.Open(Name);

    public async Task<ClusterStatus> StatusAsync(CancellationToken cancellation) =>
        await LocalStatus.ReadAsync(TwinStateStore.Load(Name) ?? throw Gone(), cancellation);

    public Task<IReadOnlyList<string>> SshCommandAsync(string? identityFile, IReadOnlyList<string> command, CancellationToken cancellation, string? user = null)
    {
        string[] inner = command.Count == 0 ? ["bash", "-l"] : ["bash", "-lc", "exec \"$@\"", "petal-ssh", .. command];
        // The twin's head node is this host's root in the cluster's view; another user's login shell is runuser's.
        return Task.FromResult(Twin.HeadCommand(user is null ? inner : ["runuser", "-u", user, "--", .. inner]));
    }

    public async Task<IClusterShell> OpenShellAsync(ShellRequest request, string purpose, CancellationToken cancellation)
    {
        var current = TwinStateStore.Load(Name) ?? throw Gone();
        if (LocalStatus.EffectiveState(current) is var s && s != TwinStatus.Ready)
            throw new UserInputException($"cluster '{Name}' is {s}, not ready: {purpose} needs a running cluster");
        return request.Host is null
            ? new LocalTwinShell(Twin)
            : await SshClusterShell.ConnectAsync(request.EndpointFor(request.Host, OsOf(current), null), cancellation);
    }

    /// <summary>Slurm's clients as local processes with the twin's SLURM_CONF: the head view costs about 0.2 s a call, every poll.</summary>
    public SlurmClient Slurm(IClusterShell shell) => ForTwin(Twin);

    public static SlurmClient ForTwin(LocalTwin twin) => twin.Slurm;

    /// <summary>The head node's /shared, which every node of the twin mounts.</summary>
    public Task<string> WorkRootAsync(IClusterShell shell, CancellationToken cancellation) => Task.FromResult("/shared");

    public ClusterFacts Facts(Seed seed)
    {
        var twin = Twin;
        return new ClusterFacts
        {
            Layout = twin.Layout, SoftwareRoot = twin.SoftwareRoot,
            Queues = twin.Queues.Select(q => KeyValuePair.Create(q, twin.Nodes.Count(n => n.Queue == q))).ToList(),
            MountsNotEmulated = twin.Mounts.Where(m => !m.Emulated).ToDictionary(m => m.MountDir, m => $"not emulated on the twin: {m.NotEmulated}"),
            MountsEmulated = twin.Mounts.Where(m => m.Emulated).ToDictionary(m => m.MountDir, m => $"emulated by a local directory; not emulated: {m.NotEmulated}"),
            CostBasis = "local twin: no instances, no cost",
        };
    }

    /// <summary>The twin changes node hardware only while nodes are powered down: they are forced down first, then slurm.conf is rewritten.</summary>
    public async Task ReconfigureQueueAsync(string queue, IReadOnlyList<string> instanceTypes, IProgress<string>? progress, CancellationToken cancellation)
    {
        var twin = Twin;
        var dynamic = twin.Nodes.Where(n => n.Queue == queue && !n.IsStatic).ToList();
        if (dynamic.Count == 0)
            throw new UserInputException($"cluster {Name} has no dynamic (CLOUD) nodes in queue '{queue}'; set the plan's queue: to a queue with max_count above min_count");
        if (dynamic.All(n => n.InstanceTypes.SequenceEqual(instanceTypes))) return;
        await PowerDownAsync(ForTwin(twin), dynamic.Select(n => n.Name).ToList(), cancellation);
        await twin.ReconfigureQueueAsync(queue, instanceTypes, catalog, cancellation);
    }

    private static async Task PowerDownAsync(SlurmClient slurm, IReadOnlyList<string> nodes, CancellationToken cancellation)
    {
        var deadline = DateTimeOffset.Now + PowerDownTimeout;
        while (true)
        {
            var states = await slurm.NodeStatesAsync(cancellation);
            var up = nodes.Where(n => states.TryGetValue(n, out var s) && !s.PoweredDown).ToList();
            if (up.Count == 0) return;
            if (DateTimeOffset.Now > deadline)
                throw new InvalidOperationException($"nodes {string.Join(", ", up)} did not power down within {PowerDownTimeout.TotalSeconds} s");
            foreach (var node in up.Where(n => !states[n].Has(NodeFlags.PoweringDown)))
                await slurm.SetNodeStateAsync(node, "power_down_force", "spot-reconfigure", cancellation);
            await Task.Delay(1000, cancellation);
        }
    }

    /// <summary>States first: a node seen up already has its launch record (written before its slurmd starts); one without a record is its configured type.</summary>
    public async Task<IReadOnlyList<ComputeNode>> ComputeNodesAsync(string queue, SlurmClient slurm, CancellationToken cancellation)
    {
        var states = await slurm.NodeStatesAsync(cancellation);
        var twin = Twin;
        var launches = twin.Launches();
        return twin.Nodes.Where(n => n.Queue == queue)
            .Select(n => new ComputeNode(n.Name, launches.GetValueOrDefault(n.Name)?.InstanceType ?? n.InstanceType, Zone,
                states.TryGetValue(n.Name, out var s) && s.Up, launches.GetValueOrDefault(n.Name)?.LaunchedAt.ToString("O")))
            .ToList();
    }

    public Task ReclaimNodeAsync(string node, CancellationToken cancellation) => Twin.ReclaimNodeAsync(node, cancellation);

    public Task<bool> DeleteAsync(IProgress<string>? progress, CancellationToken cancellation) =>
        new LocalProvider(catalog).DeleteAsync(Name, progress, cancellation);

    /// <summary>The OS the twin's seed asks for (the login user of an SSH transport depends on it).</summary>
    private string OsOf(TwinState s) =>
        s.SeedFile is { } f && File.Exists(f) && SeedLoader.Load(f, catalog) is { Ok: true, Seed: { } seed } ? seed.Cluster.Os : SeedDefaults.Os;

    private UserInputException Gone() => new($"no local cluster named '{Name}' (see petal list)");
}
