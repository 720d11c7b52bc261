using System.Security.Cryptography;
using Petal.Catalog;
using Petal.Common;
using Petal.Plans;
using Petal.Seeds;

namespace Petal.Providers.Local;

/// <summary>
/// `petal create --provider local`: a real Slurm + Lmod cluster twin on this machine, shaped like the
/// ParallelCluster cluster the seed describes (docs/local-twin.md). Every step is recorded in state.json
/// the moment it happens, so delete can always undo what create did, even after a crash.
/// </summary>
public sealed class LocalProvider(ICatalog catalog, LocalCreateOptions? options = null) : IClusterProvider
{
    private readonly LocalCreateOptions _options = options ?? new LocalCreateOptions();

    public string Name => "local";

    public static bool IsValidName(string name) => Patterns.TwinName.IsMatch(name);

    public static void CheckName(string name)
    {
        if (!IsValidName(name))
            throw new UserInputException($"cluster name '{name}' is invalid: use 1-32 lowercase letters, digits and '-', starting with a letter");
    }

    /// <summary>Refuses names that would make munge's, slurmd's or (with accounting) MariaDB's unix sockets too long, before anything starts.</summary>
    internal static void CheckSocketPaths(TwinLayout t, IEnumerable<string> nodes, bool accounting = false)
    {
        var longest = nodes.Select(t.LongestStepSocket).Append(t.MungeSocket).Concat(accounting ? [t.MariaDbSocket] : []).MaxBy(p => p.Length)!;
        if (longest.Length > TwinLayout.MaxSocketPath)
            throw new UserInputException(
                $"socket path {longest} would have {longest.Length} characters; unix sockets allow {TwinLayout.MaxSocketPath}: "
                + "use a shorter cluster name (--name) or queue names, or set PETAL_STATE_DIR to a shorter directory");
    }

    /// <summary>Opens a running twin for other parts of petal (workload tests, spot, garden).</summary>
    public static LocalTwin Open(string name) =>
        TwinStateStore.Load(name) is { } state ? new LocalTwin(state) : throw new UserInputException($"no local cluster named '{name}' (see petal list)");

    public async Task<ClusterStatus> CreateAsync(Seed seed, ClusterCreateRequest request, IProgress<string>? progress, CancellationToken cancellation)
    {
        var t = TwinLayout.For(request.Name);
        if (HostRequirements.Problem(accounting: seed.Scheduler.Accounting is not null) is { } problem) throw new InvalidOperationException(problem);
        TwinMounts.CheckSeeds(seed, request.S3Seeds);
        using var _ = TwinStateStore.Lock(request.Name);
        await ClearDebrisAsync(request.Name, t, progress);
        var users = await UserAccounts.PlanAsync(seed.Users, cancellation);

        var hostMemory = HostRequirements.HostMemoryMiB();
        var nodeCount = FallbackQueues.Expand(seed.Compute.Queues).Sum(q => q.MaxCount);
        var accountingPorts = seed.Scheduler.Accounting is null ? 0 : TwinAccounting.Ports;
        var firstPort = PortAllocator.AllocateBlock(nodeCount + 1 + accountingPorts,
            TwinStateStore.All().SelectMany(s => s.PortsTaken()));
        var topology = TwinTopologyPlanner.Plan(seed, catalog, hostMemory, firstPort + 1);
        // The accounting ports follow the nodes' (MariaDB, then slurmdbd).
        var accounting = TwinAccounting.Plan(seed, request.Name, firstPort + 1 + nodeCount, firstPort + 2 + nodeCount);
        CheckSocketPaths(t, topology.Nodes.Select(n => n.Name), accounting: seed.Scheduler.Accounting is not null);
        var state = new TwinState
        {
            Name = request.Name, Root = t.Root, OwnerPid = Environment.ProcessId, SeedFile = seed.SourceFile,
            Layout = seed.Software.Layout, BrokenSoftwareView = _options.BrokenSoftwareView, ControllerPort = firstPort,
            SuspendTimeSeconds = _options.SuspendTimeSeconds, Queues = topology.Queues, PriorityTiers = topology.PriorityTiers, Nodes = topology.Nodes,
            MemoryCapMiB = topology.MemoryCapMiB, SeedUsers = seed.Users.Select(u => u.Name).ToList(),
            Mounts = TwinMounts.Plan(seed, request.S3Seeds, TwinMounts.HostProblem),
            Accounting = accounting,
        };
        TwinStateStore.Save(state);
        try
        {
            progress?.Report($"writing {t.Root}");
            await WriteFilesAsync(t, state, cancellation);
            progress?.Report($"making {state.Mounts.Count} mount directory(ies)");
            await MakeMountsAsync(t, state, cancellation);
            progress?.Report("matching software to host installations");
            await InstallSoftwareAsync(seed, t, state, cancellation);
            TwinStateStore.Save(state);
            await CreateUsersAsync(users, seed.Users, t, state, cancellation);
            await RecordSeedAsync(t, seed, catalog, cancellation);

            progress?.Report("starting munged");
            state.MungedPid = await DaemonSupervisor.StartMungedAsync(t, cancellation);
            TwinStateStore.Save(state);
            if (state.Accounting is not null) await DaemonSupervisor.StartAccountingAsync(t, state, progress, cancellation);
            progress?.Report("starting slurmctld");
            state.SlurmctldPid = await DaemonSupervisor.StartSlurmctldAsync(t, cancellation);
            TwinStateStore.Save(state);
            var statics = topology.StaticNodes.Select(n => n.Name).ToList();
            progress?.Report($"booting {statics.Count} static node(s)");
            foreach (var node in statics)
            {
                state.NodePids[node] = await DaemonSupervisor.StartNodeAsync(t, node, cancellation);
                TwinStateStore.Save(state);
            }
            progress?.Report("waiting for static nodes to be idle");
            await DaemonSupervisor.WaitForNodesAsync(t, statics, s => s.Ready, _options.ReadyTimeout, cancellation);
            state.Status = TwinStatus.Ready;
            TwinStateStore.Save(state);
        }
        catch (Exception e)
        {
            // Stop what runs, keep the directory (logs) for the user; `petal delete` removes it.
            state.Status = TwinStatus.Failed;
            state.Error = e.Message;
            TwinStateStore.Save(state);
            await TwinTeardown.StopProcessesAsync(t, state);
            throw;
        }
        return await LocalStatus.ReadAsync(state, cancellation);
    }

