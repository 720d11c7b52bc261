using Petal.Common;
using Petal.Pcluster.Updates;
using Petal.Seeds;
using Petal.Tests.Plans;

namespace Petal.Tests.Updates;

/// <summary>
/// ConfigDiff on real config pairs (plans of seeds before and after an edit, filled as `petal create` fills them),
/// one per ParallelCluster 3.12 update policy class, and a seeded property test over the library seeds.
/// </summary>
public sealed class ConfigDiffTests
{
    private static string Config(Seed seed) => PlanFixtures.FilledConfig(PlanFixtures.Create(seed));

    private static Seed WithQueues(Seed seed, Func<IReadOnlyList<QueueSpec>, IEnumerable<QueueSpec>> edit) =>
        seed with { Compute = seed.Compute with { Queues = edit(seed.Compute.Queues).ToList() } };

    private static ConfigUpdate Diff(Seed before, Seed after) => ConfigDiff.Compare(Config(before), Config(after));

    [Fact]
    public void Adding_a_queue_and_raising_a_max_count_is_live()
    {
        var seed = TestSeeds.Full();
        var edited = WithQueues(seed, qs => qs.Select(q => q.Name == "efa" ? q with { MaxCount = 8 } : q)
            .Append(new QueueSpec { Name = "mem", InstanceTypes = ["r6i.large"], MaxCount = 3 }));
        var update = Diff(seed, edited);
        Assert.Equal(UpdateRequirement.Live, update.Requirement);
        Assert.Contains(update.Changes, c => c.Path == "Scheduling.SlurmQueues[mem]" && c.Old is null && c.New is not null
            && c.Policy == UpdatePolicy.ComputeFleetStopOnRemove);
        var max = Assert.Single(update.Changes, c => c.Path.EndsWith(".MaxCount", StringComparison.Ordinal));
        Assert.Equal(("4", "8", UpdatePolicy.MaxCount), (max.Old, max.New, max.Policy));
        Assert.Equal(2, update.Changes.Count);
    }

    [Fact]
    public void Adding_changing_or_removing_slurm_accounting_stops_the_fleet()
    {
        var seed = TestSeeds.Full();
        var accounting = new AccountingSpec
        {
            Uri = "slurmdb.example.com:3306", User = "slurm_acct",
            PasswordSecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:slurmdb-AbCdEf",
        };
        var with = seed with { Scheduler = new SchedulerSection { Accounting = accounting } };
        var added = Diff(seed, with);
        var change = Assert.Single(added.Changes);
        Assert.Equal(("Scheduling.SlurmSettings.Database", UpdatePolicy.ComputeFleetStop, UpdateRequirement.StopFleet), (change.Path, change.Policy, change.Requirement));
        Assert.Null(change.Old);
        Assert.Contains(accounting.Uri, change.New);

        var moved = Diff(with, with with { Scheduler = new SchedulerSection { Accounting = accounting with { Uri = "slurmdb2.example.com:3307", DatabaseName = "acct" } } });
        Assert.Equal(["Scheduling.SlurmSettings.Database.DatabaseName", "Scheduling.SlurmSettings.Database.Uri"], moved.Changes.Select(c => c.Path).Order(StringComparer.Ordinal));
        Assert.All(moved.Changes, c => Assert.Equal(UpdateRequirement.StopFleet, c.Requirement));

        var removed = Assert.Single(Diff(with, seed).Changes);
        Assert.Equal(("Scheduling.SlurmSettings.Database", UpdateRequirement.StopFleet), (removed.Path, removed.Requirement));
        Assert.Null(removed.New);
    }

    [Fact]
    public void Changing_the_head_node_type_needs_a_new_cluster()
    {
        var seed = TestSeeds.Full();
        var update = Diff(seed, seed with { Compute = seed.Compute with { HeadNode = "c6i.2xlarge" } });
        Assert.True(update.Refused);
        var change = Assert.Single(update.Changes);
        Assert.Equal(("HeadNode.InstanceType", "c6i.xlarge", "c6i.2xlarge"), (change.Path, change.Old, change.New));
        Assert.Equal("Update actions are not currently supported for the 'InstanceType' parameter", change.Reason);
    }

