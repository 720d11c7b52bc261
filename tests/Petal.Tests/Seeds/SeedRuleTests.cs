using Petal.Catalog;
using Petal.Common;
using Petal.Pcluster;
using Petal.Seeds;
using Petal.Seeds.Rules;

namespace Petal.Tests.Seeds;

/// <summary>Each rule: a replacement in the valid seed that breaks it (with its message), and one that does not.</summary>
public class SeedRuleTests
{
    private static SeedLoadResult Edit(string from, string to)
    {
        Assert.Contains(from, SeedText.Valid);
        return SeedText.Load(SeedText.Valid.Replace(from, to));
    }

    [Theory]
    [InlineData("SLURM-ACCOUNTING", "software:", "scheduler:\n  accounting: { uri: \"mysql://db.example.com:3306\", user: slurm, password_secret_arn: \"arn:aws:secretsmanager:us-east-1:123456789012:secret:slurmdb-AbCdEf\" }\nsoftware:", "remove the protocol")]
    [InlineData("SLURM-ACCOUNTING", "software:", "scheduler:\n  accounting: { uri: \"db.example.com:70000\", user: slurm, password_secret_arn: \"arn:aws:secretsmanager:us-east-1:123456789012:secret:slurmdb-AbCdEf\" }\nsoftware:", "port 70000 is outside 1..65535")]
    [InlineData("SLURM-ACCOUNTING", "software:", "scheduler:\n  accounting: { uri: \"db.example.com:0\", user: slurm, password_secret_arn: \"arn:aws:secretsmanager:us-east-1:123456789012:secret:slurmdb-AbCdEf\" }\nsoftware:", "port 0 is outside")]
    [InlineData("SLURM-ACCOUNTING", "software:", "scheduler:\n  accounting: { uri: \"db example.com\", user: slurm, password_secret_arn: \"arn:aws:secretsmanager:us-east-1:123456789012:secret:slurmdb-AbCdEf\" }\nsoftware:", "not a database endpoint")]
    [InlineData("SLURM-ACCOUNTING", "software:", "scheduler:\n  accounting: { uri: \"db.example.com:3306\", user: \"x;drop\", password_secret_arn: \"arn:aws:secretsmanager:us-east-1:123456789012:secret:slurmdb-AbCdEf\" }\nsoftware:", "not a database user name")]
    [InlineData("SLURM-ACCOUNTING", "software:", "scheduler:\n  accounting: { uri: \"db.example.com:3306\", user: slurm, password_secret_arn: \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:slurmdb-AbCdEf\" }\nsoftware:", "is in eu-west-1, not in the cluster's region us-east-1")]
    [InlineData("SLURM-ACCOUNTING", "software:", "scheduler:\n  accounting: { uri: \"db.example.com:3306\", user: slurm, password_secret_arn: \"arn:aws-cn:secretsmanager:us-east-1:123456789012:secret:slurmdb-AbCdEf\" }\nsoftware:", "names partition aws-cn")]
    [InlineData("SLURM-ACCOUNTING", "software:", "scheduler:\n  accounting: { uri: \"db.example.com:3306\", user: slurm, password_secret_arn: \"arn:aws:ssm:us-east-1:123456789012:parameter/slurmdb\" }\nsoftware:", "not a Secrets Manager secret ARN")]
    [InlineData("SLURM-ACCOUNTING", "software:", "scheduler:\n  accounting: { uri: \"db.example.com:3306\", user: slurm, password_secret_arn: \"arn:aws:secretsmanager:us-east-1:123456789012:secret:slurmdb-AbCdEf\", database_name: \"slurm-acct\" }\nsoftware:", "not a database name slurmdbd can create")]
    [InlineData("CLUSTER-NAME", "name: test", "name: 9lives", "not a valid ParallelCluster cluster name")]
    [InlineData("CLUSTER-NAME", "name: test", "name: a-cluster-name-that-is-far-too-long-for-parallelcluster-to-accept-it", "not a valid")]
    [InlineData("REGION", "region: us-east-1", "region: us-est-1", "unknown region 'us-est-1'")]
    [InlineData("OS-CUSTOM-AMI", "region: us-east-1", "region: us-east-1\n  os: rocky9", "rocky9 has no official")]
    [InlineData("PCLUSTER-VERSION", "region: us-east-1", "region: us-east-1\n  parallelcluster_version: \"2.11.9\"", "not a ParallelCluster 3 version")]
    [InlineData("INSTANCE-TYPE", "head_node: c6i.large", "head_node: c5.4xlarg", "unknown instance type 'c5.4xlarg'")]
    [InlineData("QUEUE-NAME", "- name: compute", "- name: Compute", "must start with a lowercase letter")]
    [InlineData("QUEUE-NAME", "- name: compute", "- name: default", "'default' is reserved")]
    [InlineData("QUEUE-NAME", "- name: compute", "- name: queue-123456789abcdefghijk", "at most 25")]
    [InlineData("QUEUE-COUNTS", "max_count: 4", "max_count: 4\n      min_count: 5", "min_count 5 is greater than max_count 4")]
    [InlineData(SeedRuleIds.Range, "max_count: 4", "max_count: 1001", "out of range")]
    [InlineData(SeedRuleIds.Range, "max_count: 4", "max_count: 99999999999999999999999", "out of range")]
    [InlineData("QUEUE-MAX-RESOURCES", "instance_types: [c6i.large]\n      max_count: 4", "instance_types: [c6i.large, c6i.xlarge, c6i.2xlarge]\n      max_count: 2", "below the 3 compute resources")]
    [InlineData("ALLOCATION-STRATEGY", "max_count: 4", "max_count: 4\n      allocation_strategy: capacity-optimized", "needs spot capacity")]
    [InlineData("EFA-UNSUPPORTED", "max_count: 4", "max_count: 4\n      efa: true", "c6i.large does not support EFA")]
    [InlineData("USER-NAME", "name: alice", "name: Alice", "not a valid Linux user name")]
    [InlineData("USER-RESERVED", "name: alice", "name: ec2-user", "system or service account")]
    [InlineData("USER-ID-RANGE", "uid: 2001", "uid: 0", "uid 0 is root")]
    [InlineData("USER-ID-RANGE", "uid: 2001", "uid: 500", "system range")]
    [InlineData("USER-DUPLICATE", "{ name: alice, uid: 2001, gid: 2001 }", "{ name: alice, uid: 2001, gid: 2001 }\n  - { name: alice, uid: 2002 }", "already defined")]
    [InlineData("USER-DUPLICATE", "{ name: alice, uid: 2001, gid: 2001 }", "{ name: alice, uid: 2001, gid: 2001 }\n  - { name: bob, uid: 2001 }", "uid 2001 is already used")]
    [InlineData("QUEUE-DUPLICATE", "    - name: compute", "    - name: compute\n      instance_types: [c6i.large]\n    - name: compute", "already defined")]
    [InlineData("QUEUE-TYPE-DUPLICATE", "instance_types: [c6i.large]", "instance_types: [c6i.large, c6i.large]", "'c6i.large' is already listed")]
    [InlineData("SPACK-DUPLICATE", "- gcc@13.2.0", "- gcc@13.2.0\n    - gcc@12.2.0", "package 'gcc' is already listed")]
    [InlineData("SHELL-UNSAFE", "- gcc@13.2.0", "- \"gcc@13.2.0 $(reboot)\"", "'$' at spec column 12")]
    [InlineData("SHELL-UNSAFE", "- gcc@13.2.0", "- \"gcc cflags='-O2;rm'\"", "';' at spec column")]
    [InlineData("SPACK-SPEC", "- gcc@13.2.0", "- \"@13.2.0\"", "names no package")]
    [InlineData("SPACK-SPEC", "- gcc@13.2.0", "- \"gcc@13.2.0 +\"", "at spec column")]
    [InlineData("SPACK-VERSION", "software:", "software:\n  spack_version: v0.23", "not a Spack release")]
    [InlineData("ARCHITECTURE", "instance_types: [c6i.large]", "instance_types: [c7g.large]", "c7g.large is arm64, but the head node c6i.large is x86_64")]
    [InlineData("PLACEMENT-GROUP", "instance_types: [c6i.large]\n      max_count: 4", "instance_types: [t3.large]\n      max_count: 4\n      placement_group: true", "t3.large cannot be launched in a cluster placement group")]
    [InlineData("STORAGE-FIELDS", "software:", "shared_storage:\n  - { name: s, type: fsx-lustre, mount_dir: /fsx, file_system_id: fs-12345678 }\nsoftware:", "not an FSx file system id")]
    [InlineData("STORAGE-FIELDS", "software:", "shared_storage:\n  - { name: s, mount_dir: /cold, volume_type: sc1 }\nsoftware:", "sc1 volumes hold 500..16384 GiB, not 40 (the default size)")]
    [InlineData("STORAGE-FIELDS", "software:", "shared_storage:\n  - { name: s, mount_dir: /v, volume_type: gp3, size_gb: 20000 }\nsoftware:", "gp3 volumes hold 1..16384 GiB")]
    [InlineData("STORAGE-FIELDS", "software:", "shared_storage:\n  - { name: s, mount_dir: /v, volume_type: standard, size_gb: 2000 }\nsoftware:", "standard volumes hold 1..1024 GiB")]
    [InlineData("STORAGE-FIELDS", "software:", "shared_storage:\n  - { name: s, mount_dir: /v, volume_type: io1, size_gb: 10, iops: 1000 }\nsoftware:", "more than 50 iops per GiB")]
    [InlineData("STORAGE-FIELDS", "software:", "shared_storage:\n  - { name: s, mount_dir: /v, volume_type: gp3, throughput: 1000 }\nsoftware:", "more than 0.25 MiB/s per iops")]
    [InlineData("OS-VERSION", "region: us-east-1", "region: us-east-1\n  os: ubuntu2404", "ubuntu2404 is not an OS of ParallelCluster 3.12.0")]
    [InlineData("QUEUE-SUBNETS", "max_count: 4", "max_count: 4\n      subnet_ids: [subnet-123]", "'subnet-123' is not a subnet id")]
    [InlineData("QUEUE-SUBNETS", "max_count: 4", "max_count: 4\n      subnet_ids: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60001]", "listed twice")]
    [InlineData("QUEUE-SUBNETS", "max_count: 4", "max_count: 4\n      placement_group: true\n      subnet_ids: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]", "placement groups do not span Availability Zones")]
    [InlineData(SeedRuleIds.Range, "max_count: 4", "max_count: 4\n      subnet_ids: [subnet-00000001, subnet-00000002, subnet-00000003, subnet-00000004, subnet-00000005, subnet-00000006, subnet-00000007]", "at most 6")]
    [InlineData("QUEUE-FALLBACK", "max_count: 4", "max_count: 4\n      fallback: ondemand", "on-demand already")]
    [InlineData("QUEUE-FALLBACK", "    - name: compute", "    - name: compute-od\n      instance_types: [c6i.large]\n    - name: compute\n      capacity: spot\n      fallback: ondemand", "named 'compute-od', which compute.queues[0]")]
    [InlineData("COST-GUARD", "region: us-east-1", "region: us-east-1\n  max_cost_per_hour: 0.10", "over max_cost_per_hour 0.10")]
    [InlineData(SeedRuleIds.Type, "region: us-east-1", "region: us-east-1\n  max_cost_per_hour: cheap", "expected a number")]
    [InlineData("TAGS", "software:", "tags:\n  parallelcluster:version: x\nsoftware:", "is ParallelCluster's own")]
    [InlineData("TAGS", "software:", "tags:\n  aws:owner: x\nsoftware:", "reserved by AWS")]
    [InlineData("TAGS", "software:", "tags:\n  team: \"$(reboot)\"\nsoftware:", "a character AWS tags do not take")]
    public void Rule_reports_a_broken_seed(string rule, string from, string to, string message)
    {
        var d = SeedText.Single(Edit(from, to), rule);
        Assert.Contains(message, d.Message);
        Assert.NotNull(d.Location);
        Assert.Equal("seed.yaml", d.Location!.Value.File);
    }

