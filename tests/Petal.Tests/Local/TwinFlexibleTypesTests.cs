using Petal.Catalog;
using Petal.Providers.Local;
using Petal.Seeds;
using Petal.Tests.Support;

namespace Petal.Tests.Local;

/// <summary>
/// Mixed instance types in a twin queue without a running twin: node shape and slurm.conf of a flexible compute
/// resource, launch order, and launch-type.sh's round-robin run by bash in a scratch twin directory.
/// </summary>
public sealed class TwinFlexibleTypesTests
{
    private static readonly TwinLayout Layout = new("/var/petal/local/demo");
    private static readonly SmallCatalog Catalog = new();

    private static QueueSpec Spot(string name, int min, int max, params string[] types) =>
        new() { Name = name, InstanceTypes = types, MinCount = min, MaxCount = max, Capacity = CapacityType.Spot };

    [Fact]
    public void A_flexible_spot_resource_gets_the_smallest_shape_and_its_dynamic_nodes_every_type()
    {
        // c5.large and t3.micro: both 2 vCPUs (one flexible resource), 4096 and 1024 MiB.
        var t = TwinTopologyPlanner.Plan(TwinSeeds.Make(SoftwareLayout.Ami, [Spot("spot", 1, 3, "c5.large", "t3.micro")]), Catalog, 24000, 21001);
        Assert.Equal(["spot-st-c5-large-flex-1", "spot-dy-c5-large-flex-1", "spot-dy-c5-large-flex-2"], t.Nodes.Select(n => n.Name));
        Assert.All(t.Nodes, n => Assert.Equal((2, 1024L), (n.Cpus, n.MemoryMiB)));
        Assert.Equal(["c5.large"], t.Nodes[0].InstanceTypes);
        Assert.All(t.DynamicNodes, n => Assert.Equal(["c5.large", "t3.micro"], n.InstanceTypes));

        var conf = SlurmConfRenderer.Render("demo", Layout, t, new SlurmConfSettings(21000));
        Assert.Contains("NodeName=spot-st-c5-large-flex-1 NodeHostname=localhost NodeAddr=127.0.0.1 Port=21001 CPUs=2 RealMemory=1024 Feature=static,c5.large State=UNKNOWN\n", conf);
        Assert.Contains("NodeName=spot-dy-c5-large-flex-2 NodeHostname=localhost NodeAddr=127.0.0.1 Port=21003 CPUs=2 RealMemory=1024 Feature=dynamic,c5.large,t3.micro State=CLOUD\n", conf);
    }

    [Fact]
    public void Reconfiguring_a_queue_to_mixed_types_takes_the_fewest_cpus_and_least_memory_capped_to_the_host()
    {
        var seed = TwinSeeds.Make(SoftwareLayout.Ami, [TwinSeeds.Queue("compute", "c5.large", 1, 2), TwinSeeds.Queue("spot", "c5.large", 1, 3)]);
        var before = TwinTopologyPlanner.Plan(seed, Catalog, 24000, 21001);
        var types = new[] { "c5.xlarge", "c5n.18xlarge" }.Select(n => Catalog.Find(n)!).ToList();

        var nodes = TwinTopologyPlanner.Reconfigure(before.Nodes, "spot", types, cap: 6000);

        var changed = nodes.Where(n => n.Queue == "spot" && !n.IsStatic).ToList();
        Assert.Equal(2, changed.Count);
        // 4 and 72 vCPUs: ParallelCluster's minimum; 8192 and 196608 MiB: the least, then the host cap.
        Assert.All(changed, n => Assert.Equal((4, 6000L, "c5.xlarge"), (n.Cpus, n.MemoryMiB, n.InstanceType)));
        Assert.All(changed, n => Assert.Equal(["c5.xlarge", "c5n.18xlarge"], n.InstanceTypes));
        Assert.Equal(before.Nodes.Where(n => n.Queue != "spot" || n.IsStatic), nodes.Where(n => n.Queue != "spot" || n.IsStatic));

        var conf = SlurmConfRenderer.Render("demo", Layout, before with { Nodes = nodes }, new SlurmConfSettings(21000));
        Assert.Contains("NodeName=spot-dy-c5-large-1 NodeHostname=localhost NodeAddr=127.0.0.1 Port=21004 CPUs=4 RealMemory=6000 Feature=dynamic,c5.xlarge,c5n.18xlarge State=CLOUD\n", conf);
        Assert.Contains("NodeName=compute-dy-c5-large-1 NodeHostname=localhost NodeAddr=127.0.0.1 Port=21002 CPUs=2 RealMemory=4096 Feature=dynamic,c5.large State=CLOUD\n", conf);
    }