    [Fact]
    public void Changing_a_queues_instance_type_stops_the_fleet()
    {
        var seed = TestSeeds.Minimal();
        var update = Diff(seed, WithQueues(seed, qs => qs.Select(q => q with { InstanceTypes = ["c7g.xlarge"] })));
        Assert.Equal(UpdateRequirement.StopFleet, update.Requirement);
        // petal names compute resources after their type: the old one goes (fleet stop), the new one comes (live).
        Assert.Contains(update.Changes, c => c.Path == "Scheduling.SlurmQueues[q].ComputeResources[c7g-large]" && c.New is null
            && c.Requirement == UpdateRequirement.StopFleet && c.Reason == "All compute nodes must be stopped");
        Assert.Contains(update.Changes, c => c.Path == "Scheduling.SlurmQueues[q].ComputeResources[c7g-xlarge]" && c.Old is null
            && c.Requirement == UpdateRequirement.Live);
    }

    [Theory]
    [InlineData(4, 2, UpdateRequirement.StopFleet)]
    [InlineData(4, 4, null)]
    [InlineData(4, 9, UpdateRequirement.Live)]
    public void Max_count_shrinks_only_with_the_fleet_stopped(int before, int after, UpdateRequirement? expected)
    {
        var seed = WithQueues(TestSeeds.Minimal(), qs => qs.Select(q => q with { MaxCount = before }));
        var update = Diff(seed, WithQueues(seed, qs => qs.Select(q => q with { MaxCount = after })));
        Assert.Equal(expected, update.Changes.SingleOrDefault()?.Requirement);
    }

    [Fact]
    public void Min_count_and_removing_a_queue_stop_the_fleet()
    {
        var seed = TestSeeds.Full();
        var min = Diff(seed, WithQueues(seed, qs => qs.Select(q => q.Name == "efa" ? q with { MinCount = 1 } : q)));
        Assert.Equal((UpdatePolicy.ComputeFleetStop, UpdateRequirement.StopFleet), (min.Changes.Single().Policy, min.Requirement));
        var removed = Diff(seed, WithQueues(seed, qs => qs.Where(q => q.Name != "efa")));
        Assert.Equal(UpdateRequirement.StopFleet, Assert.Single(removed.Changes).Requirement);
    }

    [Fact]
    public void Capacity_type_follows_the_queue_update_strategy()
    {
        var seed = TestSeeds.Minimal();
        var before = Config(seed);
        var after = Config(WithQueues(seed, qs => qs.Select(q => q with { Capacity = CapacityType.Spot })));
        var stopped = ConfigDiff.Compare(before, after);
        Assert.Contains(stopped.Changes, c => c.Path == "Scheduling.SlurmQueues[q].CapacityType" && c.Policy == UpdatePolicy.QueueUpdateStrategy
            && c.Requirement == UpdateRequirement.StopFleet && c.Reason.EndsWith("or QueueUpdateStrategy must be set", StringComparison.Ordinal));
        var drained = ConfigDiff.Compare(before, after.Replace("  Scheduler: \"slurm\"\n", "  Scheduler: \"slurm\"\n  SlurmSettings:\n    QueueUpdateStrategy: DRAIN\n"));
        Assert.Equal(UpdateRequirement.DrainQueue, drained.Requirement);
        Assert.DoesNotContain(drained.Changes, c => c.Path.Contains("QueueUpdateStrategy", StringComparison.Ordinal)); // IGNORED: not shown
    }