    [Theory]
    [InlineData("[subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]", null, true)]
    [InlineData("[subnet-0a1b2c3d4e5f60001]", "    - name: other\n      instance_types: [c6i.large]\n", true)]
    [InlineData("[subnet-0a1b2c3d4e5f60001]", null, false)]
    [InlineData("[subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]", "", false)]
    public void New_fsx_lustre_is_refused_when_the_queues_use_more_than_one_subnet(string subnets, string? otherQueue, bool refused)
    {
        var storage = otherQueue == "" ? "{ name: s, type: fsx-lustre, mount_dir: /fsx, file_system_id: fs-0123456789abcdef0 }" : "{ name: s, type: fsx-lustre, mount_dir: /fsx }";
        var text = SeedText.Valid.Replace("      max_count: 4", $"      max_count: 4\n      subnet_ids: {subnets}\n{otherQueue ?? ""}".TrimEnd('\n'))
            .Replace("software:", $"shared_storage:\n  - {storage}\nsoftware:");
        var result = SeedText.Load(text);
        if (refused) Assert.Contains("FSx for Lustre storage 's'", SeedText.Single(result, "QUEUE-SUBNETS").Message);
        else SeedText.NoRule(result, "QUEUE-SUBNETS");
    }

    [Fact]
    public void Tag_problems_point_at_the_key_and_tags_keep_their_order()
    {
        var result = SeedText.LoadWith("tags:\n  team: hpc\n  aws:x: y\n");
        var d = SeedText.Single(result, "TAGS");
        Assert.Equal(17, d.Location!.Value.Line);
        Assert.Equal(["team", "aws:x"], result.Seed!.Tags.Select(t => t.Key));
    }

