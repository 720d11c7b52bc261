using Petal.Tests.Support;

namespace Petal.Tests.Seeds;

/// <summary>
/// Issue 13 "Seeds, names, paths", through the real CLI: values with a trailing newline, names that are paths,
/// `extends` outside the seed's folder, NUL in a bucket, paths Linux cannot make. Each is exit 2 with the place
/// and nothing written.
/// </summary>
public sealed class HostileSeedCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private IReadOnlyDictionary<string, string> Env => new Dictionary<string, string> { ["PETAL_STATE_DIR"] = _dir.File("state") };

    private Task<PetalProcess.Result> Petal(params string[] args) => PetalProcess.RunAsync(args, Env);

    /// <summary>A seed using every name, id, version and mount field, each a double-quoted YAML string.</summary>
    private static readonly (string Path, string Value)[] Fields =
    [
        ("cluster.name", "hostile"),
        ("cluster.region", "us-east-1"),
        ("cluster.parallelcluster_version", "3.12.0"),
        ("compute.head_node", "c6i.large"),
        ("compute.queues[0].name", "compute"),
        ("compute.queues[0].instance_types[0]", "c6i.large"),
        ("software.spack_version", "0.23.1"),
        ("users[0].name", "alice"),
        ("data.s3_mounts[0].bucket", "my-data-bucket"),
        ("data.s3_mounts[0].mount_point", "/data/ref"),
        ("shared_storage[0].name", "scratch"),
        ("shared_storage[0].mount_dir", "/scratch"),
        ("shared_storage[0].snapshot_id", "snap-0123456789abcdef0"),
        ("shared_storage[1].name", "home2"),
        ("shared_storage[1].mount_dir", "/home2"),
        ("shared_storage[1].file_system_id", "fs-0123456789abcdef0"),
    ];

    private static string SeedWith(string? changedPath, string suffix)
    {
        string V(string path) => "\"" + Fields.Single(f => f.Path == path).Value + (path == changedPath ? suffix : "") + "\"";
        return $$"""
            cluster:
              name: {{V("cluster.name")}}
              region: {{V("cluster.region")}}
              parallelcluster_version: {{V("cluster.parallelcluster_version")}}
            compute:
              head_node: {{V("compute.head_node")}}
              queues:
                - name: {{V("compute.queues[0].name")}}
                  instance_types: [{{V("compute.queues[0].instance_types[0]")}}]
                  max_count: 4
            software:
              spack_version: {{V("software.spack_version")}}
              spack_packages: [gcc@13.2.0]
            users:
              - { name: {{V("users[0].name")}}, uid: 2001, gid: 2001 }
            data:
              s3_mounts:
                - { bucket: {{V("data.s3_mounts[0].bucket")}}, mount_point: {{V("data.s3_mounts[0].mount_point")}} }
            shared_storage:
              - { name: {{V("shared_storage[0].name")}}, type: ebs, mount_dir: {{V("shared_storage[0].mount_dir")}}, snapshot_id: {{V("shared_storage[0].snapshot_id")}} }
              - { name: {{V("shared_storage[1].name")}}, type: fsx-lustre, mount_dir: {{V("shared_storage[1].mount_dir")}}, file_system_id: {{V("shared_storage[1].file_system_id")}} }
            """;
    }

    public static TheoryData<string> FieldPaths() => [.. Fields.Select(f => f.Path)];

    [Fact]
    public async Task The_seed_with_every_field_is_valid()
    {
        var r = await Petal("validate", _dir.Write("ok.yaml", SeedWith(null, "")));
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
    }

    [Theory]
    [MemberData(nameof(FieldPaths))]
    public async Task A_trailing_newline_in_any_field_is_refused_by_validate_and_plan(string path)
    {
        var seed = _dir.Write("nl.yaml", SeedWith(path, "\\n"));
        var validate = await Petal("validate", seed);
        Assert.True(validate.ExitCode == 2, $"{path}: {validate.Stdout}{validate.Stderr}");
        Assert.Contains(path, validate.Stdout);
        Assert.Matches(@"nl\.yaml:\d+:\d+: error", validate.Stdout);

        var outDir = _dir.File("plan-nl");
        var plan = await Petal("plan", seed, "-o", outDir);
        Assert.Equal(2, plan.ExitCode);
        Assert.False(Directory.Exists(outDir));
    }

    public static TheoryData<string, string> PlanOptions() => new()
    {
        { "--key-name", "my-key" }, { "--subnet-id", "subnet-0123456789abcdef0" }, { "--custom-ami", "ami-0123456789abcdef0" },
        { "--snapshot-id", "snap-0123456789abcdef0" }, { "--bucket", "my-bucket" }, { "--layout", "ami" },
    };

    [Theory]
    [MemberData(nameof(PlanOptions))]
    public async Task A_trailing_newline_in_a_plan_option_is_refused(string option, string value)
    {
        var seed = Path.Combine(RepoPaths.Seeds, "examples", "minimal.yaml");
        var ok = await Petal("plan", seed, "-o", _dir.File("plan-ok"), option, value);
        Assert.True(ok.ExitCode == 0, ok.Stderr);
        var outDir = _dir.File("plan-nl");
        var bad = await Petal("plan", seed, "-o", outDir, option, value + "\n");
        Assert.True(bad.ExitCode == 2, $"{option}: {bad.Stdout}{bad.Stderr}");
        Assert.Contains(option, bad.Stdout + bad.Stderr);
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData("twin\n")]
    [InlineData("../twin")]
    [InlineData("/tmp/twin")]
    public async Task Create_refuses_a_name_that_is_not_a_twin_name(string name)
    {
        var r = await Petal("create", Path.Combine(RepoPaths.Seeds, "examples", "minimal.yaml"), "--name", name);
        Assert.True(r.ExitCode == 2, r.Stdout + r.Stderr);
        Assert.Contains("cluster name", r.Stderr);
        Assert.False(Directory.Exists(_dir.File("state/local")) && Directory.EnumerateFileSystemEntries(_dir.File("state/local")).Any());
    }

    /// <summary>
    /// A folder outside the state dir made to look like a twin: its head-ns.sh would leave a mark when run. Every
    /// command that takes a cluster name refuses the path before reading anything there.
    /// </summary>
    [Theory]
    [InlineData("ssh", "{0}", "--", "true")]
    [InlineData("spot", "reclaim", "--cluster", "{0}", "node-1")]
    [InlineData("status", "{0}")]
    [InlineData("delete", "{0}", "--yes")]
    [InlineData("test", "{0}")]
    public async Task Commands_refuse_a_path_as_cluster_name(params string[] template)
    {
        var evil = _dir.File("evil");
        var mark = _dir.File("ran");
        _dir.Write("evil/state.json", $$"""{ "name": "evil", "root": "{{evil}}", "status": "ready", "slurmctld_pid": 1 }""");
        _dir.Write("evil/bin/head-ns.sh", $"#!/bin/sh\ntouch {mark}\n");
        File.SetUnixFileMode(_dir.File("evil/bin/head-ns.sh"), (UnixFileMode)0b111_101_101);
        Directory.CreateDirectory(_dir.File("state/local"));
        foreach (var name in new[] { "../../evil", evil, "evil\n" })
        {
            var r = await Petal([.. template.Select(a => string.Format(a, name))]);
            Assert.True(r.ExitCode == 2, $"{string.Join(' ', template)} {name}: {r.Stdout}{r.Stderr}");
            Assert.False(File.Exists(mark));
            Assert.True(File.Exists(_dir.File("evil/state.json")));
        }
    }

    [Theory]
    [InlineData("abs")]
    [InlineData("dotdot")]
    [InlineData("link")]
    [InlineData("nul")]
    [InlineData("newline")]
    public async Task Extends_outside_the_seed_folder_is_refused_without_echoing_the_file(string kind)
    {
        var secret = _dir.Write("outside/secret.yaml", "root:x:0:0: TOPSECRET\nshadow_line: TOPSECRET\n");
        Directory.CreateDirectory(_dir.File("seeds"));
        if (kind == "link") File.CreateSymbolicLink(_dir.File("seeds/base.yaml"), secret);
        var extends = kind switch
        {
            "abs" => secret,
            "dotdot" => "../outside/secret.yaml",
            "link" => "base.yaml",
            "nul" => "base\\0.yaml",
            _ => "base.yaml\\n",
        };
        var seed = _dir.Write("seeds/seed.yaml", $"extends: \"{extends}\"\n" + SeedText.Valid);
        var r = await Petal("validate", seed);
        Assert.True(r.ExitCode == 2, r.Stdout + r.Stderr);
        Assert.Matches(@"seed\.yaml:1:10: error\[SEED-EXTENDS\] extends", r.Stdout);
        Assert.DoesNotContain("TOPSECRET", r.Stdout + r.Stderr);
        Assert.DoesNotContain("Exception", r.Stdout + r.Stderr);
    }

    [Fact]
    public async Task Extends_through_a_subfolder_back_into_the_seed_folder_is_allowed()
    {
        _dir.Write("seeds/base.yaml", SeedText.Valid);
        _dir.Write("seeds/common/mid.yaml", "extends: ../base.yaml\ncluster: { region: us-west-2 }\n");
        var seed = _dir.Write("seeds/seed.yaml", "extends: common/mid.yaml\ncluster: { name: derived }\n");
        var r = await Petal("validate", seed);
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
    }

    [Fact]
    public async Task An_S3_bucket_with_NUL_is_refused()
    {
        var seed = _dir.Write("nul.yaml", SeedText.Valid + "\ndata:\n  s3_mounts:\n    - { bucket: \"my\\0bucket\", mount_point: /data/ref }\n");
        var r = await Petal("validate", seed);
        Assert.True(r.ExitCode == 2, r.Stdout + r.Stderr);
        Assert.Contains("data.s3_mounts[0].bucket", r.Stdout);
        Assert.Contains("U+0000", r.Stdout);
    }

    public static TheoryData<string> TooLongPaths() =>
    [
        "/data/" + new string('a', 256),
        string.Concat(Enumerable.Repeat("/" + new string('b', 200), 21)),
    ];

    [Theory]
    [MemberData(nameof(TooLongPaths))]
    public async Task A_path_Linux_cannot_make_is_refused_by_validate_and_plan(string dir)
    {
        var seed = _dir.Write("long.yaml", SeedText.Valid + $"\ndata:\n  s3_mounts:\n    - {{ bucket: my-bucket, mount_point: {dir} }}\n");
        var r = await Petal("validate", seed);
        Assert.True(r.ExitCode == 2, r.Stdout + r.Stderr);
        Assert.Contains("data.s3_mounts[0].mount_point", r.Stdout);
        Assert.Contains("bytes, more than Linux's", r.Stdout);
        Assert.Equal(2, (await Petal("plan", seed, "-o", _dir.File("p"))).ExitCode);
        Assert.False(Directory.Exists(_dir.File("p")));
    }

    [Fact]
    public async Task Twenty_thousand_s3_mounts_are_refused_by_the_list_bound()
    {
        var mounts = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"  - {{bucket: b-{i},mount_point: /d{i}}}\n"));
        var r = await Petal("validate", _dir.Write("many.yaml", SeedText.Valid + "\ndata:\n  s3_mounts:\n" + mounts));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("data.s3_mounts: has 20000 items, at most 64 are allowed", r.Stdout);
        Assert.DoesNotContain("MOUNT-CONFLICT", r.Stdout);
    }

    public void Dispose() => _dir.Dispose();
}
