namespace Petal.Providers.Local;

/// <summary>
/// Stops every process of a twin by pid and removes what create made. Works from whatever state.json
/// holds (even none, when it is damaged) plus what the host shows: dynamic nodes' pid files, processes inside
/// the nodes' mount namespaces, any process naming the directory, and the accounts carrying the twin's mark.
/// </summary>
public static class TwinTeardown
{
    public static async Task RemoveAsync(TwinLayout t, TwinState? state, IProgress<string>? progress)
    {
        if (state is not null && Directory.Exists(t.Root))
        {
            state.Status = TwinStatus.Deleting;
            TwinStateStore.Save(state);
        }
        progress?.Report("stopping daemons");
        await StopProcessesAsync(t, state);
        progress?.Report("removing users petal added");
        await RemoveAccountsAsync(t.Name, state?.GroupsCreated ?? []);
        progress?.Report($"removing {t.Root}");
        RemoveTree(t.Root);
        RemoveTree(t.SpoolDir);
        RemoveHostMountPoints(t.Name, state?.HostMountPoints ?? []);
    }

    /// <summary>
    /// The mount points create made on the host, deepest first: each only while empty (rmdir) and no other twin
    /// mounts at or below it, since a directory removed on the host would vanish from under that twin's nodes.
    /// </summary>
    private static void RemoveHostMountPoints(string name, IReadOnlyList<string> points)
    {
        var others = TwinStateStore.All().Where(s => s.Name != name)
            .SelectMany(s => s.Mounts.Select(m => m.MountDir).Concat(s.HostMountPoints)).ToList();
        foreach (var point in points.Reverse())
        {
            if (others.Any(o => o == point || o.StartsWith(point + "/", StringComparison.Ordinal))) continue;
            var info = new DirectoryInfo(point);
            if (!info.Exists || info.LinkTarget is not null || info.EnumerateFileSystemInfos().Any()) continue;
            try { info.Delete(); }
            catch (IOException) { } // in use or filled meanwhile: it stays, as any non-empty one does
        }
    }

    /// <summary>Removes a directory tree without following any symbolic link in it (a link itself is unlinked).</summary>
    private static void RemoveTree(string path)
    {
        var info = new DirectoryInfo(path);
        if (info.LinkTarget is not null) File.Delete(path);
        else if (info.Exists) info.Delete(recursive: true);
    }

    public static async Task StopProcessesAsync(TwinLayout t, TwinState? state)
    {
        var nodePids = NodePids(t, state).Where(pid => ProcessTable.BelongsTo(pid, t.Root)).ToList();
        // Collected before anything is signalled: job steps and jobs live on in these namespaces.
        var hostNamespaces = new[] { 1, Environment.ProcessId }.Select(ProcessTable.MountNamespace).OfType<string>().ToHashSet();
        var namespaces = nodePids.Select(ProcessTable.MountNamespace).OfType<string>().Where(ns => !hostNamespaces.Contains(ns)).ToHashSet();

        // The controller first, so it does not power nodes up again while they go.
        if (state?.SlurmctldPid is int ctld && ProcessTable.BelongsTo(ctld, t.Root))
            await ProcessTable.TerminateAsync([ctld], TimeSpan.FromSeconds(3));
        await ProcessTable.TerminateAsync(nodePids.Concat(ProcessTable.ProcessesIn(namespaces)).Distinct().ToList(), TimeSpan.FromSeconds(2));
        await DaemonSupervisor.StopAccountingAsync(t, state);
        var munged = state?.MungedPid is int m && ProcessTable.BelongsTo(m, t.Root) ? m : (int?)null;
        var rest = ProcessTable.ProcessesOf(t.Root).Where(pid => pid != munged).ToList();
        await ProcessTable.TerminateAsync(rest, TimeSpan.FromSeconds(1));
        if (munged is int mpid) await ProcessTable.TerminateAsync([mpid], TimeSpan.FromSeconds(2));
        await ProcessTable.TerminateAsync(ProcessTable.ProcessesOf(t.Root), TimeSpan.FromSeconds(1));
    }

    private static IEnumerable<int> NodePids(TwinLayout t, TwinState? state)
    {
        var fromState = state?.NodePids.Values ?? Enumerable.Empty<int>();
        var fromFiles = Directory.Exists(t.RunDir)
            ? Directory.EnumerateFiles(t.RunDir, "node-*.pid").Select(PidIn)
            : [];
        return fromState.Concat(fromFiles).Where(p => p > 0).Distinct();
    }

    /// <summary>The pid a pid file holds; 0 unless it is a short file of its own (a link, a FIFO or a device, length 0, is never opened).</summary>
    private static int PidIn(string file) =>
        new FileInfo(file) is { Exists: true, LinkTarget: null, Length: > 0 and < 64 } && int.TryParse(File.ReadAllText(file).Trim(), out var pid) ? pid : 0;

    /// <summary>
    /// Removes the accounts that carry this twin's mark (users before groups, so no group is still a primary one),
    /// then the groups it recorded. An account another twin's seed still uses passes to that twin instead, so the
    /// last twin using it cleans it up.
    /// </summary>
    private static async Task RemoveAccountsAsync(string name, IReadOnlyList<HostGroup> groups)
    {
        var otherTwins = TwinStateStore.All().Where(s => s.Name != name).ToList();
        foreach (var user in await UserAccounts.MarkedAsync(name))
        {
            if (otherTwins.FirstOrDefault(o => o.SeedUsers.Contains(user)) is { } heir) await HandOverAsync(user, groups, heir.Name);
            else await UserAccounts.RemoveUserAsync(user);
        }
        foreach (var group in groups)
            await UserAccounts.RemoveGroupIfUnusedAsync(group);
    }

    /// <summary>Marks <paramref name="user"/> as the heir's, which also records the user's group.</summary>
    private static async Task HandOverAsync(string user, IReadOnlyList<HostGroup> groups, string heir)
    {
        try
        {
            using var _ = TwinStateStore.Lock(heir);
            if (TwinStateStore.TryLoad(heir) is not { } fresh) return;
            fresh.GroupsCreated.AddRange(groups.Where(g => g.Name == user).Except(fresh.GroupsCreated));
            TwinStateStore.Save(fresh);
            await UserAccounts.MarkAsync(user, heir);
        }
        catch (Petal.Common.UserInputException)
        {
            // That twin is being created or deleted right now: the account stays on the host, marked as this twin's.
        }
    }
}