    [Fact]
    public void Valid_seed_has_no_diagnostics_at_all()
    {
        Assert.Empty(SeedText.Load(SeedText.Valid).Diagnostics);
    }

    [Theory]
    [InlineData("us-east-1", "aws", "slurmdb.cluster-abc.us-east-1.rds.amazonaws.com:3306", "")]
    [InlineData("us-gov-west-1", "aws-us-gov", "10.0.3.7", ", database_name: slurm_acct_db")]
    [InlineData("cn-north-1", "aws-cn", "db:65535", ", database_name: _a")]
    public void Accounting_with_an_endpoint_and_a_secret_in_the_cluster_region_is_valid(string region, string partition, string uri, string extra)
    {
        var seed = SeedText.Valid.Replace("software:",
            $"scheduler:\n  accounting: {{ uri: \"{uri}\", user: slurm_acct, password_secret_arn: \"arn:{partition}:secretsmanager:{region}:123456789012:secret:petal/slurmdb-AbCdEf\"{extra} }}\nsoftware:");
        var result = SeedText.Load(seed.Replace("region: us-east-1", $"region: {region}"));
        SeedText.NoRule(result, "SLURM-ACCOUNTING");
        var accounting = result.Seed!.Scheduler.Accounting!;
        Assert.Equal(uri, accounting.Uri);
        Assert.Equal("slurm_acct", accounting.User);
        Assert.StartsWith($"arn:{partition}:secretsmanager:{region}:", accounting.PasswordSecretArn);
    }

