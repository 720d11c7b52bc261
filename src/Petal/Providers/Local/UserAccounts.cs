using Petal.Common;
using Petal.Seeds;

namespace Petal.Providers.Local;

/// <summary>What creating the seed's users on this host takes: the accounts and groups that do not exist yet.</summary>
public sealed record UserPlan(IReadOnlyList<SeedUser> UsersToCreate, IReadOnlyList<(string Name, int Gid)> GroupsToCreate);

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
        var groups = new List<(string, int)>();
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
            if (await GetentAsync("group", u.Gid.ToString(), cancellation) is null && groups.All(g => g.Item2 != u.Gid))
            {
                if (await GetentAsync("group", u.Name, cancellation) is { } g)
                    errors.Add($"group {u.Name} exists with gid {g[2]}, seed user {u.Name} wants gid {u.Gid}; change the seed's gid to {g[2]} or remove the group");
                else
                    groups.Add((u.Name, u.Gid));
            }
        }
        if (errors.Count > 0) throw new UserInputException(string.Join("\n", errors));
        return new UserPlan(create, groups);
    }

    /// <summary>Adds one group; returns nothing, throws when groupadd fails.</summary>
    public static Task CreateGroupAsync(string name, int gid, CancellationToken cancellation) =>
        Checked("groupadd", ["-g", gid.ToString(), name], cancellation);

    /// <summary>Adds one account whose home (/home/NAME in the twin's views) is the head node's export.</summary>
    public static Task CreateUserAsync(SeedUser user, CancellationToken cancellation) =>
        Checked("useradd", ["-u", user.Uid.ToString(), "-g", user.Gid.ToString(), "-M", "-d", $"/home/{user.Name}", "-s", "/bin/bash", user.Name], cancellation);

    public static Task RemoveUserAsync(string name, CancellationToken cancellation) => Checked("userdel", [name], cancellation);

    public static Task RemoveGroupAsync(string name, CancellationToken cancellation) => Checked("groupdel", [name], cancellation);

    private static async Task Checked(string program, string[] args, CancellationToken cancellation)
    {
        var r = await ProcessRunner.RunAsync(program, args, cancellation: cancellation);
        if (r.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {r.Stderr.Trim()}");
    }

    private static async Task<string[]?> GetentAsync(string database, string key, CancellationToken cancellation)
    {
        var r = await ProcessRunner.RunAsync("getent", [database, key], cancellation: cancellation);
        return r.ExitCode == 0 ? r.Stdout.Trim().Split('\n')[0].Split(':') : null;
    }
}
