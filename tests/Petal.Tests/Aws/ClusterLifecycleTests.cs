using Amazon.EC2.Model;
using Amazon.S3.Model;
using Petal.Providers.Aws;
using Petal.Providers.Aws.Clusters;
using Petal.Tests.Support;

namespace Petal.Tests.Aws;

[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ClusterLifecycleTests(MotoServer moto) : AwsCliTest(moto)
{
    private const string Bucket = "petal-123456789012-us-east-1";
    private AwsClusterLifecycle Lifecycle(Func<PclusterCli>? locate = null) =>
        new(Aws, locate ?? (() => new PclusterCli(Pcluster.Path)), new AwsClusterStore(State.Path),
            new ClusterLifecycleOptions { PollInterval = TimeSpan.FromMilliseconds(10), CreateTimeout = TimeSpan.FromSeconds(20), DeleteTimeout = TimeSpan.FromSeconds(20) });

    private static AwsClusterRequest Request(Func<ClusterInputs, string>? render = null) => new()
    {
        Name = "demo", Os = "alinux2023", Fingerprint = "fp1", KeyName = "mykey", SshCidr = "203.0.113.7/32",
        Files = new Dictionary<string, string> { ["bootstrap/on-node-configured.sh"] = "#!/bin/bash\necho hi\n" },
        RenderConfig = render ?? (i => $"Region: {i.Region}\nHeadNode:\n  Networking:\n    SubnetId: {i.SubnetId}\n  CustomActions:\n    OnNodeConfigured:\n      Script: s3://{i.Bucket}/{i.ScriptPrefix}bootstrap/on-node-configured.sh\n"),
    };

    [MotoFact]
    public async Task Create_makes_network_bucket_and_cluster_and_delete_removes_them()
    {
        var messages = new SyncProgress();
        var state = await Lifecycle().CreateAsync(Request(), messages, CancellationToken.None);

        Assert.Equal("CREATE_COMPLETE", state.Status);
        var subnet = (await Aws.Ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = [PetalTags.Filter(PetalTags.Cluster, "demo")] })).Subnets.Single();
        Assert.Equal(subnet.SubnetId, state.SubnetId);
        Assert.Contains($"SubnetId: {subnet.SubnetId}", File.ReadAllText(Pcluster.ConfigPassed!));
        Assert.Contains(Pcluster.Calls, c => c.StartsWith("create-cluster --cluster-name demo --cluster-configuration ") && c.EndsWith("--region us-east-1"));
        var group = (await Aws.Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = [PetalTags.Filter(PetalTags.Cluster, "demo")] })).SecurityGroups.Single();
        Assert.Contains(group.IpPermissions, p => p.FromPort == 22 && p.Ipv4Ranges.Any(r => r.CidrIp == "203.0.113.7/32"));
        var route = (await Aws.Ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = [PetalTags.Filter(PetalTags.Cluster, "demo")] })).RouteTables.Single();
        Assert.Contains(route.Routes, r => r.DestinationCidrBlock == "0.0.0.0/0" && r.GatewayId.StartsWith("igw-"));
        var block = await Aws.S3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = Bucket });
        Assert.True(block.PublicAccessBlockConfiguration.BlockPublicAcls == true && block.PublicAccessBlockConfiguration.RestrictPublicBuckets == true);
        var encryption = await Aws.S3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = Bucket });
        Assert.NotEmpty(encryption.ServerSideEncryptionConfiguration.ServerSideEncryptionRules);
        var script = await Aws.S3.GetObjectAsync(Bucket, "clusters/demo/bootstrap/on-node-configured.sh");
        Assert.Equal("#!/bin/bash\necho hi\n", await new StreamReader(script.ResponseStream).ReadToEndAsync());
        Assert.Contains(messages.Lines, l => l.Contains("CREATE_IN_PROGRESS"));

        var (recorded, live) = await Lifecycle().StatusAsync("demo", CancellationToken.None);
        Assert.Equal("198.51.100.10", live!.HeadNodePublicIp);
        Assert.Equal("mykey", recorded!.KeyName);

        Assert.True(await Lifecycle().DeleteAsync("demo", null, CancellationToken.None));
        Assert.Contains(Pcluster.Calls, c => c == "delete-cluster --cluster-name demo --region us-east-1");
        await AwsLeftovers.AssertNoneAsync(Aws.Ec2);
        Assert.Empty((await Aws.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket })).S3Objects ?? []);
        Assert.Null(new AwsClusterStore(State.Path).Load("demo"));
        Assert.False(await Lifecycle().DeleteAsync("demo", null, CancellationToken.None));
    }

    [MotoFact]
    public async Task The_network_petal_creates_carries_the_seeds_cost_allocation_tags()
    {
        var request = Request() with { Tags = [new("team", "hpc"), new("Name", "theirs"), new(PetalTags.Managed, "false")] };
        await Lifecycle().CreateAsync(request, null, CancellationToken.None);
        var vpc = (await Aws.Ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = [PetalTags.Filter(PetalTags.Cluster, "demo")] })).Vpcs.Single();
        var subnet = (await Aws.Ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = [PetalTags.Filter(PetalTags.Cluster, "demo")] })).Subnets.Single();
        var group = (await Aws.Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = [PetalTags.Filter(PetalTags.Cluster, "demo")] })).SecurityGroups.Single();
        foreach (var tags in new[] { vpc.Tags, subnet.Tags, group.Tags })
        {
            Assert.Contains(tags, t => t.Key == "team" && t.Value == "hpc");
            Assert.Contains(tags, t => t.Key == "Name" && t.Value == "petal-demo");
            Assert.Contains(tags, t => t.Key == PetalTags.Managed && t.Value == "true");
        }
        Assert.True(await Lifecycle().DeleteAsync("demo", null, CancellationToken.None));
        await AwsLeftovers.AssertNoneAsync(Aws.Ec2);
    }

    [MotoFact]
    public async Task Seed_queue_subnets_are_checked_once_and_a_missing_one_is_an_input_error_naming_where_the_seed_lists_it()
    {
        var vpc = (await Aws.Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.1.0.0/16" })).Vpc;
        var subnet = (await Aws.Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc.VpcId, CidrBlock = "10.1.0.0/20" })).Subnet;
        await SeedSubnets.CheckAsync(Aws, [new(subnet.SubnetId, "a"), new(subnet.SubnetId, "b")], CancellationToken.None);
        var e = await Assert.ThrowsAsync<global::Petal.Common.UserInputException>(() => SeedSubnets.CheckAsync(Aws,
            [new(subnet.SubnetId, "seed.yaml:9:22: compute.queues[0].subnet_ids[0]"), new("subnet-0123456789abcdef9", "seed.yaml:9:48: compute.queues[0].subnet_ids[1]")],
            CancellationToken.None));
        Assert.Contains("seed.yaml:9:48: compute.queues[0].subnet_ids[1]: subnet subnet-0123456789abcdef9 does not exist in us-east-1", e.Message);
        Assert.DoesNotContain(subnet.SubnetId, e.Message);
        Assert.Equal(global::Petal.Common.ErrorKind.InvalidInput, e.Kind);
        await Aws.Ec2.DeleteSubnetAsync(new DeleteSubnetRequest { SubnetId = subnet.SubnetId });
        await Aws.Ec2.DeleteVpcAsync(new DeleteVpcRequest { VpcId = vpc.VpcId });
    }

    [MotoFact]
    public async Task Missing_pcluster_says_how_to_install_it_and_creates_nothing()
    {
        var lifecycle = Lifecycle(() => PclusterCli.Locate(name => name == "PATH" ? State.Path : null));
        var e = await Assert.ThrowsAsync<AwsFailureException>(() => lifecycle.CreateAsync(Request(), null, CancellationToken.None));
        Assert.Contains("pip install aws-parallelcluster==3.12.0", e.Message);
        Assert.Contains("Node.js", e.Message);
        Assert.Empty((await Aws.Ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = [PetalTags.Filter(PetalTags.Managed, "true")] })).Vpcs ?? []);
        Assert.Empty((await Aws.S3.ListBucketsAsync()).Buckets ?? []);
        Assert.Empty(new AwsClusterStore(State.Path).List());
    }

    [MotoFact]
    public async Task A_failed_cluster_shows_the_reason_and_removes_network_and_scripts()
    {
        Pcluster.Outcome = "CREATE_FAILED";
        var e = await Assert.ThrowsAsync<AwsFailureException>(() => Lifecycle().CreateAsync(Request(), null, CancellationToken.None));
        Assert.Contains("HeadNodeBootstrapFailure", e.Message);
        Assert.Contains("bootstrapping the head node", e.Message);
        Assert.Contains(Pcluster.Calls, c => c.StartsWith("delete-cluster --cluster-name demo"));
        await AwsLeftovers.AssertNoneAsync(Aws.Ec2);
        Assert.Empty((await Aws.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket })).S3Objects ?? []);
        Assert.Empty(new AwsClusterStore(State.Path).List());
    }

    [MotoFact]
    public async Task A_failure_during_network_creation_removes_the_partial_network()
    {
        var e = await Assert.ThrowsAsync<AwsFailureException>(() =>
            Lifecycle().CreateAsync(Request() with { SshCidr = "not-a-cidr" }, null, CancellationToken.None));
        Assert.DoesNotContain(Pcluster.Calls, c => c.StartsWith("create-cluster"));
        await AwsLeftovers.AssertNoneAsync(Aws.Ec2);
        Assert.Empty(new AwsClusterStore(State.Path).List());
    }

    [MotoFact]
    public async Task A_failure_after_the_upload_removes_scripts_and_network()
    {
        var e = await Assert.ThrowsAsync<AwsFailureException>(() =>
            Lifecycle().CreateAsync(Request(_ => throw new InvalidOperationException("injected render failure")), null, CancellationToken.None));
        Assert.Contains("injected render failure", e.Message);
        Assert.DoesNotContain(Pcluster.Calls, c => c.StartsWith("create-cluster"));
        await AwsLeftovers.AssertNoneAsync(Aws.Ec2);
        Assert.Empty((await Aws.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket })).S3Objects ?? []);
    }

    [MotoTheory]
    [InlineData("creating the network")]
    [InlineData("uploading")]
    [InlineData("CREATE_IN_PROGRESS")]
    public async Task Cancellation_at_any_stage_of_create_leaves_nothing_behind(string cancelAt)
    {
        Pcluster.Outcome = "STUCK";
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(line => { if (line.Contains(cancelAt)) cts.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Lifecycle().CreateAsync(Request(), progress, cts.Token));
        await AwsLeftovers.AssertNoneAsync(Aws.Ec2);
        if (cancelAt == "CREATE_IN_PROGRESS")
            Assert.Contains(Pcluster.Calls, c => c.StartsWith("delete-cluster --cluster-name demo"));
        var buckets = (await Aws.S3.ListBucketsAsync()).Buckets ?? [];
        foreach (var b in buckets)
            Assert.Empty((await Aws.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = b.BucketName })).S3Objects ?? []);
    }

    [MotoFact]
    public async Task Update_stops_the_fleet_applies_and_records_the_config_then_starts_the_fleet()
    {
        var state = await Lifecycle().CreateAsync(Request(), null, CancellationToken.None);
        var calls = Pcluster.Calls.Count;

        var updated = await Lifecycle().UpdateAsync(state, "Region: us-east-1\n# second version\n", null, CancellationToken.None);

        Assert.Equal("UPDATE_COMPLETE", updated.Status);
        Assert.Equal("UPDATE_COMPLETE", new AwsClusterStore(State.Path).Load("demo")!.Status);
        Assert.Equal("Region: us-east-1\n# second version\n", Assert.Single(Pcluster.ConfigsUpdated));
        Assert.Equal("Region: us-east-1\n# second version\n", File.ReadAllText(state.ConfigPath!));
        Assert.Equal([state.ConfigPath!], Directory.GetFiles(Path.GetDirectoryName(state.ConfigPath)!, "*.yaml"));
        var steps = Pcluster.Calls.Skip(calls).Select(c => c.Split(" --region")[0]).Where(c => !c.StartsWith("describe", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            "update-compute-fleet --cluster-name demo --status STOP_REQUESTED",
            $"update-cluster --cluster-name demo --cluster-configuration {Path.ChangeExtension(state.ConfigPath!, ".pending.yaml")}",
            "update-compute-fleet --cluster-name demo --status START_REQUESTED",
        ], steps);
        Assert.Equal("RUNNING", await new PclusterCli(Pcluster.Path).DescribeComputeFleetAsync("demo", "us-east-1", CancellationToken.None));
    }

    [MotoFact]
    public async Task A_failed_update_gives_pclusters_reason_keeps_the_old_config_and_restarts_the_fleet()
    {
        var state = await Lifecycle().CreateAsync(Request(), null, CancellationToken.None);
        var original = File.ReadAllText(state.ConfigPath!);
        Pcluster.UpdateOutcome = "UPDATE_FAILED";

        var e = await Assert.ThrowsAsync<AwsFailureException>(() => Lifecycle().UpdateAsync(state, "Region: us-east-1\n", null, CancellationToken.None));

        Assert.Contains("cluster demo update failed (UPDATE_FAILED): ClusterUpdateFailure: The compute fleet could not be updated", e.Message);
        Assert.Equal(original, File.ReadAllText(state.ConfigPath!));
        Assert.Contains(Pcluster.Calls, c => c.StartsWith("update-compute-fleet --cluster-name demo --status START_REQUESTED", StringComparison.Ordinal));
        Assert.Equal("RUNNING", await new PclusterCli(Pcluster.Path).DescribeComputeFleetAsync("demo", "us-east-1", CancellationToken.None));
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool), so a test can cancel at an exact point.</summary>
    private sealed class SyncProgress(Action<string>? onReport = null) : IProgress<string>
    {
        public List<string> Lines { get; } = [];

        public void Report(string value)
        {
            Lines.Add(value);
            onReport?.Invoke(value);
        }
    }
}