    public async Task<ClusterStatus?> StatusAsync(string name, CancellationToken cancellation) =>
        TwinStateStore.Load(name) is { } state ? await LocalStatus.ReadAsync(state, cancellation) : null;

    public IReadOnlyList<ClusterSummary> List() =>
        TwinStateStore.All().Select(s => new ClusterSummary(s.Name, Name, LocalStatus.EffectiveState(s), s.SeedFile, s.CreatedAt)).ToList();

    public async Task<bool> DeleteAsync(string name, IProgress<string>? progress, CancellationToken cancellation)
    {
        using var _ = TwinStateStore.Lock(name);
        var t = TwinLayout.For(name);
        // Accounts carry their twin's mark: they are removed even when the directory was removed by hand.
        if (!Directory.Exists(t.Root) && (await UserAccounts.MarkedAsync(name)).Count == 0) return false;
        await TwinTeardown.RemoveAsync(t, TwinStateStore.TryLoad(name), progress);
        File.Delete(TwinLayout.LockFile(name));
        return true;
    }

    /// <summary>
    /// A twin of this name that is ready (or being created by a live petal) is in use; what a failed or
    /// killed create left behind is removed first.
    /// </summary>
    private static async Task ClearDebrisAsync(string name, TwinLayout t, IProgress<string>? progress)
    {
        if (!Directory.Exists(t.Root)) return;
        var state = TwinStateStore.TryLoad(name);
        var live = state is not null && (state.Status == TwinStatus.Ready
            || (state.Status == TwinStatus.Creating && ProcessTable.IsAlive(state.OwnerPid) && state.OwnerPid != Environment.ProcessId));
        if (live)
            throw new UserInputException($"cluster '{name}' already exists; delete it first (petal delete {name}) or pick another --name");
        progress?.Report($"removing what an earlier failed create of '{name}' left behind");
        await TwinTeardown.RemoveAsync(t, state, progress);
    }