    [Theory]
    [InlineData("3.8.0", false)]
    [InlineData("3.9.0", true)]
    [InlineData("3.12.0", true)]
    public void A_shared_home_needs_ParallelCluster_3_9(string version, bool ok)
    {
        var result = SeedText.Load(SeedText.Valid.Replace("region: us-east-1", $"region: us-east-1\n  parallelcluster_version: \"{version}\"")
            + "\nshared_storage:\n  - { name: home, type: efs, mount_dir: /home }\n");
        Assert.Equal(ok, result.Ok);
        if (!ok) Assert.Contains("a shared /home needs ParallelCluster 3.9.0 or later, not 3.8.0", SeedText.Single(result, "MOUNT-RESERVED").Message);
    }

    [Fact]
    public void Every_FSx_deployment_type_and_throughput_has_a_storage_price()
    {
        var kinds = PclusterFacts.FsxDeploymentTypes.SelectMany(type =>
            (PclusterFacts.FsxSsdThroughput.TryGetValue(type, out var units) ? units.Select(u => (int?)u) : new int?[] { null })
                .Select(unit => Petal.Plans.CostEstimator.FsxKind(new SharedStorageSpec
                    { Name = "f", Type = StorageType.FsxLustre, MountDir = "/f", DeploymentType = type, PerUnitStorageThroughput = unit })))
            .ToList();
        Assert.Equal(2 + 3 + 4, kinds.Distinct().Count());
        Assert.All(kinds, k => Assert.True(Petal.Plans.CostEstimator.PerGbMonth.ContainsKey(k), k));
    }

    [Fact]
    public void Uid_above_60000_is_only_a_warning()
    {
        var result = Edit("uid: 2001, gid: 2001", "uid: 70000, gid: 70000");
        Assert.True(result.Ok);
        Assert.Equal(2, result.Warnings.Count(d => d.RuleId == "USER-ID-RANGE"));
    }

