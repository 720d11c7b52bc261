using Petal.Common;
using Petal.Seeds;

namespace Petal.Providers.Local;

/// <summary>What creating the seed's users on this host takes: the accounts and groups that do not exist yet.</summary>
public sealed record UserPlan(IReadOnlyList<SeedUser> UsersToCreate, IReadOnlyList<HostGroup> GroupsToCreate);

/// <summary>
/// The seed's users on the host, with their exact uid/gid (ParallelCluster nodes share one passwd via the
/// head node's directory; here the twin's nodes share the host's). An existing account is reused only when
/// it has the same uid and gid; anything else is a conflict reported before the twin starts.
/// </summary>
public static class UserAccounts
{
    public static async Task<UserPlan> PlanAsync(IReadOnlyList<SeedUser> users, CancellationToken cancellation)
    {
        var errors = new List<string>();
        var create = new List<SeedUser>();
        var groups = new List<HostGroup>();
        foreach (var u in users)
        {
            var byName = await GetentAsync("passwd", u.Name, cancellation);
            if (byName is not null)
            {
                if (byName[2] != u.Uid.ToString() || byName[3] != u.Gid.ToString())
                    errors.Add($"user {u.Name} exists on this host with uid {byName[2]} gid {byName[3]}, the seed wants uid {u.Uid} gid {u.Gid}; change the seed or the host account");
                continue;
            }
            if (await GetentAsync("passwd", u.Uid.ToString(), cancellation) is { } byUid)
            {
                errors.Add($"uid {u.Uid} of seed user {u.Name} belongs to host user {byUid[0]}; pick a free uid in the seed");
                continue;
            }
            create.Add(u);
            if (await GetentAsync("group", u.Gid.ToString(), cancellation) is null && groups.All(g => g.Gid != u.Gid))
            {
                if (await GetentAsync("group", u.Name, cancellation) is { } g)
                    errors.Add($"group {u.Name} exists with gid {g[2]}, seed user {u.Name} wants gid {u.Gid}; change the seed's gid to {g[2]} or remove the group");
                else
                    groups.Add(new HostGroup(u.Name, u.Gid));
            }
        }
        if (errors.Count > 0) throw new UserInputException(string.Join("\n", errors));
        return new UserPlan(create, groups);
    }

    /// <summary>
    /// The comment (GECOS) of every account petal adds for twin <paramref name="twin"/>: delete removes an account only
    /// when it carries its twin's mark, so an account the twin did not create is never removed, whatever state.json says.
    /// </summary>
    public static string Marker(string twin) => $"petal-twin {twin}";

    // Account changes run to the end even when petal is cancelled: a killed useradd can leave /etc/passwd locked.

    /// <summary>Adds one group; throws when groupadd fails.</summary>
    public static Task CreateGroupAsync(HostGroup group) => Checked("groupadd", ["-g", group.Gid.ToString(), group.Name]);

    /// <summary>Adds one account, marked as <paramref name="twin"/>'s, whose home (/home/NAME in the twin's views) is the head node's export.</summary>
    public static Task CreateUserAsync(SeedUser user, string twin) =>
        Checked("useradd", ["-u", user.Uid.ToString(), "-g", user.Gid.ToString(), "-M", "-d", $"/home/{user.Name}", "-s", "/bin/bash", "-c", Marker(twin), user.Name]);

    /// <summary>Marks the account as <paramref name="twin"/>'s (another twin that still uses it takes it over).</summary>
    public static Task MarkAsync(string user, string twin) => Checked("usermod", ["-c", Marker(twin), user]);

    /// <summary>The accounts that carry <paramref name="twin"/>'s mark.</summary>
    public static async Task<IReadOnlyList<string>> MarkedAsync(string twin) =>
        (await PasswdAsync()).Where(f => f[4] == Marker(twin)).Select(f => f[0]).ToList();

    /// <summary>Removes the group when it still has the gid petal gave it and is no account's primary group.</summary>
    public static async Task RemoveGroupIfUnusedAsync(HostGroup group)
    {
        if (await GetentAsync("group", group.Name, CancellationToken.None) is not { } g || g[2] != group.Gid.ToString()) return;
        if ((await PasswdAsync()).Any(f => f[3] == g[2])) return;
        await Checked("groupdel", [group.Name]);
    }

    public static Task RemoveUserAsync(string name) => Checked("userdel", [name]);

    private static async Task<IReadOnlyList<string[]>> PasswdAsync()
    {
        var r = await ProcessRunner.RunAsync("getent", ["passwd"]);
        return r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':')).Where(f => f.Length >= 7).ToList();
    }

    private static async Task Checked(string program, string[] args)
    {
        var r = await ProcessRunner.RunAsync(program, args);
        if (r.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {r.Stderr.Trim()}");
    }

    private static async Task<string[]?> GetentAsync(string database, string key, CancellationToken cancellation)
    {
        var r = await ProcessRunner.RunAsync("getent", [database, key], cancellation: cancellation);
        return r.ExitCode == 0 ? r.Stdout.Trim().Split('\n')[0].Split(':') : null;
    }
}