    [Fact]
    public void Shared_storage_removal_stops_the_fleet_and_resize_needs_a_new_cluster()
    {
        var seed = TestSeeds.Full();
        var removed = Diff(seed, seed with { SharedStorage = seed.SharedStorage.Where(s => s.Name != "work").ToList() });
        Assert.Equal(("SharedStorage[work]", UpdateRequirement.StopFleet), (removed.Changes.Single().Path, removed.Requirement));
        var resized = Diff(seed, seed with { SharedStorage = seed.SharedStorage.Select(s => s.Name == "work" ? s with { SizeGb = 800 } : s).ToList() });
        Assert.Equal(("SharedStorage[work].EbsSettings.Size", UpdateRequirement.NewCluster), (resized.Changes.Single().Path, resized.Requirement));
    }

    [Theory]
    [InlineData("DeploymentType")]
    [InlineData("PerUnitStorageThroughput")]
    [InlineData("ImportPath")]
    [InlineData("ExportPath")]
    public void An_FSx_deployment_type_throughput_or_S3_path_change_needs_a_new_cluster(string key)
    {
        var seed = TestSeeds.Full(); // "scratch" is a new FSx for Lustre file system
        SharedStorageSpec Persistent(SharedStorageSpec s) => s with
        {
            DeploymentType = "PERSISTENT_1", PerUnitStorageThroughput = 100, ImportPath = "s3://lab-in/raw", ExportPath = "s3://lab-in/out",
        };
        var before = seed with { SharedStorage = seed.SharedStorage.Select(s => s.Name == "scratch" ? Persistent(s) : s).ToList() };
        SharedStorageSpec Edit(SharedStorageSpec s) => key switch
        {
            "DeploymentType" => s with { DeploymentType = "SCRATCH_1", PerUnitStorageThroughput = null },
            "PerUnitStorageThroughput" => s with { PerUnitStorageThroughput = 200 },
            "ImportPath" => s with { ImportPath = "s3://lab-in/raw2" },
            _ => s with { ExportPath = "s3://lab-in/out2" },
        };
        var after = before with { SharedStorage = before.SharedStorage.Select(s => s.Name == "scratch" ? Edit(Persistent(s)) : s).ToList() };
        var update = Diff(before, after);
        var change = update.Changes.First(c => c.Path == $"SharedStorage[scratch].FsxLustreSettings.{key}");
        Assert.Equal((UpdatePolicy.Unsupported, UpdateRequirement.NewCluster), (change.Policy, update.Requirement));
    }

    private const string Subnet = "          - \"subnet-0123456789abcdef0\"\n";

