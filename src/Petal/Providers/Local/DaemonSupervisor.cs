using Petal.Common;
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
    /// Slurm accounting (<see cref="TwinAccounting"/>): the twin's own MariaDB (a fresh data directory, socket and port,
    /// bound to 127.0.0.1, none of the system instance's), its database and user with a password generated here and written
    /// only to slurmdbd.conf (0600, never printed), then slurmdbd, then the cluster registered with sacctmgr. Each pid is
    /// recorded in state.json as soon as it exists, so delete stops them even after a crash.
    /// </summary>
    public static async Task StartAccountingAsync(TwinLayout t, TwinState state, IProgress<string>? progress, CancellationToken cancellation)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("the local twin runs on Linux only");
        var a = state.Accounting ?? throw new InvalidOperationException($"twin {t.Name} has no accounting");
        progress?.Report($"starting the twin's MariaDB on 127.0.0.1:{a.DatabasePort}");
        Directory.CreateDirectory(t.MariaDbDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var install = await ProcessRunner.RunAsync("mariadb-install-db",
            ["--no-defaults", "--user=root", $"--datadir={t.MariaDbDataDir}", "--auth-root-authentication-method=socket", "--skip-test-db"],
            cancellation: cancellation);
        if (install.ExitCode != 0) throw new InvalidOperationException($"mariadb-install-db failed: {LastLines(install.Stderr + install.Stdout)}");
        var mariadbLog = Path.Combine(t.LogDir, "mariadbd.log");
        state.MariaDbPid = await ProcessRunner.StartDaemonAsync(
            ["/usr/sbin/mariadbd", "--no-defaults", "--user=root", $"--datadir={t.MariaDbDataDir}", $"--socket={t.MariaDbSocket}",
             $"--pid-file={t.MariaDbPidFile}", $"--port={a.DatabasePort}", "--bind-address=127.0.0.1", "--skip-name-resolve",
             "--innodb-buffer-pool-size=32M", $"--log-error={mariadbLog}"],
            Path.Combine(t.LogDir, "mariadbd.out"), cancellation);
        TwinStateStore.Save(state);
        string[] client = ["--no-defaults", $"--socket={t.MariaDbSocket}", "--user=root"];
        await WaitUntilAsync(async () => (await ProcessRunner.RunAsync("mariadb-admin", [.. client, "ping"], cancellation: cancellation)).ExitCode == 0,
            state.MariaDbPid.Value, "mariadbd", mariadbLog, cancellation, LongStart);

        var password = TwinAccounting.NewPassword();
        var sql = await ProcessRunner.RunAsync("mariadb", client, cancellation: cancellation, input: a.CreateSql(password));
        if (sql.ExitCode != 0) throw new InvalidOperationException($"creating database {a.DatabaseName} and user {a.User} failed: {LastLines(sql.Stderr)}");
        await using (var conf = new FileStream(t.SlurmdbdConf, new FileStreamOptions
                     { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
        await using (var writer = new StreamWriter(conf))
            await writer.WriteAsync(a.RenderSlurmdbdConf(t, password));
        File.SetUnixFileMode(t.SlurmdbdConf, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        progress?.Report($"starting slurmdbd on port {a.SlurmdbdPort}");
        if (!Path.Exists(t.SlurmdbdLink)) File.CreateSymbolicLink(t.SlurmdbdLink, "/usr/sbin/slurmdbd");
        var slurmdbdLog = Path.Combine(t.LogDir, "slurmdbd.log");
        // slurmdbd has no -f: it reads slurmdbd.conf beside $SLURM_CONF.
        state.SlurmdbdPid = await ProcessRunner.StartDaemonAsync(["env", $"SLURM_CONF={t.SlurmConf}", t.SlurmdbdLink, "-D"],
            Path.Combine(t.LogDir, "slurmdbd.out"), cancellation);
        TwinStateStore.Save(state);
        await WaitUntilAsync(async () => (await SacctmgrAsync(t, ["-n", "-P", "list", "cluster", "format=cluster"], cancellation)).ExitCode == 0,
            state.SlurmdbdPid.Value, "slurmdbd", slurmdbdLog, cancellation, LongStart);
        progress?.Report($"registering cluster {state.Name} with slurmdbd (sacctmgr)");
        var add = await SacctmgrAsync(t, ["-i", "add", "cluster", state.Name], cancellation);
        if (add.ExitCode != 0) throw new InvalidOperationException($"sacctmgr add cluster {state.Name} failed: {LastLines(add.Stderr + add.Stdout)}");
    }

    /// <summary>
    /// Stops the twin's slurmdbd, then its MariaDB (by their recorded pids; after the controller when the whole twin
    /// goes: it reports jobs to slurmdbd until it stops). Their files stay for the caller to remove or keep.
    /// </summary>
    public static async Task StopAccountingAsync(TwinLayout t, TwinState? state)
    {
        foreach (var (pid, grace) in new[] { (state?.SlurmdbdPid, 5), (state?.MariaDbPid, 10) })
            if (pid is int daemon && ProcessTable.BelongsTo(daemon, t.Root))
                await ProcessTable.TerminateAsync([daemon], TimeSpan.FromSeconds(grace));
    }

    /// <summary>sacctmgr on the twin, given 10 s: it retries an unreachable slurmdbd for minutes.</summary>
    private static async Task<CommandResult> SacctmgrAsync(TwinLayout t, IReadOnlyList<string> arguments, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try { return await ProcessRunner.RunAsync("sacctmgr", arguments, SlurmEnvironment(t), timeout.Token); }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested) { return CommandResult.TimedOut(TimeSpan.FromSeconds(10)); }
    }

    /// <summary>Tries (50 ms apart) for daemons that set up a database at first start: 60 s.</summary>
    private const int LongStart = 1200;

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

    private static async Task WaitUntilAsync(Func<Task<bool>> ready, int pid, string what, string log, CancellationToken cancellation, int tries = 300)
    {
        for (var i = 0; i < tries; i++)
        {
            if (await ready()) return;
            if (!ProcessTable.IsAlive(pid))
                throw new InvalidOperationException($"{what} exited at start: {LastLogLines(log)}");
            await Task.Delay(50, cancellation);
        }
        throw new InvalidOperationException($"{what} did not become ready in {tries / 20} s; see {log}");
    }

    private static string LastLogLines(string file) =>
        File.Exists(file) ? LastLines(File.ReadAllText(file)) : "(no log)";

    private static string LastLines(string text) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
}
