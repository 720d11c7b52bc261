namespace Petal.Providers.Local;

/// <summary>
/// Stops every process of a twin by pid and removes what create made. Works from whatever state.json
/// holds (even a half-written one after SIGKILL) plus what the twin directory itself shows: dynamic
/// nodes' pid files, processes inside the nodes' mount namespaces, and any process naming the directory.
/// </summary>
public static class TwinTeardown
{
    public static async Task RemoveAsync(TwinLayout t, TwinState? state, IProgress<string>? progress)
    {
        if (state is not null)
        {
            state.Status = TwinStatus.Deleting;
            TwinStateStore.Save(state);
        }
        progress?.Report("stopping daemons");
        await StopProcessesAsync(t, state);
        if (state is not null)
        {
            progress?.Report("removing users petal added");
            await RemoveAccountsAsync(state);
        }
        progress?.Report($"removing {t.Root}");
        Directory.Delete(t.Root, recursive: true);
        if (Directory.Exists(t.SpoolDir)) Directory.Delete(t.SpoolDir, recursive: true);
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
            ? Directory.EnumerateFiles(t.RunDir, "node-*.pid").Select(f => int.TryParse(File.ReadAllText(f).Trim(), out var p) ? p : 0)
            : [];
        return fromState.Concat(fromFiles).Where(p => p > 0).Distinct();
    }

    /// <summary>Removes the accounts this twin added (idempotent), unless another twin's seed still uses them.</summary>
    private static async Task RemoveAccountsAsync(TwinState state)
    {
        var otherTwins = TwinStateStore.All().Where(s => s.Name != state.Name).ToList();
        var others = otherTwins.SelectMany(s => s.SeedUsers).ToHashSet();
        HandOver(state, otherTwins);
        foreach (var user in state.UsersCreated.Where(u => !others.Contains(u)))
            if (await ExistsAsync("passwd", user)) await UserAccounts.RemoveUserAsync(user, CancellationToken.None);
        // userdel may already have removed a user's own group; a group still some user's primary one stays.
        foreach (var group in state.GroupsCreated.Where(g => !others.Contains(g)))
            if (await ExistsAsync("group", group)) await UserAccounts.RemoveGroupAsync(group, CancellationToken.None);
        state.UsersCreated.Clear();
        state.GroupsCreated.Clear();
        TwinStateStore.Save(state);
    }

    /// <summary>Accounts another twin still uses become that twin's to remove, so the last twin using them cleans them up.</summary>
    private static void HandOver(TwinState state, IReadOnlyList<TwinState> otherTwins)
    {
        foreach (var heir in otherTwins)
        {
            var users = state.UsersCreated.Where(heir.SeedUsers.Contains).ToList();
            if (users.Count == 0) continue;
            try
            {
                using var _ = TwinStateStore.Lock(heir.Name);
                var fresh = TwinStateStore.Load(heir.Name);
                if (fresh is null) continue;
                fresh.UsersCreated.AddRange(users.Except(fresh.UsersCreated));
                fresh.GroupsCreated.AddRange(state.GroupsCreated.Where(users.Contains).Except(fresh.GroupsCreated));
                TwinStateStore.Save(fresh);
            }
            catch (Petal.Common.UserInputException)
            {
                // That twin is being created or deleted right now; the accounts stay on the host.
            }
        }
    }

    private static async Task<bool> ExistsAsync(string database, string key) =>
        (await ProcessRunner.RunAsync("getent", [database, key])).ExitCode == 0;
}