    [Fact]
    public void Instance_type_not_offered_in_region_is_an_error()
    {
        var offered = SeedText.Load(SeedText.Valid.Replace("head_node: c6i.large", "head_node: hpc6a.48xlarge").Replace("region: us-east-1", "region: us-east-2"));
        SeedText.NoRule(offered, "INSTANCE-TYPE");
        var d = SeedText.Single(Edit("head_node: c6i.large", "head_node: hpc6a.48xlarge"), "INSTANCE-TYPE");
        Assert.Equal("hpc6a.48xlarge is not offered in us-east-1", d.Message);
    }

    [Fact]
    public void Spot_allocation_strategy_is_fine_with_spot()
    {
        SeedText.NoRule(Edit("max_count: 4", "max_count: 4\n      capacity: spot\n      allocation_strategy: price-capacity-optimized"), "ALLOCATION-STRATEGY");
    }

    [Fact]
    public void Efa_on_capable_types_is_fine()
    {
        var result = Edit("instance_types: [c6i.large]", "efa: true\n      instance_types: [c6i.32xlarge]");
        SeedText.NoRule(result, "EFA-UNSUPPORTED");
    }

    [Fact]
    public void Queue_and_compute_resource_limits()
    {
        var queues = string.Join("\n", Enumerable.Range(0, 51).Select(i => $"    - {{ name: q{i}, instance_types: [c6i.large], max_count: 1 }}"));
        var result = SeedText.Load(SeedText.Valid.Replace("    - name: compute\n      instance_types: [c6i.large]\n      max_count: 4", queues));
        SeedText.Single(result, "QUEUE-LIMIT");
        Assert.Contains("51 compute resources", SeedText.Single(result, "COMPUTE-RESOURCE-LIMIT").Message);
        var ok = SeedText.Load(SeedText.Valid.Replace("    - name: compute\n      instance_types: [c6i.large]\n      max_count: 4",
            string.Join("\n", Enumerable.Range(0, 50).Select(i => $"    - {{ name: q{i}, instance_types: [c6i.large], max_count: 1 }}"))));
        Assert.True(ok.Ok, string.Join("\n", ok.Diagnostics));
    }

    [Theory]
    [InlineData("my-bucket", null)]
    [InlineData("a.b-c.d1", null)]
    [InlineData("ab", "3–63")]
    [InlineData("My-Bucket", "'M' is not allowed")]
    [InlineData("my_bucket", "'_' is not allowed")]
    [InlineData("-bucket", "start and end")]
    [InlineData("my..bucket", "two adjacent periods")]
    [InlineData("my.-bucket", "period next to a hyphen")]
    [InlineData("192.168.5.4", "IP address")]
    [InlineData("xn--bucket", "prefix 'xn--'")]
    [InlineData("sthree-bucket", "prefix 'sthree-'")]
    [InlineData("amzn-s3-demo-bucket", "prefix 'amzn-s3-demo-'")]
    [InlineData("bucket-s3alias", "suffix '-s3alias'")]
    [InlineData("bucket--ol-s3", "suffix '--ol-s3'")]
    [InlineData("bucket--x-s3", "suffix '--x-s3'")]
    [InlineData("s3://bucket", "s3://")]
    public void S3_bucket_names_follow_aws_rules(string bucket, string? problem)
    {
        var found = S3BucketNameRule.Problem(bucket);
        if (problem is null) Assert.Null(found);
        else Assert.Contains(problem, found);
    }

    [Theory]
    [InlineData("/data", null)]
    [InlineData("/opt/spack-extra", null)]
    [InlineData("/shared", null)]
    [InlineData("data", "MOUNT-PATH")]
    [InlineData("/data/../etc", "MOUNT-PATH")]
    [InlineData("/data/", "MOUNT-PATH")]
    [InlineData("/da ta", "MOUNT-PATH")]
    [InlineData("/opt", "MOUNT-RESERVED")]
    [InlineData("/home", "MOUNT-RESERVED")]
    [InlineData("/", "MOUNT-RESERVED")]
    [InlineData("/usr/local/data", "MOUNT-RESERVED")]
    [InlineData("/opt/slurm/etc", "MOUNT-RESERVED")]
    public void Mount_point_rules(string mountPoint, string? rule)
    {
        var result = SeedText.Load(SeedText.Valid + $"\ndata:\n  s3_mounts:\n    - {{ bucket: my-bucket, mount_point: \"{mountPoint}\" }}\n");
        if (rule is null) Assert.True(result.Ok, string.Join("\n", result.Diagnostics));
        else SeedText.Single(result, rule);
    }

