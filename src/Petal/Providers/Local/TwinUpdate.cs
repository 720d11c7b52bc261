using Petal.Catalog;
using Petal.Common;
using Petal.Pcluster.Updates;
using Petal.Plans;
using Petal.Seeds;

namespace Petal.Providers.Local;

/// <summary>
/// `petal update` on a local twin. The diff is ParallelCluster's (<see cref="ConfigDiff"/> on the recorded and the
/// new config), so the twin shows what AWS would need; what ParallelCluster applies the twin applies live: queues,
/// node counts and instance types (slurm.conf rewritten, slurmctld restarted, `scontrol reconfigure` for the running
/// slurmds, static nodes stopped or booted), users added, and Slurm accounting added, removed or pointed at another
/// database (the twin's own MariaDB and slurmdbd started or stopped). The new seed and config are recorded once it is done.
/// </summary>
public sealed class TwinUpdate
{
    private readonly Seed _seed;
    private readonly ICatalog _catalog;
    private readonly string _config;
    private readonly IReadOnlyList<SeedUser> _newUsers;
    private readonly (bool Changes, TwinAccounting? Wanted) _accounting;

    private TwinUpdate(ClusterUpdatePlan plan, Seed seed, ICatalog catalog, string config, IReadOnlyList<SeedUser> newUsers,
        (bool, TwinAccounting?) accounting)
    {
        Plan = plan;
        _seed = seed;
        _catalog = catalog;
        _config = config;
        _newUsers = newUsers;
        _accounting = accounting;
    }

    public ClusterUpdatePlan Plan { get; }

    public static TwinUpdate Create(string name, Seed seed, ICatalog catalog)
    {
        var state = TwinStateStore.Load(name) ?? throw new UserInputException($"no local cluster named '{name}' (see petal list)");
        var t = TwinLayout.For(name);
        if (!File.Exists(t.ClusterConfig))
            throw new UserInputException($"petal has no record of the config local cluster {name} runs (an older petal created it): "
                + $"'petal delete {name} --yes' and create it again to update it");
        var recorded = InputFiles.ReadText(t.ClusterConfig, "the recorded cluster config");
        seed = seed with { Cluster = seed.Cluster with { Name = name } };
        Plan plan;
        try { plan = Planner.Create(seed, catalog, PlanOptions.Default); }
        catch (PlanInputException e) { throw new UserInputException(string.Join("\n", e.Diagnostics)); }
        var update = ConfigDiff.Compare(recorded, plan.ClusterConfigYaml, t.ClusterConfig, $"the config of {seed.SourceFile}");
        var newUsers = seed.Users.Where(u => !state.SeedUsers.Contains(u.Name)).ToList();
        var notes = new List<string>();
        if (newUsers.Count > 0) notes.Add($"adds user(s) {string.Join(", ", newUsers.Select(u => u.Name))}");
        if (state.SeedUsers.Except(seed.Users.Select(u => u.Name)).ToList() is { Count: > 0 } kept)
            notes.Add($"user(s) {string.Join(", ", kept)} stay (update adds users, it removes none)");
        if (seed.Software.Layout != state.Layout || !state.Software.Select(s => s.Spec).Concat(state.Unsatisfied.Select(u => u.Spec)).Order()
                .SequenceEqual(seed.Software.SpackPackages.Order()))
            notes.Add("the software changed: the twin keeps the software it was created with (create a new twin for new software)");
        var wanted = TwinAccounting.Plan(seed, name, 0, 0);
        var accountingChanges = (wanted, state.Accounting) switch
        {
            (null, null) => false,
            ({ } w, { } had) => !w.SameDatabase(had),
            _ => true,
        };
        if (accountingChanges)
            notes.Add(state.Accounting is null
                ? $"Slurm accounting added: the twin starts its own MariaDB and slurmdbd (user {wanted!.User}, database {wanted.DatabaseName}) and restarts slurmctld with them"
                : wanted is null
                    ? "Slurm accounting removed: the twin stops its slurmdbd and MariaDB and removes their data (the job records with it)"
                    : $"Slurm accounting moves to user {wanted.User}, database {wanted.DatabaseName}: the twin's MariaDB and slurmdbd are made again (the old records go)");
        return new TwinUpdate(new ClusterUpdatePlan(name, "local", update) { Notes = notes }, seed, catalog, plan.ClusterConfigYaml, newUsers,
            (accountingChanges, wanted));
    }

