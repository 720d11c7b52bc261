using System.Text.Json.Nodes;
using Petal.Providers.Local;
using Petal.Seeds;
using Petal.Tests.Support;

namespace Petal.Tests.Local;

/// <summary>
/// Issue 14, "the twin differs from the seed in silence": a seed's S3 mount (read-only, seeded from a folder), EBS and
/// EFS volumes exist on a real twin's compute nodes, `petal status` lists each with its emulation, delete removes every
/// directory create made. The twin, its seed user and its host mount points carry this process's id.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TwinMountTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private static readonly int Pid = Environment.ProcessId;
    /// <summary>A host directory no other test uses: create makes it (and the mount points in it), delete removes it.</summary>
    private static readonly string HostRoot = $"/petal-mnt-{Pid}";

    private IReadOnlyDictionary<string, string> Env => new Dictionary<string, string> { ["PETAL_STATE_DIR"] = _dir.File("st") };

    private string Seed(string user, int uid) => OneQueueSeed("mounts", user, uid, $$"""
        data:
          s3_mounts:
            - { bucket: mnt-refs, mount_point: {{HostRoot}}/ref, read_only: true }
        shared_storage:
          - { name: projects, type: ebs, mount_dir: {{HostRoot}}/projects, size_gb: 100 }
          - { name: home-ext, type: efs, mount_dir: /shared/efs }
        """);

    [Fact]
    public async Task Seed_mounts_exist_on_compute_nodes_read_only_where_the_seed_says_and_delete_removes_them()
    {
        var (name, user, uid) = (TestNames.Unique("mnt"), $"mnt{Pid % 100000}u", 2876);
        var folder = _dir.File("refs");
        Directory.CreateDirectory(Path.Combine(folder, "genome"));
        File.WriteAllText(Path.Combine(folder, "genome", "hg38.txt"), "ACGT from the seed folder\n");
        Assert.False(Directory.Exists(HostRoot));
        try
        {
            var created = await PetalProcess.RunAsync(["create", Seed(user, uid), "--name", name, "--s3-seed", $"mnt-refs={folder}"], Env, TimeSpan.FromSeconds(180));
            Assert.True(created.ExitCode == 0, created.Stdout + created.Stderr);
            foreach (var dir in new[] { $"{HostRoot}/ref", $"{HostRoot}/projects", "/shared/efs" }) Assert.Contains(dir, created.Stdout);

            // On the compute node, as the seed's user: the seeded file reads, the read-only mount refuses a write,
            // the EBS and EFS directories take one.
            var probe = $"cat {HostRoot}/ref/genome/hg38.txt; " +
                        $"runuser -u {user} -- touch {HostRoot}/ref/new 2>&1 || echo ref-refused; touch {HostRoot}/ref/root 2>&1 || echo root-refused; " +
                        $"runuser -u {user} -- sh -c 'echo p > {HostRoot}/projects/p && echo e > /shared/efs/e' && echo writes-ok; echo on=$SLURMD_NODENAME";
            var job = await PetalProcess.RunAsync(["ssh", name, "--", "srun", "-p", "compute", "bash", "-c", probe], Env, TimeSpan.FromSeconds(120));
            Assert.True(job.ExitCode == 0, job.Stdout + job.Stderr);
            Assert.Contains("ACGT from the seed folder", job.Stdout);
            Assert.Contains("ref-refused", job.Stdout);
            Assert.Contains("root-refused", job.Stdout);
            Assert.Contains("Read-only file system", job.Stdout);
            Assert.Contains("writes-ok", job.Stdout);
            Assert.Contains("on=compute-st-c6i-large-1", job.Stdout);
            // The head node sees what the compute node wrote: one directory per mount, not one per node.
            var head = await PetalProcess.RunAsync(["ssh", name, "--", "cat", $"{HostRoot}/projects/p", "/shared/efs/e"], Env);
            Assert.Equal("p\ne\n", head.Stdout);
            // The host's own view has only empty mount points.
            Assert.Empty(Directory.EnumerateFileSystemEntries($"{HostRoot}/projects"));

            var human = await PetalProcess.RunAsync(["status", name], Env);
            Assert.True(human.ExitCode == 0, human.Stderr);
            foreach (var text in new[] { $"{HostRoot}/ref", "read-only", "mnt-refs", "projects", "home-ext", "ebs", "efs", "Not emulated" })
                Assert.Contains(text, human.Stdout);
            var json = await PetalProcess.RunAsync(["status", name, "--output", "json"], Env);
            var mounts = JsonNode.Parse(json.Stdout)!["mounts"]!.AsArray();
            Assert.Equal(["s3", "ebs", "efs"], mounts.Select(m => (string)m!["kind"]!));
            Assert.Equal([true, false, false], mounts.Select(m => (bool)m!["read_only"]!));
            Assert.Contains($"seeded from {folder}", (string)mounts[0]!["emulation"]!);
            Assert.All(mounts, m => Assert.StartsWith("local directory ", (string)m!["emulation"]!));
            Assert.All(mounts, m => Assert.False(string.IsNullOrEmpty((string?)m!["not_emulated"])));
        }
        finally
        {
            var deleted = await PetalProcess.RunAsync(["delete", name, "--yes"], Env, TimeSpan.FromSeconds(120));
            Assert.True(deleted.ExitCode == 0, deleted.Stderr);
        }
        Assert.False(Directory.Exists(HostRoot), $"delete left {HostRoot}");
        Assert.False(Directory.Exists(Path.Combine(_dir.File("st"), "local", name)));
        Assert.True(File.Exists(Path.Combine(folder, "genome", "hg38.txt")), "delete touched the seed folder");
    }

    [Fact]
    public async Task S3_seeds_naming_no_mount_or_no_folder_are_refused_before_anything_is_made()
    {
        var name = TestNames.Unique("mntbad");
        var r = await PetalProcess.RunAsync(["create", Seed($"mntb{Pid % 100000}u", 2877), "--name", name,
            "--s3-seed", "other-bucket=/tmp", "--s3-seed", $"mnt-refs={_dir.File("missing")}", "--s3-seed", "no-equals-sign"], Env);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no-equals-sign", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        var r2 = await PetalProcess.RunAsync(["create", Seed($"mntb{Pid % 100000}u", 2877), "--name", name,
            "--s3-seed", "other-bucket=/tmp", "--s3-seed", $"mnt-refs={_dir.File("missing")}"], Env);
        Assert.Equal(2, r2.ExitCode);
        Assert.Contains("the seed mounts no bucket 'other-bucket'; its buckets: mnt-refs", r2.Stderr);
        Assert.Contains("not a directory", r2.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir.File("st"), "local", name)));
        Assert.False(Directory.Exists(HostRoot));
    }

    /// <summary>A one-queue seed with one static node and one user, then <paramref name="mounts"/> (its data and shared_storage sections).</summary>
    private string OneQueueSeed(string name, string user, int uid, string mounts) =>
        TwinSeeds.OneQueueFile(_dir, $"{name}.yaml", name, user, uid, more: mounts);

    /// <summary>A mount point the host holds a file at cannot be bound: create, status and `petal test` say "not emulated", and its check is skipped, not passed.</summary>
    [Fact]
    public async Task A_mount_the_twin_cannot_emulate_is_listed_and_its_check_is_skipped_not_passed()
    {
        var (name, user) = (TestNames.Unique("mntne"), $"mntn{Pid % 100000}u");
        var blocker = $"/petal-mnt-{Pid}-file";
        File.WriteAllText(blocker, "a file where the seed wants a mount point\n");
        var seed = OneQueueSeed("blocked", user, 2878, $"shared_storage:\n  - {{ name: projects, type: ebs, mount_dir: {blocker}, size_gb: 100 }}\n");
        try
        {
            var created = await PetalProcess.RunAsync(["create", seed, "--name", name], Env, TimeSpan.FromSeconds(180));
            Assert.True(created.ExitCode == 0, created.Stdout + created.Stderr);
            Assert.Contains($"{blocker} is a file on this host", created.Stdout);
            var json = JsonNode.Parse((await PetalProcess.RunAsync(["status", name, "--output", "json"], Env)).Stdout)!;
            Assert.Equal("not emulated", (string)json["mounts"]![0]!["emulation"]!);
            var test = await PetalProcess.RunAsync(["test", name, "--phase", "3"], Env, TimeSpan.FromSeconds(300));
            Assert.Contains("p3.mount.1", test.Stdout);
            Assert.Matches(@"p3\.mount\.1\s+must\s+\S+\s+skipped", test.Stdout);
            // Two skipped: this mount, and p3.s3 (the seed has no S3 mounts).
            Assert.Contains("Outcome A (2 must-have check(s) skipped: not verified)", test.Stdout);
            Assert.Contains($"{blocker} is mounted, readable and writable (not emulated on the twin: everything: {blocker} is a file on this host)", test.Stdout);
            Assert.Equal("a file where the seed wants a mount point\n", File.ReadAllText(blocker));
        }
        finally
        {
            await PetalProcess.RunAsync(["delete", name, "--yes"], Env, TimeSpan.FromSeconds(120));
            File.Delete(blocker);
        }
    }

    [Fact]
    public async Task A_shared_home_is_the_twins_own_home_in_create_status_and_test()
    {
        var (name, user) = (TestNames.Unique("mnthome"), $"mnth{Pid % 100000}u");
        var seed = OneQueueSeed("home", user, 2879, "shared_storage:\n  - { name: homes, type: efs, mount_dir: /home, deletion_policy: Retain }\n");
        try
        {
            var created = await PetalProcess.RunAsync(["create", seed, "--name", name], Env, TimeSpan.FromSeconds(180));
            Assert.True(created.ExitCode == 0, created.Stdout + created.Stderr);
            Assert.Contains("the twin's shared /home", created.Stdout);
            var json = JsonNode.Parse((await PetalProcess.RunAsync(["status", name, "--output", "json"], Env)).Stdout)!;
            var mount = json["mounts"]!.AsArray().Single()!;
            Assert.Equal(("/home", "efs"), ((string)mount["mount_dir"]!, (string)mount["kind"]!));
            Assert.StartsWith("the twin's shared /home (local directory ", (string)mount["emulation"]!);
            Assert.EndsWith("the users' homes are the twin's own shared /home", (string)mount["not_emulated"]!);
            // The user's home is still there on a compute node: nothing was bound over the twin's /home.
            var job = await PetalProcess.RunAsync(["ssh", name, "--", "srun", "-p", "compute", "runuser", "-u", user, "--", "sh", "-c", "touch ~/from-compute && ls -d ~"], Env, TimeSpan.FromSeconds(120));
            Assert.True(job.ExitCode == 0, job.Stdout + job.Stderr);
            Assert.Contains($"/home/{user}", job.Stdout);
            var test = await PetalProcess.RunAsync(["test", name, "--phase", "3"], Env, TimeSpan.FromSeconds(300));
            // Written in the user's own home (/home itself is root's, on the twin as on ParallelCluster).
            Assert.Matches(@"p3\.mount\.1\s+must\s+\S+\s+pass\s+\S+\s+/home is readable and writable \(emulated by a local directory; not emulated: ", test.Stdout);
            // Only p3.s3 is skipped (the seed has no S3 mounts).
            Assert.Contains("Outcome A (1 must-have check(s) skipped: not verified)", test.Stdout);
        }
        finally
        {
            var deleted = await PetalProcess.RunAsync(["delete", name, "--yes"], Env, TimeSpan.FromSeconds(120));
            Assert.True(deleted.ExitCode == 0, deleted.Stderr);
        }
        Assert.True(Directory.Exists("/home"), "delete must not touch the host's /home");
    }

    public void Dispose() => _dir.Dispose();
}