    [Fact]
    public void Mounts_must_not_repeat_or_nest_across_s3_and_storage()
    {
        var result = SeedText.Load(SeedText.Valid + """

            data:
              s3_mounts:
                - { bucket: my-bucket, mount_point: /data }
                - { bucket: other-bucket, mount_point: /data }
            shared_storage:
              - { name: scratch, type: ebs, mount_dir: /data/scratch }
            """);
        var conflicts = result.Diagnostics.Where(d => d.RuleId == "MOUNT-CONFLICT").Select(d => d.Message).ToList();
        Assert.Equal(3, conflicts.Count);
        Assert.Contains(conflicts, m => m.Contains("already a mount point"));
        Assert.Contains(conflicts, m => m.Contains("/data/scratch overlaps /data"));
    }

    /// <summary>
    /// The mount-conflict rule (now indexed by directory) reports exactly what comparing every pair reports, for
    /// seeded random mounts drawn from a small tree so equal and nested directories are common.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Mount_conflicts_match_the_pairwise_definition(int seedNumber)
    {
        var random = new Random(seedNumber);
        string[] parts = ["a", "b", "c"];
        var dirs = Enumerable.Range(0, 40)
            .Select(_ => "/" + string.Join('/', Enumerable.Range(0, random.Next(1, 4)).Select(_ => parts[random.Next(parts.Length)])) + (random.Next(5) == 0 ? "/" : ""))
            .ToList();
        var yaml = "data:\n  s3_mounts:\n" + string.Concat(dirs.Select((d, i) => $"    - {{ bucket: bucket-{i}, mount_point: {d} }}\n"));
        var actual = SeedText.LoadWith(yaml).Diagnostics.Where(d => d.RuleId == "MOUNT-CONFLICT").Select(d => $"{d.Path}: {d.Message}").ToList();

        var expected = new List<string>();
        string Key(string d) => d.Length > 1 ? d.TrimEnd('/') : d;
        for (var i = 0; i < dirs.Count; i++)
        for (var j = 0; j < i; j++)
        {
            var (key, other) = (Key(dirs[i]), Key(dirs[j]));
            var path = $"data.s3_mounts[{i}].mount_point";
            if (other == key) expected.Add($"{path}: {key} is already a mount point (data.s3_mounts[{j}].mount_point)");
            else if (key.StartsWith(other + "/") || other.StartsWith(key + "/"))
                expected.Add($"{path}: {key} overlaps {other} (data.s3_mounts[{j}].mount_point)");
        }
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("{ name: vol, type: ebs, mount_dir: /vol, size_gb: 100, volume_type: gp3, iops: 4000, throughput: 300 }", null, null)]
    [InlineData("{ name: fs, type: efs, mount_dir: /efs, file_system_id: fs-0123456789abcdef0 }", null, null)]
    [InlineData("{ name: snap, type: ebs, mount_dir: /sw, snapshot_id: snap-0123456789abcdef0 }", null, null)]
    [InlineData("{ name: default, type: ebs, mount_dir: /vol }", "STORAGE-NAME", "reserved")]
    [InlineData("{ name: a-name-longer-than-thirty-characters, type: ebs, mount_dir: /vol }", "STORAGE-NAME", "not a valid storage name")]
    [InlineData("{ name: fs, type: efs, mount_dir: /efs, snapshot_id: snap-01234567 }", "STORAGE-FIELDS", "applies to EBS")]
    [InlineData("{ name: vol, type: ebs, mount_dir: /vol, file_system_id: fs-01234567 }", "STORAGE-FIELDS", "applies to EFS and FSx")]
    [InlineData("{ name: vol, type: ebs, mount_dir: /vol, snapshot_id: snap-xyz }", "STORAGE-FIELDS", "not a snapshot id")]
    [InlineData("{ name: vol, type: ebs, mount_dir: /vol, volume_type: io2 }", "STORAGE-FIELDS", "need iops")]
    [InlineData("{ name: vol, type: ebs, mount_dir: /vol, volume_type: gp2, throughput: 200 }", "STORAGE-FIELDS", "applies to gp3")]
    [InlineData("{ name: vol, type: ebs, mount_dir: /vol, iops: 20000 }", "STORAGE-FIELDS", "outside gp3's range")]
    [InlineData("{ name: fsx, type: fsx-lustre, mount_dir: /fsx, size_gb: 1000 }", "STORAGE-FIELDS", "SCRATCH_2 capacity is 1200 or a multiple of 2400 GiB, not 1000")]
    [InlineData("{ name: fsx, type: fsx-lustre, mount_dir: /fsx, size_gb: 3600, deployment_type: SCRATCH_1 }", null, null)]
    [InlineData("{ name: fsx, type: fsx-lustre, mount_dir: /fsx, size_gb: 4800, deployment_type: SCRATCH_1 }", "STORAGE-FIELDS", "SCRATCH_1 capacity is 1200, 2400 or a multiple of 3600 GiB, not 4800")]
    [InlineData("{ name: fsx, type: fsx-lustre, mount_dir: /fsx, size_gb: 2400, deployment_type: PERSISTENT_2, per_unit_storage_throughput: 250 }", null, null)]
    [InlineData("{ name: fsx, type: fsx-lustre, mount_dir: /fsx, deployment_type: PERSISTENT_1 }", "STORAGE-FIELDS", "PERSISTENT_1 file systems need per_unit_storage_throughput")]
    [InlineData("{ name: fsx, type: fsx-lustre, mount_dir: /fsx, deployment_type: PERSISTENT_2, per_unit_storage_throughput: 200 }", "STORAGE-FIELDS", "PERSISTENT_2 file systems take 125, 250, 500, 1000 MB/s per TiB, not 200")]
    [InlineData("{ name: fsx, type: fsx-lustre, mount_dir: /fsx, per_unit_storage_throughput: 100 }", "STORAGE-FIELDS", "applies to PERSISTENT_1 and PERSISTENT_2 file systems, not SCRATCH_2")]
    [InlineData("{ name: fsx, type: fsx-lustre, mount_dir: /fsx, deployment_type: SCRATCH_3 }", SeedRuleIds.Enum, "not one of")]
    [InlineData("{ name: fsx, type: fsx-lustre, mount_dir: /fsx, import_path: \"s3://lab-in/raw\", export_path: \"s3://lab-in/out\" }", null, null)]
    [InlineData("{ name: fsx, type: fsx-lustre, mount_dir: /fsx, export_path: \"s3://lab-in/out\" }", "STORAGE-FIELDS", "export_path needs import_path")]
    [InlineData("{ name: fsx, type: fsx-lustre, mount_dir: /fsx, import_path: \"s3://lab-in\", export_path: \"s3://lab-out\" }", "STORAGE-FIELDS", "export_path's bucket 'lab-out' is not import_path's 'lab-in'")]
    [InlineData("{ name: fsx, type: fsx-lustre, mount_dir: /fsx, import_path: \"s3://lab-in\", deployment_type: PERSISTENT_2, per_unit_storage_throughput: 125 }", "STORAGE-FIELDS", "PERSISTENT_2 file systems do not take import_path/export_path")]
    [InlineData("{ name: fsx, type: fsx-lustre, mount_dir: /fsx, import_path: \"lab-in/raw\" }", "STORAGE-FIELDS", "is not an S3 location")]
    [InlineData("{ name: fsx, type: fsx-lustre, mount_dir: /fsx, import_path: \"s3://xn--lab/raw\" }", "STORAGE-FIELDS", "the prefix 'xn--' is reserved")]
    [InlineData("{ name: fsx, type: fsx-lustre, mount_dir: /fsx, file_system_id: fs-0123456789abcdef0, deployment_type: SCRATCH_1 }", "STORAGE-FIELDS", "deployment_type cannot be set for an existing file system")]
    [InlineData("{ name: fs, type: efs, mount_dir: /efs, import_path: \"s3://lab-in\" }", "STORAGE-FIELDS", "import_path applies to FSx for Lustre, not efs")]
    [InlineData("{ name: home, type: efs, mount_dir: /home }", null, null)]
    [InlineData("{ name: home, type: fsx-lustre, mount_dir: /home, size_gb: 1200 }", null, null)]
    [InlineData("{ name: home, type: ebs, mount_dir: /home }", "MOUNT-RESERVED", "ebs storage cannot be a shared /home")]
    [InlineData("{ name: vol, type: ebs, mount_dir: /opt }", "MOUNT-RESERVED", "system directory")]
    [InlineData("{ name: vol, type: nfs, mount_dir: /vol }", SeedRuleIds.Enum, "not one of")]
    public void Shared_storage_rules(string entry, string? rule, string? message)
    {
        var result = SeedText.Load(SeedText.Valid + $"\nshared_storage:\n  - {entry}\n");
        if (rule is null) Assert.True(result.Ok, string.Join("\n", result.Diagnostics));
        else Assert.Contains(message!, SeedText.Single(result, rule).Message);
    }