    public async Task ApplyAsync(IProgress<string>? progress, CancellationToken cancellation)
    {
        var name = Plan.Name;
        using var _ = TwinStateStore.Lock(name);
        var t = TwinLayout.For(name);
        var state = TwinStateStore.Load(name) ?? throw new UserInputException($"local cluster {name} no longer exists");
        if (state.Status != TwinStatus.Ready) throw new UserInputException($"local cluster {name} is {state.Status}, not ready: nothing was changed");
        if (_accounting is (true, not null))
        {
            if (HostRequirements.Problem(accounting: true) is { } problem) throw new InvalidOperationException(problem + "; nothing was changed");
            LocalProvider.CheckSocketPaths(t, [], accounting: true);
        }
        var before = state.Nodes.ToDictionary(n => n.Name);
        var planned = TwinTopologyPlanner.Plan(_seed, _catalog, HostRequirements.HostMemoryMiB(), firstNodePort: 0);
        // A node that keeps its name and shape keeps its port; new or reshaped nodes get free ports.
        var kept = planned.Nodes.Where(n => before.TryGetValue(n.Name, out var o) && Same(o, n)).Select(n => n.Name).ToHashSet();
        var fresh = planned.Nodes.Count(n => !kept.Contains(n.Name));
        var port = fresh == 0 ? 0 : PortAllocator.AllocateBlock(fresh, TwinStateStore.All().SelectMany(s => s.PortsTaken()));
        var nodes = new List<TwinNode>();
        foreach (var n in planned.Nodes)
            nodes.Add(n with { Port = kept.Contains(n.Name) ? before[n.Name].Port : port++ });

        var gone = state.Nodes.Where(n => !kept.Contains(n.Name)).ToList();
        if (gone.Count > 0) progress?.Report($"stopping {gone.Count} node(s) that go or change: {string.Join(", ", gone.Select(n => n.Name).Take(8))}");
        foreach (var node in gone) await StopNodeAsync(t, state, node.Name);

        state = state with { Queues = planned.Queues, PriorityTiers = planned.PriorityTiers, MemoryCapMiB = planned.MemoryCapMiB };
        state.Nodes = nodes;
        TwinStateStore.Save(state);
        if (_accounting.Changes) state = await ReplaceAccountingAsync(t, state, _accounting.Wanted, progress);
        progress?.Report($"rewriting slurm.conf: {planned.Queues.Count} queue(s), {nodes.Count} node(s)");
        TwinLaunches.Configure(t, nodes);
        await SlurmConfRenderer.WriteAsync(name, t, TwinTopology.Of(state, nodes),
            SlurmConfSettings.Of(state), cancellation);
        // sacctmgr, which registers the cluster, finds slurmdbd through the rewritten slurm.conf.
        if (_accounting is (true, not null)) await DaemonSupervisor.StartAccountingAsync(t, state, progress, cancellation);
        progress?.Report("restarting slurmctld and reconfiguring the running nodes (scontrol reconfigure)");
        await DaemonSupervisor.RestartSlurmctldAsync(t, state, cancellation);
        var reconfigure = await ProcessRunner.RunAsync("scontrol", ["reconfigure"], DaemonSupervisor.SlurmEnvironment(t), cancellation);
        if (reconfigure.ExitCode != 0) throw new InvalidOperationException($"scontrol reconfigure failed: {reconfigure.Stderr.Trim()}");

        if (_newUsers.Count > 0)
        {
            progress?.Report($"adding user(s) {string.Join(", ", _newUsers.Select(u => u.Name))}");
            await LocalProvider.CreateUsersAsync(await UserAccounts.PlanAsync(_newUsers, cancellation), _newUsers, t, state, cancellation);
        }
        var statics = nodes.Where(n => n.IsStatic && !kept.Contains(n.Name)).Select(n => n.Name).ToList();
        if (statics.Count > 0) progress?.Report($"booting {statics.Count} static node(s)");
        foreach (var node in statics)
        {
            state.NodePids[node] = await DaemonSupervisor.StartNodeAsync(t, node, cancellation);
            TwinStateStore.Save(state);
        }
        if (statics.Count > 0) await DaemonSupervisor.WaitForNodesAsync(t, statics, s => s.Ready, TimeSpan.FromSeconds(60), cancellation);

        state = state with { SeedFile = _seed.SourceFile, SeedUsers = state.SeedUsers.Union(_seed.Users.Select(u => u.Name)).ToList() };
        TwinStateStore.Save(state);
        await File.WriteAllTextAsync(t.ClusterConfig, _config, cancellation);
        if (File.Exists(_seed.SourceFile)) File.Copy(_seed.SourceFile, t.SeedCopy, overwrite: true);
    }