/// <summary>The mount plan and the lines the views run, without a twin.</summary>
public sealed class TwinMountPlanTests
{
    private static Seed WithMounts(bool readOnly) => TwinSeeds.Make(SoftwareLayout.Ami, [TwinSeeds.Queue("q", "c5.large", 1, 1)]) with
    {
        Data = new DataSection { S3Mounts = [new S3Mount { Bucket = "b", MountPoint = "/data/it's/", ReadOnly = readOnly }] },
        SharedStorage = [new SharedStorageSpec { Name = "fs", Type = StorageType.FsxLustre, MountDir = "/fsx" }],
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_view_binds_each_mount_quoted_and_remounts_read_only_ones(bool readOnly)
    {
        var mounts = TwinMounts.Plan(WithMounts(readOnly), new Dictionary<string, string>(), _ => null);
        var o = new TwinScriptOptions(SoftwareLayout.Ami, false, mounts);
        var t = new TwinLayout("/var/petal/local/demo");
        foreach (var script in new[] { TwinScripts.NodeNamespace(t, o), TwinScripts.HeadNamespace(t, o) })
        {
            Assert.Contains("mkdir -p '/data/it'\\''s' && mount --bind '/var/petal/local/demo/mounts/0' '/data/it'\\''s'\n", script);
            Assert.Equal(readOnly, script.Contains("mount -o remount,bind,ro '/data/it'\\''s'\n"));
            Assert.Contains("mount --bind '/var/petal/local/demo/mounts/1' '/fsx'\n", script);
            Assert.DoesNotContain("remount,bind,ro '/fsx'", script);
            // After /shared and /home, so a mount point under them lands in the twin's copy.
            Assert.True(script.IndexOf("/data/it", StringComparison.Ordinal) > script.IndexOf("/head/home' ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_mount_point_the_host_cannot_give_is_listed_as_not_emulated_and_not_bound()
    {
        var mounts = TwinMounts.Plan(WithMounts(true), new Dictionary<string, string> { ["b"] = "/src" }, d => d == "/fsx" ? "/fsx is a file on this host" : null);
        Assert.True(mounts[0].Emulated);
        Assert.Equal("/src", mounts[0].SeededFrom);
        Assert.Equal("/data/it's", mounts[0].MountDir);
        Assert.False(mounts[1].Emulated);
        Assert.Contains("/fsx is a file on this host", mounts[1].NotEmulated);
        var script = TwinScripts.NodeNamespace(new TwinLayout("/x/demo"), new TwinScriptOptions(SoftwareLayout.Ami, false, mounts));
        Assert.DoesNotContain("'/fsx'", script);
    }

    [Fact]
    public void A_shared_home_is_the_twins_own_home_and_binds_nothing_over_it()
    {
        var seed = TwinSeeds.Make(SoftwareLayout.Ami, [TwinSeeds.Queue("q", "c5.large", 1, 1)]) with
        {
            SharedStorage =
            [
                new SharedStorageSpec { Name = "home", Type = StorageType.Efs, MountDir = "/home" },
                new SharedStorageSpec { Name = "fs", Type = StorageType.FsxLustre, MountDir = "/fsx" },
            ],
        };
        // The host is never asked about /home: the twin binds its own head-node export there.
        var mounts = TwinMounts.Plan(seed, new Dictionary<string, string>(), d => d == "/home" ? throw new InvalidOperationException("asked the host about /home") : null);
        Assert.True(mounts[0].IsTwinHome);
        Assert.True(mounts[0].Emulated);
        Assert.EndsWith("the users' homes are the twin's own shared /home", mounts[0].NotEmulated);
        Assert.False(mounts[1].IsTwinHome);
        var t = new TwinLayout("/var/petal/local/demo");
        foreach (var script in new[] { TwinScripts.NodeNamespace(t, new TwinScriptOptions(SoftwareLayout.Ami, false, mounts)), TwinScripts.HeadNamespace(t, new TwinScriptOptions(SoftwareLayout.Ami, false, mounts)) })
        {
            Assert.DoesNotContain("/mounts/0", script);
            Assert.DoesNotContain("mkdir -p '/home'", script);
            Assert.Contains("mount --bind '/var/petal/local/demo/mounts/1' '/fsx'\n", script);
            Assert.Contains("/head/home' '/home'", script);
        }
    }

    [Fact]
    public void Host_mount_points_to_make_are_the_missing_ancestors_shallowest_first()
    {
        var existing = new HashSet<string> { "/a" };
        Assert.Equal(["/a/b", "/a/b/c"], TwinMounts.MissingOnHost("/a/b/c", existing.Contains));
        Assert.True(TwinMounts.InTwinTree("/shared/efs"));
        Assert.False(TwinMounts.InTwinTree("/sharedx"));
    }

    [Theory]
    [InlineData("b=/x", true)]
    [InlineData("b=", false)]
    [InlineData("=/x", false)]
    [InlineData("b", false)]
    public void S3_seed_options_are_bucket_equals_folder(string option, bool ok)
    {
        if (ok) Assert.Equal("/x", TwinMounts.ParseSeeds([option])["b"]);
        else Assert.Throws<Petal.Common.UserInputException>(() => TwinMounts.ParseSeeds([option]));
    }
}