    [Fact]
    public void Queue_subnets_may_grow_live_unless_a_managed_fsx_exists()
    {
        var minimal = Config(TestSeeds.Minimal());
        var grown = minimal.Replace(Subnet, Subnet + "          - \"subnet-0fedcba9876543210\"\n");
        Assert.NotEqual(minimal, grown);
        Assert.Equal(UpdateRequirement.Live, ConfigDiff.Compare(minimal, grown).Requirement);
        Assert.Equal(UpdateRequirement.StopFleet, ConfigDiff.Compare(grown, minimal).Requirement);
        var full = Config(TestSeeds.Full()); // "scratch" is an FSx for Lustre file system ParallelCluster manages
        var fullGrown = full.Replace(Subnet, Subnet + "          - \"subnet-0fedcba9876543210\"\n");
        var refused = ConfigDiff.Compare(full, fullGrown);
        Assert.True(refused.Refused);
        Assert.All(refused.Changes, c => Assert.Contains("managed FSx for Lustre", c.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Login_node_pools_may_be_added_but_changing_one_stops_the_login_nodes()
    {
        var config = Config(TestSeeds.Minimal());
        string Pool(string type) => config + $"LoginNodes:\n  Pools:\n    - Name: login\n      Count: 1\n      InstanceType: {type}\n";
        Assert.Equal(UpdateRequirement.Live, ConfigDiff.Compare(config, Pool("t3.medium")).Requirement);
        Assert.Equal(UpdateRequirement.StopLoginNodes, ConfigDiff.Compare(Pool("t3.medium"), Pool("t3.large")).Requirement);
        Assert.Equal(UpdateRequirement.Live, ConfigDiff.Compare(Pool("t3.medium"), Pool("t3.medium").Replace("Count: 1", "Count: 3")).Requirement);
    }

    [Fact]
    public void Supported_and_unknown_parameters()
    {
        var config = Config(TestSeeds.Minimal());
        // The plan always writes AllowedIps (a range or its placeholder): another range is a live change.
        var allowed = System.Text.RegularExpressions.Regex.Match(config, "(?m)^    AllowedIps: .*$").Value;
        Assert.NotEmpty(allowed);
        var ssh = ConfigDiff.Compare(config, config.Replace(allowed, "    AllowedIps: \"203.0.113.7/32\""));
        Assert.Equal((UpdatePolicy.Supported, UpdateRequirement.Live), (ssh.Changes.Single().Policy, ssh.Requirement));
        var tags = ConfigDiff.Compare(config, config + "Tags:\n  - Key: team\n    Value: lab\n");
        Assert.Equal(("Tags", UpdateRequirement.NewCluster), (tags.Changes.Single().Path, tags.Requirement));
        var unknown = ConfigDiff.Compare(config, config + "SomethingNew: 1\n");
        Assert.Equal((UpdatePolicy.Unknown, "Update currently not supported"), (unknown.Changes.Single().Policy, unknown.Changes.Single().Reason));
    }

    [Fact]
    public void Bad_yaml_is_a_located_user_error()
    {
        var e = Assert.Throws<UserInputException>(() => ConfigDiff.Compare("Region: [", "Region: us-east-1", "old.yaml"));
        Assert.Contains("old.yaml:", e.Message, StringComparison.Ordinal);
        Assert.Throws<UserInputException>(() => ConfigDiff.Compare("- a", "Region: us-east-1"));
    }

    public static IEnumerable<object[]> LibrarySeeds() => PlanFixtures.LibrarySeeds();

    /// <summary>
    /// Random scalar edits of a library seed's config: no edit is no change; the same pair classifies the same twice;
    /// the diff finds exactly the edited paths, both ways; an edit under HeadNode.InstanceType or Image always needs a new cluster.
    /// </summary>
    [Theory]
    [MemberData(nameof(LibrarySeeds))]
    public void Random_edits_classify_deterministically(string name)
    {
        var config = Config(PlanFixtures.Named(name));
        Assert.True(ConfigDiff.Compare(config, config).Empty);
        var random = new Random(name.Aggregate(1515, (h, ch) => unchecked(h * 31 + ch)));
        var lines = config.Split('\n');
        // Lines "Key: scalar" of mappings; not list items' keys (Name, BucketName), whose edit is a removal and an addition.
        var editable = Enumerable.Range(0, lines.Length).Where(i => Editable(lines[i].Trim())).ToList();
        Assert.NotEmpty(editable);
        for (var round = 0; round < 20; round++)
        {
            var edited = (string[])lines.Clone();
            var picked = editable.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
            foreach (var i in picked)
                edited[i] = edited[i].EndsWith('"') ? edited[i][..^1] + "1\"" : edited[i] + "1";
            var text = string.Join('\n', edited);
            var first = ConfigDiff.Compare(config, text);
            Assert.Equal(first.Changes, ConfigDiff.Compare(config, text).Changes);
            Assert.Equal(picked.Count, first.Changes.Count);
            Assert.Equal(first.Changes.Select(c => c.Path).Order(), ConfigDiff.Compare(text, config).Changes.Select(c => c.Path).Order());
            Assert.All(first.Changes.Where(c => c.Path is "HeadNode.InstanceType" || c.Path.StartsWith("Image.", StringComparison.Ordinal)),
                c => Assert.Equal(UpdateRequirement.NewCluster, c.Requirement));
        }
    }

    private static bool Editable(string line) =>
        line.Length > 0 && char.IsUpper(line[0]) && line.Contains(": ", StringComparison.Ordinal)
        && !line.StartsWith("Name:", StringComparison.Ordinal) && !line.StartsWith("BucketName:", StringComparison.Ordinal);
}