    /// <summary>
    /// The twin's accounting as the seed now says, before slurm.conf is rewritten: the old slurmdbd and MariaDB stopped
    /// and their data removed (the twin's database stands in for the seed's and keeps nothing the seed's would), the
    /// wanted one recorded on free ports (started once slurm.conf names it, with a new password).
    /// </summary>
    private static async Task<TwinState> ReplaceAccountingAsync(TwinLayout t, TwinState state, TwinAccounting? wanted, IProgress<string>? progress)
    {
        if (state.Accounting is not null)
        {
            progress?.Report("stopping the twin's slurmdbd and MariaDB");
            await DaemonSupervisor.StopAccountingAsync(t, state);
            state = state with { Accounting = null, SlurmdbdPid = null, MariaDbPid = null };
            TwinStateStore.Save(state);
            File.Delete(t.SlurmdbdConf);
            if (Directory.Exists(t.MariaDbDir)) Directory.Delete(t.MariaDbDir, recursive: true);
        }
        if (wanted is not null)
        {
            var first = PortAllocator.AllocateBlock(TwinAccounting.Ports, TwinStateStore.All().SelectMany(s => s.PortsTaken()));
            state = state with { Accounting = wanted with { DatabasePort = first, SlurmdbdPort = first + 1 } };
            TwinStateStore.Save(state);
        }
        return state;
    }

    private static bool Same(TwinNode a, TwinNode b) =>
        a.Queue == b.Queue && a.ComputeResource == b.ComputeResource && a.IsStatic == b.IsStatic && a.Cpus == b.Cpus
        && a.MemoryMiB == b.MemoryMiB && a.Gpus == b.Gpus && a.GpuType == b.GpuType && a.InstanceTypes.SequenceEqual(b.InstanceTypes);

    /// <summary>Stops a node's slurmd and everything it runs (a static node, or a dynamic one powered up now).</summary>
    private static async Task StopNodeAsync(TwinLayout t, TwinState state, string node)
    {
        var pids = new List<int>();
        if (state.NodePids.TryGetValue(node, out var recorded)) pids.Add(recorded);
        var pidFile = t.SlurmdPidFile(node);
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var running)) pids.Add(running);
        var ours = pids.Distinct().Where(pid => ProcessTable.BelongsTo(pid, t.Root)).ToList();
        if (ours.Count > 0) await ProcessTable.TerminateAsync(ours, TimeSpan.FromSeconds(5));
        File.Delete(pidFile);
        state.NodePids.Remove(node);
        TwinStateStore.Save(state);
    }
}