    [Fact]
    public void Storage_counts_follow_parallelcluster()
    {
        var ebs = string.Join("\n", Enumerable.Range(0, 6).Select(i => $"  - {{ name: v{i}, type: ebs, mount_dir: /v{i} }}"));
        Assert.Contains("6 EBS volumes", SeedText.Single(SeedText.Load(SeedText.Valid + "\nshared_storage:\n" + ebs + "\n"), "STORAGE-COUNT").Message);
        var efs = "  - { name: a, type: efs, mount_dir: /a }\n  - { name: b, type: efs, mount_dir: /b }\n  - { name: c, type: efs, mount_dir: /c, file_system_id: fs-01234567 }\n";
        Assert.Contains("2 new EFS", SeedText.Single(SeedText.Load(SeedText.Valid + "\nshared_storage:\n" + efs), "STORAGE-COUNT").Message);
    }

    [Fact]
    public void Storage_inside_scratch_is_refused_and_at_scratch_warned_when_a_type_has_instance_storage()
    {
        SeedLoadResult With(string dir) => SeedText.Load(SeedText.Valid.Replace("instance_types: [c6i.large]", "instance_types: [c6id.large]")
            + $"\nshared_storage:\n  - {{ name: s, mount_dir: {dir} }}\n");
        var inside = SeedText.Single(With("/scratch/shared"), "EPHEMERAL-MOUNT");
        Assert.Equal(Severity.Error, inside.Severity);
        Assert.Contains("overlaps /scratch, where ParallelCluster mounts the instance storage of c6id.large", inside.Message);
        var at = With("/scratch");
        Assert.True(at.Ok, string.Join("\n", at.Diagnostics));
        Assert.Equal(Severity.Warning, SeedText.Single(at, "EPHEMERAL-MOUNT").Severity);
        // Without instance storage, /scratch is an ordinary directory.
        SeedText.NoRule(SeedText.LoadWith("shared_storage:\n  - { name: s, mount_dir: /scratch/x }\n"), "EPHEMERAL-MOUNT");
    }

