using System.Diagnostics;
using System.Text.Json.Nodes;
using Petal.Providers.Local;
using Petal.Tests.Support;

namespace Petal.Tests.Local;

/// <summary>
/// Issue 13, local twin: SIGINT at several moments of a real `petal create`, and each kind of damaged state.json
/// on a real twin; afterwards `petal delete` succeeds and leaves no account, group, process, directory or spool.
/// Every twin lives in its own temporary PETAL_STATE_DIR; its seed user has a uid no other test uses.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TwinHardeningTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string StateDir => _dir.File("st");

    private IReadOnlyDictionary<string, string> Env => new Dictionary<string, string> { ["PETAL_STATE_DIR"] = StateDir };

    private TwinLayout Layout(string name) => new(Path.Combine(StateDir, "local", name));

    private string Seed(string user, int uid) => TwinSeeds.OneQueueFile(_dir, $"{user}.yaml", "hardening", user, uid, maxCount: 2);

    private Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Petal.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["PETAL_STATE_DIR"] = StateDir;
        start.Environment["NO_COLOR"] = "1";
        var p = Process.Start(start)!;
        p.StandardOutput.ReadToEndAsync();
        p.StandardError.ReadToEndAsync();
        return p;
    }

    private static async Task<bool> HostHasAsync(string database, string key)
    {
        var r = await ProcessRunner.RunAsync("getent", [database, key]);
        return r.ExitCode == 0;
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var r = await ProcessRunner.RunAsync(program, args);
        Assert.True(r.ExitCode == 0, $"{program} {string.Join(' ', args)}: {r.Stderr}");
    }

    private static string? StateText(TwinLayout t)
    {
        try { return File.ReadAllText(t.StateFile); }
        catch (IOException) { return null; }
    }

    /// <summary>The moments of create a SIGINT is sent at: each a condition the test sees on disk or on the host.</summary>
    private static readonly string[] MomentNames = ["at-start", "state-written", "group-recorded", "user-added", "controller-started", "node-started"];

    public static TheoryData<string> Moments() => [.. MomentNames];

    private static async Task<bool> ReachedAsync(string moment, TwinLayout t, string user) => moment switch
    {
        "at-start" => true,
        "state-written" => File.Exists(t.StateFile),
        "group-recorded" => StateText(t) is { } s && s.Contains($"\"name\": \"{user}\"", StringComparison.Ordinal),
        "user-added" => await HostHasAsync("passwd", user),
        "controller-started" => StateText(t) is { } s && System.Text.RegularExpressions.Regex.IsMatch(s, "\"slurmctld_pid\": [0-9]"),
        "node-started" => StateText(t) is { } s && System.Text.RegularExpressions.Regex.IsMatch(s, "\"node_pids\": \\{\\s*\""),
        _ => throw new ArgumentException(moment),
    };

    [Theory]
    [MemberData(nameof(Moments))]
    public async Task Sigint_during_create_then_delete_leaves_nothing(string moment)
    {
        var index = Array.IndexOf(MomentNames, moment);
        var (name, user, uid) = (TestNames.Unique($"hsig{(char)('a' + index)}"), $"hsig{index}u", 2780 + index);
        var t = Layout(name);
        try
        {
            using (var create = Start("create", Seed(user, uid), "--name", name))
            {
                for (var i = 0; i < 1500 && !create.HasExited && !await ReachedAsync(moment, t, user); i++) await Task.Delay(5);
                // The create may end on its own between the last look and the signal (it is fast at the early moments
                // on an idle host); the property under test (delete leaves nothing) holds either way.
                var signalled = await ProcessRunner.RunAsync("kill", ["-INT", create.Id.ToString()]);
                Assert.True(signalled.ExitCode == 0 || create.HasExited, $"kill -INT {create.Id}: {signalled.Stderr}");
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await create.WaitForExitAsync(limit.Token);
            }
            await AssertDeleteLeavesNothingAsync(name, user);
        }
        finally
        {
            await CleanUpAsync(name, user);
        }
    }

    /// <summary>How state.json is damaged: each a rewrite of the real file (or of its directory entry).</summary>
    private static readonly string[] DamageNames =
        ["not-json", "empty", "json-null", "node-pids-null", "nodes-null", "groups-null", "all-lists-null", "pids-of-strangers", "foreign-root", "foreign-account", "fifo", "symlink"];

    public static TheoryData<string> Damages() => [.. DamageNames];

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task Delete_of_a_twin_with_damaged_state_removes_everything_and_only_that(string damage)
    {
        var index = Array.IndexOf(DamageNames, damage);
        var (name, user, uid) = (TestNames.Unique($"hdmg{(char)('a' + index)}"), $"hdmg{index}u", 2750 + index);
        const string foreignUser = "hpforeign";
        const int foreignUid = 2799;
        var t = Layout(name);
        var elsewhere = _dir.File("elsewhere");
        try
        {
            var created = await PetalProcess.RunAsync(["create", Seed(user, uid), "--name", name], Env, TimeSpan.FromSeconds(120));
            Assert.True(created.ExitCode == 0, created.Stderr);
            Assert.True(await HostHasAsync("passwd", user));
            Assert.NotEmpty(ProcessTable.ProcessesOf(t.Root));

            var json = JsonNode.Parse(File.ReadAllText(t.StateFile))!.AsObject();
            string? text = null;
            switch (damage)
            {
                case "not-json": text = "{ \"name\": \"" + name + "\", this is not json"; break;
                case "empty": text = ""; break;
                case "json-null": text = "null"; break;
                case "node-pids-null": json["node_pids"] = null; break;
                case "nodes-null": json["nodes"] = null; break;
                case "groups-null": json["groups_created"] = null; break;
                case "all-lists-null":
                    foreach (var key in json.Where(p => p.Value is JsonArray or JsonObject).Select(p => p.Key).ToList()) json[key] = null;
                    json["name"] = null;
                    json["root"] = null;
                    json["status"] = null;
                    break;
                case "pids-of-strangers":
                    // A sleep of the test's own, listed as every daemon of the twin: delete must not kill it.
                    using (var stranger = Process.Start("sleep", "60"))
                    {
                        json["munged_pid"] = stranger.Id;
                        json["slurmctld_pid"] = stranger.Id;
                        json["node_pids"] = new JsonObject { ["compute-st-c6i-large-1"] = stranger.Id };
                        File.WriteAllText(t.StateFile, json.ToJsonString());
                        await AssertDeleteLeavesNothingAsync(name, user);
                        Assert.False(stranger.HasExited, "delete killed a process that is not the twin's");
                        stranger.Kill();
                    }
                    return;
                case "foreign-root":
                    Directory.CreateDirectory(elsewhere);
                    File.WriteAllText(Path.Combine(elsewhere, "keep"), "mine");
                    json["root"] = elsewhere;
                    break;
                case "foreign-account":
                    // An account and group the twin did not create, listed as if it had.
                    await RunAsync("groupadd", "-g", foreignUid.ToString(), foreignUser);
                    await RunAsync("useradd", "-u", foreignUid.ToString(), "-g", foreignUid.ToString(), "-M", foreignUser);
                    json["users_created"] = new JsonArray(foreignUser, user);
                    json["groups_created"] = new JsonArray(new JsonObject { ["name"] = foreignUser, ["gid"] = foreignUid });
                    break;
                case "fifo":
                    File.Delete(t.StateFile);
                    await RunAsync("mkfifo", t.StateFile);
                    break;
                case "symlink":
                    Directory.CreateDirectory(elsewhere);
                    File.WriteAllText(Path.Combine(elsewhere, "state.json"), json.ToJsonString());
                    File.Delete(t.StateFile);
                    File.CreateSymbolicLink(t.StateFile, Path.Combine(elsewhere, "state.json"));
                    break;
            }
            if (damage is not ("fifo" or "symlink")) File.WriteAllText(t.StateFile, text ?? json.ToJsonString());

            await AssertDeleteLeavesNothingAsync(name, user);
            if (damage is "foreign-root" or "symlink")
            {
                Assert.Equal(damage == "symlink" ? ["state.json"] : ["keep"], Directory.EnumerateFileSystemEntries(elsewhere).Select(Path.GetFileName));
            }
            if (damage == "foreign-account")
            {
                Assert.True(await HostHasAsync("passwd", foreignUser), "delete removed an account the twin did not create");
                Assert.True(await HostHasAsync("group", foreignUser), "delete removed a group the twin did not create");
            }
        }
        finally
        {
            await CleanUpAsync(name, user);
            if (await HostHasAsync("passwd", foreignUser)) await ProcessRunner.RunAsync("userdel", [foreignUser]);
            if (await HostHasAsync("group", foreignUser)) await ProcessRunner.RunAsync("groupdel", [foreignUser]);
        }
    }

    /// <summary>A twin whose directory was removed by hand: its marked accounts are still found and removed.</summary>
    [Fact]
    public async Task Delete_after_the_directory_was_removed_by_hand_removes_the_accounts()
    {
        var (name, user) = (TestNames.Unique("hgone"), "hgoneu");
        var t = Layout(name);
        try
        {
            var created = await PetalProcess.RunAsync(["create", Seed(user, 2779), "--name", name], Env, TimeSpan.FromSeconds(120));
            Assert.True(created.ExitCode == 0, created.Stderr);
            await ProcessTable.TerminateAsync(ProcessTable.ProcessesOf(t.Root), TimeSpan.FromSeconds(2));
            Directory.Delete(t.Root, recursive: true);
            await AssertDeleteLeavesNothingAsync(name, user);
        }
        finally
        {
            await CleanUpAsync(name, user);
        }
    }

    private async Task AssertDeleteLeavesNothingAsync(string name, string user)
    {
        var t = Layout(name);
        var deleted = await PetalProcess.RunAsync(["delete", name, "--yes"], Env, TimeSpan.FromSeconds(60));
        // A create interrupted before it made anything leaves nothing to delete.
        var nothingMade = !Directory.Exists(t.Root) && deleted.Stderr.Contains($"no cluster named '{name}'");
        Assert.True(deleted.ExitCode == 0 || nothingMade, $"delete {name}: {deleted.Stdout}{deleted.Stderr}");
        Assert.False(await HostHasAsync("passwd", user), $"user {user} is left on the host");
        Assert.False(await HostHasAsync("group", user), $"group {user} is left on the host");
        Assert.Empty(ProcessTable.ProcessesOf(t.Root));
        Assert.False(Directory.Exists(t.Root), $"{t.Root} is left");
        Assert.False(Directory.Exists(t.SpoolDir), $"{t.SpoolDir} is left");
    }

    /// <summary>After a failed assertion: whatever is left goes, by the twin's own delete first.</summary>
    private async Task CleanUpAsync(string name, string user)
    {
        await PetalProcess.RunAsync(["delete", name, "--yes"], Env, TimeSpan.FromSeconds(60));
        var t = Layout(name);
        await ProcessTable.TerminateAsync(ProcessTable.ProcessesOf(t.Root), TimeSpan.FromSeconds(2));
        if (await HostHasAsync("passwd", user)) await ProcessRunner.RunAsync("userdel", [user]);
        if (await HostHasAsync("group", user)) await ProcessRunner.RunAsync("groupdel", [user]);
    }

    public void Dispose() => _dir.Dispose();
}
