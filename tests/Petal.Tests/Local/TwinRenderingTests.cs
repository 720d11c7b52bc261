using Petal.Common;
using Petal.Providers.Local;
using Petal.Seeds;

namespace Petal.Tests.Local;

/// <summary>The pure parts of the twin: node names, slurm.conf, software matching, modulefiles, Debian versions, scripts.</summary>
public sealed class TwinRenderingTests
{
    private static readonly TwinLayout Layout = new("/var/petal/local/demo");

    private static TwinTopology Topology(long hostMemory = 24000) =>
        TwinTopologyPlanner.Plan(TwinSeeds.Make(SoftwareLayout.Ami,
            [TwinSeeds.Queue("compute", "c5.large", 2, 4), TwinSeeds.Queue("big", "c5n.18xlarge", 0, 1)]), new SmallCatalog(), hostMemory, 21001);

    [Fact]
    public void Nodes_are_named_like_parallelcluster_static_first()
    {
        Assert.Equal(
            ["compute-st-c5-large-1", "compute-st-c5-large-2", "compute-dy-c5-large-1", "compute-dy-c5-large-2", "big-dy-c5n-18xlarge-1"],
            Topology().Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Memory_is_capped_to_the_host_and_the_cap_reported()
    {
        var t = Topology(hostMemory: 24000);
        Assert.Equal(24000 - TwinTopologyPlanner.HostMemoryMarginMiB, t.MemoryCapMiB);
        Assert.Equal(4096, t.Nodes[0].MemoryMiB);
        Assert.Equal(t.MemoryCapMiB, t.Nodes[^1].MemoryMiB);
        Assert.Equal(72, t.Nodes[^1].Cpus);
        Assert.Null(Topology(hostMemory: 500_000).MemoryCapMiB);
    }

    [Fact]
    public void Slurm_conf_has_own_munge_ports_partitions_and_cloud_nodes()
    {
        var conf = SlurmConfRenderer.Render("demo", Layout, Topology(), new SlurmConfSettings(21000, SuspendTimeSeconds: 30));
        Assert.Contains("ClusterName=demo\n", conf);
        Assert.Contains("SlurmctldPort=21000\n", conf);
        Assert.Contains("AuthInfo=socket=/var/petal/local/demo/run/munge.sock,cred_expire=10\n", conf);
        Assert.Contains("SuspendTime=30\n", conf);
        Assert.Contains("SuspendExcNodes=compute-st-c5-large-1,compute-st-c5-large-2\n", conf);
        Assert.Contains("NodeName=compute-st-c5-large-1 NodeHostname=localhost NodeAddr=127.0.0.1 Port=21001 CPUs=2 RealMemory=4096 Feature=static,c5.large State=UNKNOWN\n", conf);
        Assert.Contains("NodeName=compute-dy-c5-large-1 NodeHostname=localhost NodeAddr=127.0.0.1 Port=21003 CPUs=2 RealMemory=4096 Feature=dynamic,c5.large State=CLOUD\n", conf);
        Assert.Contains("PartitionName=compute Nodes=compute-st-c5-large-1,compute-st-c5-large-2,compute-dy-c5-large-1,compute-dy-c5-large-2 Default=YES", conf);
        Assert.Contains("PartitionName=big Nodes=big-dy-c5n-18xlarge-1 MaxTime", conf);
        Assert.DoesNotContain("/etc/munge", conf);
        Assert.Contains("PrologSlurmctld=/var/petal/local/demo/bin/prolog-slurmctld.sh\n", conf);
    }

    private static HostPackage Host(string spack, string? version) =>
        new(HostPackageInfo.All.Single(p => p.Spack == spack), version, version is null ? [] : [("x", "x")]);

    [Fact]
    public void Specs_match_host_versions_by_spack_rules_and_the_rest_is_reported()
    {
        var host = new[] { Host("gcc", "12.2.0"), Host("openmpi", "4.1.4"), Host("cmake", null) };
        var m = SoftwareMatcher.Match(["gcc@12", "gcc@11.3.0", "openmpi@4.0:4.1", "cmake", "fftw@3"], host);
        Assert.Equal(["gcc@12", "openmpi@4.0:4.1"], m.Matched.Select(x => x.Spec));
        Assert.Equal("gcc/12.2.0", m.Matched[0].Module);
        Assert.Equal(["gcc@11.3.0", "cmake", "fftw@3"], m.Unsatisfied.Select(u => u.Spec));
        Assert.Contains("12.2.0", m.Unsatisfied[0].Reason);
        Assert.Contains("install-deps.sh", m.Unsatisfied[1].Reason);
        Assert.Contains("no host installation of fftw", m.Unsatisfied[2].Reason);
    }

    [Theory]
    [InlineData("4:12.2.0-3", "12.2.0")]
    [InlineData("4.1.4-3+b1", "4.1.4")]
    [InlineData("20220106.git7586adbb6a+ds1-2+b2", "20220106")]
    [InlineData("1:2.39.5-0+deb12u3", "2.39.5")]
    public void Debian_versions_become_upstream_versions(string debian, string upstream) =>
        Assert.Equal(upstream, DebianVersion.Upstream(debian));

    [Fact]
    public void Modulefile_prepends_bin_sets_root_and_family()
    {
        var lua = ModulefileWriter.Render("openmpi", "4.1.4", "/opt/spack/openmpi/4.1.4", "Open MPI", "mpi");
        Assert.Contains("family(\"mpi\")\n", lua);
        Assert.Contains("local root = \"/opt/spack/openmpi/4.1.4\"\n", lua);
        Assert.Contains("prepend_path(\"PATH\", pathJoin(root, \"bin\"))\n", lua);
        Assert.Contains("setenv(\"OPENMPI_ROOT\", root)\n", lua);
        Assert.Equal("openmpi/4.1.4.lua", ModulefileWriter.RelativePath("openmpi", "4.1.4"));
    }

    [Fact]
    public async Task Scripts_are_valid_bash_shellcheck_clean_and_quote_the_twin_directory()
    {
        var weird = new TwinLayout("/tmp/it's a twin");
        var o = new TwinScriptOptions(SoftwareLayout.Shared, BrokenSoftwareView: true);
        foreach (var script in new[] { TwinScripts.NodeStart(weird, o), TwinScripts.NodeNamespace(weird, o), TwinScripts.HeadNamespace(weird, o),
                     TwinScripts.Resume(weird), TwinScripts.Suspend(weird), TwinScripts.LaunchType(weird), TwinScripts.TaskProlog(o),
                     TwinScripts.PrologSlurmctld(weird, 60) })
        {
            Assert.Contains("#!/bin/bash\n", script);
            var r = await ProcessRunner.RunAsync("bash", ["-n", "-c", script]);
            Assert.True(r.ExitCode == 0, r.Stderr + script);
            using var dir = new Support.TempDirectory();
            var lint = await ProcessRunner.RunAsync("shellcheck", ["-S", "warning", "-f", "gcc", dir.Write("script.sh", script)]);
            Assert.True(lint.ExitCode == 0, lint.Stdout + script);
        }
        // Every path is the layout's own, quoted; a per-node path splices the checked node name between quoted parts.
        Assert.Contains("mount --bind '/tmp/it'\\''s a twin/empty' '/shared/spack'", TwinScripts.NodeNamespace(weird, o));
        Assert.Contains("pidfile='/tmp/it'\\''s a twin/run/node-'\"$node\"'.pid'", TwinScripts.NodeStart(weird, o));
        Assert.Contains($"mkdir -p {ShellQuote.Single(weird.SpoolDir + "/")}\"$node\"\n", TwinScripts.NodeStart(weird, o));
        foreach (var script in new[] { TwinScripts.NodeStart(weird, o), TwinScripts.Suspend(weird), TwinScripts.LaunchType(weird) })
            Assert.DoesNotContain("$T", script);
    }

    [Fact]
    public async Task Per_node_paths_in_the_scripts_are_the_layouts_own_for_any_node_name()
    {
        // Seeded: node names as NodeNaming makes them ([a-z0-9-]); twin roots with characters bash would otherwise expand.
        var random = new Random(17);
        foreach (var root in new[] { "/tmp/it's a twin", "/tmp/$HOME `x` \"q\"", "/tmp/plain" })
        {
            var t = new TwinLayout(root);
            var o = new TwinScriptOptions(SoftwareLayout.Ami, BrokenSoftwareView: false);
            var start = TwinScripts.NodeStart(t, o).Split('\n');
            var launch = TwinScripts.LaunchType(t).Split('\n');
            string Line(string[] lines, string prefix) => lines.First(l => l.StartsWith(prefix, StringComparison.Ordinal));
            for (var i = 0; i < 5; i++)
            {
                var node = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => "abcdefghijklmnopqrstuvwxyz0123456789-"[random.Next(37)]));
                var fleet = node.Contains('-') ? node[..node.LastIndexOf('-')] : node;
                var bash = $"node={ShellQuote.Single(node)}; fleet={ShellQuote.Single(fleet)}\n{Line(start, "pidfile=")}\n" +
                           $"spool={Line(start, "mkdir -p ")["mkdir -p ".Length..]}\n{Line(launch, "types=")}\n{Line(launch, "counter=")}\n{Line(launch, "record=")}\n" +
                           "printf '%s\\n' \"$pidfile\" \"$spool\" \"$types\" \"$counter\" \"$record\"";
                var r = await ProcessRunner.RunAsync("bash", ["-c", bash]);
                Assert.Equal(0, r.ExitCode);
                Assert.Equal([t.SlurmdPidFile(node), t.NodeSpoolDir(node), t.LaunchTypesFile(fleet), t.LaunchCounter(fleet), t.LaunchRecord(node)],
                    r.Stdout.TrimEnd('\n').Split('\n'));
            }
        }
    }

    [Fact]
    public async Task Launch_type_script_records_the_fleets_types_round_robin_where_the_layout_reads_them()
    {
        using var dir = new Support.TempDirectory();
        var t = new TwinLayout(Path.Combine(dir.Path, "it's $x"));
        var node = new TwinNode("spot-dy-c5-large-1", "spot", "c5-large", "t3a.micro", false, 2, 4096, 0) { InstanceTypes = ["t3a.micro", "t3.micro"] };
        TwinLaunches.Configure(t, [node, node with { Name = "spot-dy-c5-large-2" }]);
        var script = dir.Write("launch-type.sh", TwinScripts.LaunchType(t));
        foreach (var (name, expected) in new[] { ("spot-dy-c5-large-1", "t3a.micro"), ("spot-dy-c5-large-2", "t3.micro") })
        {
            var r = await ProcessRunner.RunAsync("bash", [script, name]);
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Equal(expected, TwinLaunches.Read(t)[name].InstanceType);
        }
    }
}