    [Theory]
    [InlineData("region: us-east-1", "region: us-east-1\n  os: ubuntu2404")]
    [InlineData("software:", "software:\n  spack_version: develop")]
    [InlineData("instance_types: [c6i.large]", "instance_types: [c7g.large]")]
    [InlineData("instance_types: [c6i.large]\n      max_count: 4", "instance_types: [t3.large]\n      max_count: 4\n      placement_group: true")]
    public void Validate_and_plan_give_the_same_answer(string from, string to)
    {
        // The plan's guard runs the seed rules: whatever validate refuses, plan refuses, for the same rules.
        var refused = Edit(from, to);
        Assert.False(refused.Ok);
        if (refused.Seed is null) return; // refused while reading (schema): there is no seed to plan
        var e = Assert.Throws<Petal.Plans.PlanInputException>(() => Petal.Plans.Planner.Create(refused.Seed, EmbeddedCatalog.Default, Petal.Plans.PlanOptions.Default));
        var ruleIds = SeedRules.All.Select(r => r.Id).ToHashSet();
        Assert.Subset(e.Diagnostics.Select(d => d.RuleId).ToHashSet(), refused.Diagnostics.Where(d => d.IsError && ruleIds.Contains(d.RuleId)).Select(d => d.RuleId).ToHashSet());
    }

    [Fact]
    public void Every_rule_has_a_unique_id_and_summary()
    {
        var ids = SeedRules.All.Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(SeedRules.All, r => Assert.False(string.IsNullOrWhiteSpace(r.Summary)));
    }
}
