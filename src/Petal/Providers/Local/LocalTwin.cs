using Petal.Catalog;
using Petal.Common;
using Petal.Plans;
using Petal.Seeds;

namespace Petal.Providers.Local;

/// <summary>
/// A running local twin, for the parts of petal that use one (workload tests, spot, garden): the Slurm
/// client environment, commands in the head node's view, and the cloud events a test needs to cause
/// (a node reclaimed, a queue's instance types changed). Get one with <see cref="LocalProvider.Open"/>.
/// </summary>
public sealed class LocalTwin
{
    private readonly TwinLayout _t;
    private TwinState _state;

    internal LocalTwin(TwinState state)
    {
        _state = state;
        _t = new TwinLayout(state.Root);
    }

    public string Name => _state.Name;
    public string Root => _t.Root;
    public SoftwareLayout Layout => _state.Layout;
    public string SlurmConf => _t.SlurmConf;
    /// <summary>Environment Slurm clients (sinfo, sbatch...) need to reach this twin; AuthInfo in the conf names its munged.</summary>
    public IReadOnlyDictionary<string, string?> SlurmEnvironment => DaemonSupervisor.SlurmEnvironment(_t);
    public IReadOnlyList<TwinNode> Nodes => _state.Nodes;
    public IReadOnlyList<string> Queues => _state.Queues;
    /// <summary>Where the packages and the modulefiles are as nodes see them (/opt/spack or /shared/spack, plans' LayoutPaths).</summary>
    public string SoftwareRoot => LayoutPaths.For(_state.Layout).DataRoot;
    public string ModuleRoot => LayoutPaths.For(_state.Layout).ModuleRoot;
    public IReadOnlyList<ClusterSoftware> Software => _state.Software;
    /// <summary>The seed's S3 mounts and shared storage as local directories (docs/local-twin.md#mounts).</summary>
    public IReadOnlyList<TwinMount> Mounts => _state.Mounts;
    /// <summary>The head node's /home export on the host (job output written to /home/... lands here).</summary>
    public string HeadHomeOnHost => _t.HeadHome;
    public string HeadSharedOnHost => _t.HeadShared;

    /// <summary>The command line that runs <paramref name="command"/> in the head node's view (login shell: SLURM_CONF, modules).</summary>
    public IReadOnlyList<string> HeadCommand(IReadOnlyList<string> command) =>
        ["unshare", "--mount", "--propagation", "private", _t.HeadNamespaceScript, .. command];

    /// <summary>Runs a bash command on the "head node" (login shell in its view) and captures the result.</summary>
    public Task<CommandResult> RunOnHeadAsync(string bashCommand, CancellationToken cancellation = default)
    {
        var cmd = HeadCommand(["bash", "-lc", bashCommand]);
        return ProcessRunner.RunAsync(cmd[0], cmd.Skip(1), cancellation: cancellation);
    }

    /// <summary>The twin's Slurm client (its clients with its SLURM_CONF).</summary>
    public Slurm.SlurmClient Slurm => DaemonSupervisor.Slurm(_t);

    /// <summary>Node name → typed state now, through the twin's Slurm client.</summary>
    public Task<IReadOnlyDictionary<string, Slurm.NodeState>> NodeStatesAsync(CancellationToken cancellation = default) =>
        Slurm.NodeStatesAsync(cancellation);

    /// <summary>
    /// Emulates EC2 reclaiming the node's instance: its slurmd and everything in its namespace die at once
    /// (SIGKILL), and Slurm is told at once as ParallelCluster's clustermgtd would: a dynamic node is
    /// powered down (its jobs requeued), a static one marked down.
    /// </summary>
    public async Task ReclaimNodeAsync(string node, CancellationToken cancellation = default)
    {
        var info = _state.Nodes.FirstOrDefault(n => n.Name == node) ?? throw new UserInputException($"cluster {Name} has no node {node}");
        var pidFile = _t.SlurmdPidFile(node);
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) && ProcessTable.BelongsTo(pid, _t.Root))
        {
            var ns = ProcessTable.MountNamespace(pid);
            var victims = ns is null ? [pid] : ProcessTable.ProcessesIn(new HashSet<string> { ns }).Append(pid).Distinct().ToList();
            foreach (var victim in victims) ProcessTable.Signal(victim, force: true);
            File.Delete(pidFile);
        }
        // As ParallelCluster's clustermgtd does for a reclaimed instance: DOWN first (Slurm drops the node from
        // its jobs and requeues them), then a dynamic node is powered down so it can be launched again.
        string[] states = info.IsStatic ? ["down"] : ["down", "power_down_force"];
        var slurm = LocalCluster.ForTwin(this);
        foreach (var state in states)
            await slurm.SetNodeStateAsync(node, state, "reclaimed", cancellation);
    }

    /// <summary>Node → the instance type it launched as, for the dynamic nodes running now (launch-type.sh's records).</summary>
    public IReadOnlyDictionary<string, NodeLaunch> Launches() => TwinLaunches.Read(_t);

    /// <summary>
    /// Makes the dynamic nodes of <paramref name="queue"/> one flexible compute resource of <paramref name="instanceTypes"/>
    /// (launch order, cheapest first), as a spot experiment changes a queue's types: CPUs and memory the smallest of the
    /// types, as ParallelCluster sets them; each power-up then launches the next type round-robin from the first.
    /// The nodes must be powered down; slurmctld is restarted on the new slurm.conf (node hardware changes need it in Slurm 22.05).
    /// </summary>
    public async Task ReconfigureQueueAsync(string queue, IReadOnlyList<string> instanceTypes, ICatalog catalog, CancellationToken cancellation = default)
    {
        if (instanceTypes.Count == 0) throw new UserInputException($"queue {queue} needs at least one instance type");
        var unknown = instanceTypes.Where(t => catalog.Find(t) is null).ToList();
        if (unknown.Count > 0) throw new UserInputException($"unknown instance type(s) {string.Join(", ", unknown)}; see petal catalog list");
        var infos = instanceTypes.Distinct(StringComparer.Ordinal).Select(t => catalog.Find(t)!).ToList();
        using var _ = TwinStateStore.Lock(Name);
        var state = TwinStateStore.Load(Name) ?? throw new UserInputException($"cluster {Name} no longer exists");
        if (!state.Queues.Contains(queue)) throw new UserInputException($"cluster {Name} has no queue {queue}");
        state.Nodes = TwinTopologyPlanner.Reconfigure(state.Nodes, queue, infos, TwinTopologyPlanner.MemoryCap(HostRequirements.HostMemoryMiB()));
        TwinLaunches.Configure(_t, state.Nodes.Where(n => n.Queue == queue));
        await SlurmConfRenderer.WriteAsync(state.Name, _t,
            TwinTopology.Of(state), SlurmConfSettings.Of(state), cancellation);
        await DaemonSupervisor.RestartSlurmctldAsync(_t, state, cancellation);
        _state = state;
    }
}
