using Petal.Slurm;

namespace Petal.Providers.Local;

/// <summary>Starts a twin's daemons (its own munged, slurmctld, the static nodes) and waits until Slurm sees them.</summary>
public static class DaemonSupervisor
{
    public static async Task<int> StartMungedAsync(TwinLayout t, CancellationToken cancellation)
    {
        // --force: munged refuses socket paths under a directory others cannot search (/root/.local/state);
        // only root's own clients use this socket.
        var pid = await ProcessRunner.StartDaemonAsync(
            ["/usr/sbin/munged", "--foreground", "--force", $"--socket={t.MungeSocket}", $"--key-file={t.MungeKey}",
             $"--pid-file={t.MungePidFile}", $"--seed-file={t.MungeSeed}", $"--log-file={Path.Combine(t.LogDir, "munged.log")}"],
            Path.Combine(t.LogDir, "munged.out"), cancellation);
        await WaitUntilAsync(() => File.Exists(t.MungeSocket), pid, "munged", Path.Combine(t.LogDir, "munged.out"), cancellation);
        return pid;
    }

    public static async Task<int> StartSlurmctldAsync(TwinLayout t, CancellationToken cancellation)
    {
        var pid = await ProcessRunner.StartDaemonAsync(["/usr/sbin/slurmctld", "-D", "-i", "-f", t.SlurmConf],
            Path.Combine(t.LogDir, "slurmctld.out"), cancellation);
        var env = SlurmEnvironment(t);
        await WaitUntilAsync(async () => (await ProcessRunner.RunAsync("scontrol", ["ping"], env, cancellation)).Stdout.Contains("UP"),
            pid, "slurmctld", Path.Combine(t.LogDir, "slurmctld.log"), cancellation);
        return pid;
    }

    /// <summary>
    /// slurmctld again on the rewritten slurm.conf (Slurm 22.05 takes node and partition changes only at start; its
    /// state directory keeps the jobs): the old one stopped, the new pid recorded as soon as it exists.
    /// </summary>
    public static async Task RestartSlurmctldAsync(TwinLayout t, TwinState state, CancellationToken cancellation)
    {
        if (state.SlurmctldPid is int old && ProcessTable.BelongsTo(old, t.Root))
            await ProcessTable.TerminateAsync([old], TimeSpan.FromSeconds(5));
        state.SlurmctldPid = null;
        TwinStateStore.Save(state);
        state.SlurmctldPid = await StartSlurmctldAsync(t, cancellation);
        TwinStateStore.Save(state);
    }

    /// <summary>Boots a node through node-start.sh (the script ResumeProgram uses too) and returns its slurmd's pid.</summary>
    public static async Task<int> StartNodeAsync(TwinLayout t, string node, CancellationToken cancellation)
    {
        var r = await ProcessRunner.RunAsync(t.NodeStartScript, [node], cancellation: cancellation);
        if (r.ExitCode != 0 || !int.TryParse(File.ReadAllText(t.SlurmdPidFile(node)).Trim(), out var pid))
            throw new InvalidOperationException($"node {node} did not start: {r.Stderr.Trim()}");
        return pid;
    }

    public static IReadOnlyDictionary<string, string?> SlurmEnvironment(TwinLayout t) =>
        new Dictionary<string, string?> { ["SLURM_CONF"] = t.SlurmConf };

    /// <summary>The twin's Slurm, through its clients with its SLURM_CONF.</summary>
    public static SlurmClient Slurm(TwinLayout t) => new(new ProcessCommandRunner($"local twin {t.Name}", SlurmEnvironment(t)));

    /// <summary>Waits until every node in <paramref name="nodes"/> is in a state <paramref name="ready"/> accepts.</summary>
    public static async Task WaitForNodesAsync(TwinLayout t, IReadOnlyCollection<string> nodes, Func<NodeState, bool> ready, TimeSpan timeout, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyDictionary<string, NodeState> states = new Dictionary<string, NodeState>();
        var slurm = Slurm(t);
        while (DateTime.UtcNow < deadline)
        {
            try { states = await slurm.NodeStatesAsync(cancellation); }
            catch (SlurmException) { } // slurmctld still starting
            if (nodes.All(n => states.TryGetValue(n, out var s) && ready(s))) return;
            await Task.Delay(100, cancellation);
        }
        var late = nodes.Where(n => !states.TryGetValue(n, out var s) || !ready(s)).Select(n => $"{n} ({(states.TryGetValue(n, out var s) ? s.ToString() : "unknown")})");
        throw new InvalidOperationException($"nodes not ready after {timeout.TotalSeconds:0} s: {string.Join(", ", late)}; see {t.LogDir}");
    }

    private static Task WaitUntilAsync(Func<bool> ready, int pid, string what, string log, CancellationToken cancellation) =>
        WaitUntilAsync(() => Task.FromResult(ready()), pid, what, log, cancellation);

    private static async Task WaitUntilAsync(Func<Task<bool>> ready, int pid, string what, string log, CancellationToken cancellation)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await ready()) return;
            if (!ProcessTable.IsAlive(pid))
                throw new InvalidOperationException($"{what} exited at start: {LastLines(log)}");
            await Task.Delay(50, cancellation);
        }
        throw new InvalidOperationException($"{what} did not become ready in 15 s; see {log}");
    }

    private static string LastLines(string file) =>
        File.Exists(file) ? string.Join(" | ", File.ReadLines(file).TakeLast(3)) : "(no log)";
}
