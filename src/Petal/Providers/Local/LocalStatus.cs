using Petal.Slurm;

namespace Petal.Providers.Local;

/// <summary>A twin's status for `petal status`: state.json plus what Slurm says about the nodes right now.</summary>
public static class LocalStatus
{
    /// <summary>"ready" only while the controller still runs; a twin whose daemons died (host reboot) is "stopped".</summary>
    public static string EffectiveState(TwinState s) =>
        s.Status == TwinStatus.Ready && !(s.SlurmctldPid is int pid && ProcessTable.BelongsTo(pid, s.Root)) ? "stopped"
        : s.Status == TwinStatus.Creating && !ProcessTable.IsAlive(s.OwnerPid) ? TwinStatus.Failed
        : s.Status;

    /// <summary>Slurm's states of the twin's nodes; none when its controller does not answer (the status says so per node).</summary>
    private static async Task<IReadOnlyDictionary<string, NodeState>> NodeStatesAsync(TwinLayout t, CancellationToken cancellation)
    {
        try { return await DaemonSupervisor.Slurm(t).NodeStatesAsync(cancellation); }
        catch (SlurmException) { return new Dictionary<string, NodeState>(); }
    }

    /// <summary>Slurm accounting's state: each daemon running (by its recorded pid) or not, where the database is.</summary>
    public static string AccountingNote(TwinState s, TwinAccounting a)
    {
        string Daemon(string name, int? pid) => pid is int p && ProcessTable.BelongsTo(p, s.Root) ? $"{name} running (pid {p})" : $"{name} not running";
        return $"accounting: {Daemon("slurmdbd", s.SlurmdbdPid)} on port {a.SlurmdbdPort}, {Daemon("MariaDB", s.MariaDbPid)} on 127.0.0.1:{a.DatabasePort} "
            + $"(database {a.DatabaseName}, user {a.User}; the twin's own, not the seed's endpoint; sacct shows the jobs)";
    }

    public static async Task<ClusterStatus> ReadAsync(TwinState s, CancellationToken cancellation)
    {
        var state = EffectiveState(s);
        var t = new TwinLayout(s.Root);
        var slurm = state == TwinStatus.Ready ? await NodeStatesAsync(t, cancellation) : new Dictionary<string, NodeState>();
        var launches = state == TwinStatus.Ready ? TwinLaunches.Read(t) : new Dictionary<string, NodeLaunch>();
        var notes = new List<string>();
        if (s.MemoryCapMiB is long cap)
            notes.Add($"node memory capped at {cap} MiB (this host has {HostRequirements.HostMemoryMiB()} MiB; the catalog's figure is larger)");
        if (s.BrokenSoftwareView) notes.Add("test-only broken software view: compute nodes do not see the software");
        if (s.Accounting is { } a) notes.Add(AccountingNote(s, a));
        if (s.Error is not null) notes.Add($"create failed: {s.Error} (logs in {t.LogDir}; petal delete {s.Name} cleans up)");
        return new ClusterStatus
        {
            Name = s.Name, Provider = "local", State = state, SeedFile = s.SeedFile, Layout = s.Layout.ToString().ToLowerInvariant(),
            Queues = s.Queues,
            Nodes = s.Nodes.Select(n =>
            {
                var launch = launches.GetValueOrDefault(n.Name);
                return new ClusterNodeStatus(n.Name, n.Queue, launch?.InstanceType ?? n.InstanceType, n.IsStatic, n.Cpus, n.MemoryMiB,
                    slurm.TryGetValue(n.Name, out var s) ? s.ToString() : "unknown") { InstanceTypes = n.InstanceTypes, LaunchedAt = launch?.LaunchedAt };
            }).ToList(),
            Software = s.Software, Unsatisfied = s.Unsatisfied, Notes = notes,
            Mounts = s.Mounts.Select((m, i) => new ClusterMount(m.MountDir, m.Kind, m.Source, m.ReadOnly,
                m.IsTwinHome ? $"the twin's shared /home (local directory {t.HeadHome}), bound on the head and every compute node"
                : m.Emulated ? $"local directory {t.MountDir(i)}{(m.SeededFrom is { } f ? $", seeded from {f}" : "")}, bound on the head and every compute node{(m.ReadOnly ? ", read-only" : "")}"
                    : "not emulated", m.NotEmulated)).ToList(),
        };
    }
}
