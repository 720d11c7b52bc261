using Petal.Catalog;
using Petal.Pcluster.Checking;
using Petal.Plans;
using Petal.Seeds;
using YamlDotNet.RepresentationModel;

namespace Petal.Tests.Plans;

public class ClusterConfigTests
{
    [Theory]
    [MemberData(nameof(PlanFixtures.SeedsByLayout), MemberType = typeof(PlanFixtures))]
    public void Every_plan_passes_the_ParallelCluster_rules(string seed, SoftwareLayout layout)
    {
        var plan = PlanFixtures.Create(PlanFixtures.Named(seed), layout);
        Assert.Empty(ConfigChecker.Check(PlanFixtures.FilledConfig(plan), EmbeddedCatalog.LoadEmbedded()).Where(e => e.IsError).Select(e => e.ToString()));
    }

    [Fact]
    public void Slurm_accounting_renders_SlurmSettings_Database_that_ParallelCluster_accepts_and_only_the_config_names_the_secret()
    {
        var seed = PlanFixtures.Named("examples/local-accounting.yaml");
        var accounting = seed.Scheduler.Accounting!;
        var plan = PlanFixtures.Create(seed);
        var config = PlanFixtures.FilledConfig(plan);
        Assert.Empty(ConfigChecker.Check(config, EmbeddedCatalog.LoadEmbedded()).Select(e => e.ToString()));
        var database = Map(Parse(config), "Scheduling", "SlurmSettings", "Database");
        Assert.Equal((accounting.Uri, accounting.User, accounting.PasswordSecretArn, accounting.DatabaseName),
            (S(database, "Uri"), S(database, "UserName"), S(database, "PasswordSecretArn"), S(database, "DatabaseName")));
        Assert.Equal(["DatabaseName", "PasswordSecretArn", "Uri", "UserName"], database.Children.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        // The secret's ARN reaches ParallelCluster's config and no other file of the plan (scripts, README, ...).
        Assert.All(plan.Files.Where(f => f.Key != PlanFiles.ClusterConfig), f => Assert.DoesNotContain(accounting.PasswordSecretArn, f.Value));
        var without = PlanFixtures.Create(seed with { Scheduler = new SchedulerSection() });
        Assert.DoesNotContain("SlurmSettings", without.ClusterConfigYaml);
    }

    [Fact]
    public void Placeholders_are_named_and_stand_where_values_are_unknown()
    {
        var plan = PlanFixtures.Create(TestSeeds.Full(), SoftwareLayout.Ami);
        Assert.Equal(["bucket_name", "custom_ami", "key_name", "ssh_cidr", "subnet_id"], plan.Placeholders.Keys.Order());
        Assert.All(plan.Placeholders.Values, p => Assert.Contains(p.Token, plan.ClusterConfigYaml));
        var given = Planner.Create(TestSeeds.Full(), Petal.Catalog.EmbeddedCatalog.Default, new PlanOptions
        {
            Layout = SoftwareLayout.Ami, SubnetId = "subnet-0123456789abcdef0", KeyName = "k", CustomAmi = "ami-0123456789abcdef0",
            BucketName = "my-bucket", SshCidr = "203.0.113.7/32",
        });
        Assert.Empty(given.Placeholders);
        Assert.DoesNotContain("{{", given.ClusterConfigYaml);
    }

    [Fact]
    public void S3_access_covers_the_bootstrap_bucket_and_mounts_with_write_only_where_writable()
    {
        var root = Parse(PlanFixtures.FilledConfig(PlanFixtures.Create(TestSeeds.Full())));
        var access = Seq(root, "HeadNode", "Iam", "S3Access").Cast<YamlMappingNode>()
            .ToDictionary(m => S(m, "BucketName"), m => S(m, "EnableWriteAccess"));
        Assert.Equal(new Dictionary<string, string> { ["petal-bootstrap-123"] = "false", ["ref-genomes"] = "false", ["lab-results.out"] = "true" }, access);
        foreach (var q in Seq(root, "Scheduling", "SlurmQueues").Cast<YamlMappingNode>())
        {
            Assert.Equal(3, Seq(q, "Iam", "S3Access").Count());
            Assert.EndsWith("bootstrap/compute-node.sh", S(Map(q, "CustomActions", "OnNodeConfigured"), "Script"));
        }
    }

    [Fact]
    public void Queue_totals_are_exactly_the_seeds()
    {
        var plan = PlanFixtures.Create(TestSeeds.Full());
        foreach (var q in TestSeeds.Full().Compute.Queues)
        {
            Assert.Equal(q.MaxCount, plan.Queues[q.Name].Sum(r => r.MaxCount));
            Assert.Equal(q.MinCount, plan.Queues[q.Name].Sum(r => r.MinCount));
        }
    }

    [Theory]
    [InlineData(SoftwareLayout.Ami, false, null, true)]
    [InlineData(SoftwareLayout.Shared, true, null, false)]
    [InlineData(SoftwareLayout.Hybrid, true, null, true)]
    [InlineData(SoftwareLayout.Snapshot, true, "snap-0123456789abcdef0", false)]
    public void Layout_adds_what_it_needs(SoftwareLayout layout, bool sharedVolume, string? snapshot, bool customAmi)
    {
        var plan = PlanFixtures.Create(TestSeeds.Minimal(), layout);
        var root = Parse(PlanFixtures.FilledConfig(plan));
        var storage = root.Children.TryGetValue(new YamlScalarNode("SharedStorage"), out var s) ? ((YamlSequenceNode)s).Cast<YamlMappingNode>().ToList() : [];
        var shared = storage.SingleOrDefault(m => S(m, "MountDir") == "/shared");
        Assert.Equal(sharedVolume, shared is not null);
        if (shared is not null)
            Assert.Equal(snapshot, Map(shared, "EbsSettings").Children.TryGetValue(new YamlScalarNode("SnapshotId"), out var id) ? ((YamlScalarNode)id).Value : null);
        Assert.Equal(customAmi, Map(root, "Image").Children.ContainsKey(new YamlScalarNode("CustomAmi")));
        Assert.Equal(layout is SoftwareLayout.Shared or SoftwareLayout.Hybrid, root.Children.ContainsKey(new YamlScalarNode("DevSettings")));
        Assert.Equal(layout is SoftwareLayout.Ami or SoftwareLayout.Hybrid ? "/opt/spack" : "/shared/spack", plan.SoftwareRoot);
        Assert.Equal(layout == SoftwareLayout.Ami ? "/opt/spack/modules" : "/shared/spack/modules", plan.ModuleRoot);
    }

    [Fact]
    public void Hostile_looking_strings_in_yaml_stay_strings()
    {
        // An allowed key name with YAML-significant characters must not become structure.
        var plan = Planner.Create(TestSeeds.Minimal(), Petal.Catalog.EmbeddedCatalog.Default, new PlanOptions { KeyName = "- a, b @c =d" });
        var root = Parse(plan.ClusterConfigYaml);
        Assert.Equal("- a, b @c =d", S(Map(root, "HeadNode", "Ssh"), "KeyName"));
    }

    public static TheoryData<string, string, string> Violations => new()
    {
        { "Os: \"alinux2023\"", "Os: \"Alinux2023\"", "Schema: Image.Os: Must be one of" },
        { "SubnetId: \"subnet-0123456789abcdef0\"", "SubnetId: \"subnet-XYZ\"", "Schema: HeadNode.Networking.SubnetId: String does not match" },
        { "Scheduler: \"slurm\"", "Scheduler: \"sge\"", "Schema: Scheduling.Scheduler: Must be one of" },
        { "CapacityType: \"SPOT\"", "CapacityType: \"spot\"", ".CapacityType: Must be one of" },
        { "- Name: \"cpu\"", "- Name: \"CPU_queue\"", "NameValidator: Invalid name 'CPU_queue'" },
        { "- Name: \"cpu\"", "- Name: \"default\"", "NameValidator: It is forbidden to use 'default'" },
        { "- Name: \"cpu\"", "- Name: \"queue-123456789abcdefghijk\"", "NameValidator: Invalid name 'queue-123456789abcdefghijk'. Name can be at most 25" },
        { "- Name: \"efa\"", "- Name: \"cpu\"", "DuplicateNameValidator: Queue name cpu must be unique" },
        { "MinCount: 1", "MinCount: 11", "ComputeResourceSizeValidator" },
        { "MaxCount: 4\n          DisableSimultaneousMultithreading: false\n          Efa", "MaxCount: 0\n          DisableSimultaneousMultithreading: false\n          Efa", ".MaxCount: Must be greater than or equal to 1" },
        { "InstanceType: \"c6in.32xlarge\"\n          MinCount: 0\n          MaxCount: 4", "InstanceType: \"c6in.32xlarge\"\n          Instances:\n            - InstanceType: \"c6in.32xlarge\"\n          MinCount: 0\n          MaxCount: 4", "either InstanceType or Instances" },
        { "- InstanceType: \"c6a.8xlarge\"", "- InstanceType: \"c6i.8xlarge\"", "Duplicate instance type (c6i.8xlarge)" },
        { "MountDir: \"/work\"", "MountDir: \"/opt\"", "SharedStorageMountDirValidator" },
        { "MountDir: \"/work\"", "MountDir: \"/scratch\"", "DuplicateMountDirValidator" },
        { "MountDir: \"/work\"", "MountDir: \"/scratch/work\"", "OverlappingMountDirValidator" },
        { "Name: \"work\"", "Name: \"a-very-long-storage-name-over-30\"", "SharedStorageNameValidator" },
        { "StorageType: \"Ebs\"\n    EbsSettings", "StorageType: \"Efs\"\n    EbsSettings", "EbsSettings section is not appropriate to the StorageType Efs" },
        { "BucketName: \"ref-genomes\"", "BucketName: \"Ref_Genomes\"", ".BucketName: String does not match" },
        { "  Iam:\n    S3Access:", "  Iam:\n    InstanceRole: \"arn:aws:iam::1:role/x\"\n    S3Access:", "S3Access can not be used together with InstanceRole" },
        { "    OnNodeConfigured:\n      Script:", "    OnNodeConfigured:\n      Sequence: []\n      Script:", "Either Script or Sequence" },
        { "      CustomActions:\n        OnNodeConfigured:", "      CustomActions:\n        OnNodeUpdated:", ".OnNodeUpdated: Unknown field" },
        { "  Ssh:", "  Shh:", "Schema: HeadNode.Shh: Unknown field" },
        { "HeadNodeBootstrapTimeout: 3000", "HeadNodeBootstrapTimeout: 0", "HeadNodeBootstrapTimeout: Must be greater than or equal to 1" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void The_checker_catches_each_violation(string from, string to, string expected)
    {
        var yaml = PlanFixtures.FilledConfig(PlanFixtures.Create(TestSeeds.Full(), SoftwareLayout.Ami))
            + "DevSettings:\n  Timeouts:\n    HeadNodeBootstrapTimeout: 3000\n";
        Assert.Contains(from, yaml);
        var index = yaml.IndexOf(from, StringComparison.Ordinal);
        var broken = yaml[..index] + to + yaml[(index + from.Length)..];
        var errors = ConfigChecker.Check(broken, EmbeddedCatalog.LoadEmbedded()).Where(e => e.IsError).Select(e => e.ToString()).ToList();
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_checker_counts_queues_resources_and_storage()
    {
        var yaml = PlanFixtures.FilledConfig(PlanFixtures.Create(TestSeeds.Full(), SoftwareLayout.Ami));
        var queue = yaml[yaml.IndexOf("    - Name: \"efa\"", StringComparison.Ordinal)..yaml.IndexOf("SharedStorage:", StringComparison.Ordinal)];
        var many = string.Concat(Enumerable.Range(0, 50).Select(i => queue.Replace("Name: \"efa\"", $"Name: \"q{i}\"")));
        List<string> Errors(string config) => ConfigChecker.Check(config, EmbeddedCatalog.LoadEmbedded()).Where(e => e.IsError).Select(e => e.ToString()).ToList();
        var errors = Errors(yaml.Replace(queue, many));
        Assert.Contains(errors, e => e.Contains("Invalid number of SlurmQueues (", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Invalid number of ComputeResources per Cluster", StringComparison.Ordinal));

        var efs = "  - MountDir: \"/p2\"\n    Name: \"p2\"\n    StorageType: \"Efs\"\n";
        var ebs = string.Concat(Enumerable.Range(0, 5).Select(i => $"  - MountDir: \"/e{i}\"\n    Name: \"e{i}\"\n    StorageType: \"Ebs\"\n"));
        errors = Errors(yaml + efs + ebs);
        Assert.Contains(errors, e => e.Contains("ParallelCluster supports 1 new EFS", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("ParallelCluster supports 5 EBS", StringComparison.Ordinal));
    }

    static YamlMappingNode Parse(string yaml)
    {
        var s = new YamlStream();
        s.Load(new StringReader(yaml));
        return (YamlMappingNode)s.Documents[0].RootNode;
    }

    static YamlMappingNode Map(YamlMappingNode m, params string[] path) =>
        path.Aggregate(m, (node, key) => (YamlMappingNode)node[new YamlScalarNode(key)]);

    static IEnumerable<YamlNode> Seq(YamlMappingNode m, params string[] path) =>
        (YamlSequenceNode)Map(m, path[..^1])[new YamlScalarNode(path[^1])];

    static string S(YamlMappingNode m, string key) => ((YamlScalarNode)m[new YamlScalarNode(key)]).Value!;
}