    [Fact]
    public void Launch_order_is_cheapest_spot_estimate_first_whatever_the_seed_order()
    {
        var catalog = EmbeddedCatalog.Default;
        string[] types = ["c5.large", "c6a.large", "m5.large"];
        var prices = types.ToDictionary(t => t, t => catalog.Price("us-east-1", t)!.SpotAverage!.Value);
        Assert.True(prices.Values.Distinct().Count() == 3, "the test needs three different prices");
        foreach (var order in new[] { types, types.Reverse().ToArray() })
        {
            var seed = TwinSeeds.Make(SoftwareLayout.Ami, [Spot("spot", 0, 1, order)]);
            var node = TwinTopologyPlanner.Plan(seed, catalog, 500_000, 21001).Nodes.Single();
            Assert.Equal(types.OrderBy(t => prices[t]), node.InstanceTypes);
        }
    }

    [Theory]
    [InlineData("c5.large 2025-01-31T12:00:05Z\n", "c5.large", "2025-01-31T12:00:05+00:00")]
    [InlineData("c5.large", null, null)]
    [InlineData("c5.large yesterday", null, null)]
    [InlineData("", null, null)]
    public void Launch_records_parse_or_are_ignored(string text, string? type, string? at)
    {
        var launch = NodeLaunch.Parse(text);
        Assert.Equal(type, launch?.InstanceType);
        Assert.Equal(at is null ? null : DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), launch?.LaunchedAt);
    }

    [Fact]
    public async Task Launch_type_script_takes_the_types_round_robin_per_fleet_records_each_node_and_restarts_after_configure()
    {
        using var dir = new TempDirectory();
        var t = new TwinLayout(Path.Combine(dir.Path, "it's a twin"));
        Directory.CreateDirectory(t.BinDir);
        File.WriteAllText(t.LaunchTypeScript, TwinScripts.LaunchType(t));
        var seed = TwinSeeds.Make(SoftwareLayout.Ami, [Spot("spot", 0, 3, "c5.large", "t3.micro"), TwinSeeds.Queue("other", "c5.xlarge", 0, 1)]);
        var nodes = TwinTopologyPlanner.Plan(seed, Catalog, 500_000, 21001).Nodes;
        TwinLaunches.Configure(t, nodes);

        async Task<string> Launch(string node)
        {
            var r = await ProcessRunner.RunAsync("bash", [t.LaunchTypeScript, node]);
            Assert.True(r.ExitCode == 0, r.Stderr);
            return TwinLaunches.Read(t)[node].InstanceType;
        }

        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        Assert.Equal("c5.large", await Launch("spot-dy-c5-large-flex-1"));
        Assert.Equal("c5.xlarge", await Launch("other-dy-c5-xlarge-1"));   // another fleet: its own rotation
        Assert.Equal("t3.micro", await Launch("spot-dy-c5-large-flex-2"));
        Assert.Equal("c5.large", await Launch("spot-dy-c5-large-flex-3"));
        Assert.All(TwinLaunches.Read(t).Values, l => Assert.InRange(l.LaunchedAt, start, DateTimeOffset.UtcNow.AddSeconds(1)));

        // A reconfiguration starts the fleet over at its first (cheapest) type.
        TwinLaunches.Configure(t, nodes.Where(n => n.Queue == "spot"));
        Assert.Equal("c5.large", await Launch("spot-dy-c5-large-flex-2"));

        // A node of a fleet petal wrote no types for (a twin older than launch records) boots without a record.
        var unknown = await ProcessRunner.RunAsync("bash", [t.LaunchTypeScript, "gone-dy-x-1"]);
        Assert.Equal(0, unknown.ExitCode);
        Assert.False(TwinLaunches.Read(t).ContainsKey("gone-dy-x-1"));
        var bad = await ProcessRunner.RunAsync("bash", [t.LaunchTypeScript, "Bad Node"]);
        Assert.Equal(2, bad.ExitCode);
    }

    [Fact]
    public async Task Concurrent_launches_of_one_fleet_never_take_the_same_turn()
    {
        using var dir = new TempDirectory();
        var t = new TwinLayout(dir.Path);
        Directory.CreateDirectory(t.BinDir);
        File.WriteAllText(t.LaunchTypeScript, TwinScripts.LaunchType(t));
        var nodes = TwinTopologyPlanner.Plan(TwinSeeds.Make(SoftwareLayout.Ami, [Spot("spot", 0, 8, "c5.large", "t3.micro")]), Catalog, 500_000, 21001).Nodes;
        TwinLaunches.Configure(t, nodes);

        var runs = await Task.WhenAll(nodes.Select(n => ProcessRunner.RunAsync("bash", [t.LaunchTypeScript, n.Name])));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Stderr));
        Assert.Equal("8", File.ReadAllText(t.LaunchCounter("spot-dy-c5-large-flex")).Trim());
        Assert.Equal([4, 4], TwinLaunches.Read(t).Values.GroupBy(l => l.InstanceType).Select(g => g.Count()));
    }
}