    private static async Task WriteFilesAsync(TwinLayout t, TwinState state, CancellationToken cancellation)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("the local twin runs on Linux only");
        foreach (var dir in new[] { t.EtcDir, t.SlurmctldStateDir, t.SpoolDir, t.LogDir, t.BinDir, t.ImageSpack, t.HeadSpack, t.HeadShared, t.HeadHome, t.EmptyDir })
            Directory.CreateDirectory(dir);
        Directory.CreateDirectory(t.MungeDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(t.RunDir);
        File.SetUnixFileMode(t.RunDir, (UnixFileMode)0b111_101_101);
        await File.WriteAllBytesAsync(t.MungeKey, RandomNumberGenerator.GetBytes(1024), cancellation);
        File.SetUnixFileMode(t.MungeKey, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await FakebootBuilder.InstallAsync(t.Fakeboot, cancellation);

        var o = new TwinScriptOptions(state.Layout, state.BrokenSoftwareView, state.Mounts);
        var topology = TwinTopology.Of(state);
        var settings = SlurmConfSettings.Of(state);
        await SlurmConfRenderer.WriteAsync(state.Name, t, topology, settings, cancellation);
        await File.WriteAllTextAsync(t.ModulesPathFile, TwinScripts.ModulesPath(o), cancellation);
        foreach (var (path, text) in new[]
                 {
                     (t.NodeStartScript, TwinScripts.NodeStart(t, o)), (t.NodeNamespaceScript, TwinScripts.NodeNamespace(t, o)),
                     (t.HeadNamespaceScript, TwinScripts.HeadNamespace(t, o)), (t.ResumeScript, TwinScripts.Resume(t)),
                     (t.SuspendScript, TwinScripts.Suspend(t)), (t.LaunchTypeScript, TwinScripts.LaunchType(t)),
                     (t.TaskProlog, TwinScripts.TaskProlog(o)),
                     (t.PrologSlurmctldScript, TwinScripts.PrologSlurmctld(t, settings.ResumeTimeoutSeconds)),
                 })
        {
            await File.WriteAllTextAsync(path, text, cancellation);
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }
        TwinLaunches.Configure(t, state.Nodes);
        // Mount points for the views' bind mounts; empty directories, left in place (other twins may use them).
        foreach (var mountPoint in new[] { TwinLayout.ViewSpack, TwinLayout.ViewShared })
            Directory.CreateDirectory(mountPoint);
    }

    /// <summary>
    /// Each mount's directory under the twin (writable ones world-writable with the sticky bit, like /tmp, since every
    /// seed user may write there; an S3 seed folder copied in), and its mount point on the host when missing: each
    /// recorded before it is made, so delete removes it.
    /// </summary>
    private static async Task MakeMountsAsync(TwinLayout t, TwinState state, CancellationToken cancellation)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("the local twin runs on Linux only");
        for (var i = 0; i < state.Mounts.Count; i++)
        {
            var m = state.Mounts[i];
            if (!m.Emulated || m.IsTwinHome) continue;
            var dir = t.MountDir(i);
            Directory.CreateDirectory(dir);
            if (m.SeededFrom is { } from)
            {
                var r = await ProcessRunner.RunAsync("cp", ["-a", "--", Path.Combine(from, "."), dir + "/"], cancellation: cancellation);
                if (r.ExitCode != 0) throw new InvalidOperationException($"copying {from} into s3://{m.Source}'s directory failed: {r.Stderr.Trim()}");
            }
            File.SetUnixFileMode(dir, m.ReadOnly ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b1_111_111_111);
            if (TwinMounts.InTwinTree(m.MountDir)) continue;
            foreach (var point in TwinMounts.MissingOnHost(m.MountDir, Directory.Exists).ToList())
            {
                state.HostMountPoints.Add(point);
                TwinStateStore.Save(state);
                Directory.CreateDirectory(point);
            }
        }
    }

    private static async Task InstallSoftwareAsync(Seed seed, TwinLayout t, TwinState state, CancellationToken cancellation)
    {
        var host = await HostSoftwareProbe.ProbeAsync(cancellation);
        var match = SoftwareMatcher.Match(seed.Software.SpackPackages, host);
        var paths = LayoutPaths.For(state.Layout);
        state.Software = SoftwareInstaller.Install(match.Matched, paths.DataRoot, paths.ModuleRoot,
            p => t.HostPathOf(p, image: true)).ToList();
        state.Unsatisfied = match.Unsatisfied.ToList();
        if (new TwinScriptOptions(state.Layout, false).BootsImage)
        {
            // The head node boots the same AMI: its own copy of the image.
            Directory.Delete(t.HeadSpack, recursive: true);
            var r = await ProcessRunner.RunAsync("cp", ["-al", t.ImageSpack, t.HeadSpack], cancellation: cancellation);
            if (r.ExitCode != 0) throw new InvalidOperationException($"copying the image for the head node failed: {r.Stderr.Trim()}");
        }
    }

    /// <summary>The seed and its ParallelCluster config, what `petal update` diffs the next edit against.</summary>
    internal static async Task RecordSeedAsync(TwinLayout t, Seed seed, ICatalog catalog, CancellationToken cancellation)
    {
        Plan plan;
        try { plan = Planner.Create(seed with { Cluster = seed.Cluster with { Name = t.Name } }, catalog, PlanOptions.Default); }
        catch (PlanInputException) { return; } // a seed only the twin runs: `petal update` then says there is no record
        await File.WriteAllTextAsync(t.ClusterConfig, plan.ClusterConfigYaml, cancellation);
        if (File.Exists(seed.SourceFile)) File.Copy(seed.SourceFile, t.SeedCopy, overwrite: true);
    }

    internal static async Task CreateUsersAsync(UserPlan plan, IReadOnlyList<SeedUser> users, TwinLayout t, TwinState state, CancellationToken cancellation)
    {
        foreach (var group in plan.GroupsToCreate)
        {
            cancellation.ThrowIfCancellationRequested();
            state.GroupsCreated.Add(group); // intent first: a cancelled create's delete still finds it
            TwinStateStore.Save(state);
            await UserAccounts.CreateGroupAsync(group);
        }
        foreach (var user in plan.UsersToCreate)
        {
            cancellation.ThrowIfCancellationRequested();
            await UserAccounts.CreateUserAsync(user, state.Name);
        }
        foreach (var user in users)
        {
            var home = Path.Combine(t.HeadHome, user.Name);
            Directory.CreateDirectory(home);
            await ProcessRunner.RunAsync("chown", [$"{user.Uid}:{user.Gid}", home], cancellation: cancellation);
        }
    }
}
