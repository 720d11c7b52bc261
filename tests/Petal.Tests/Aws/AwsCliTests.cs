using Petal.Providers.Aws.Clusters;
using System.Diagnostics;
using System.Text.Json;
using Amazon.EC2.Model;
using Petal.Providers.Aws;
using Petal.Providers.Aws.Images;
using Petal.Tests.Support;

namespace Petal.Tests.Aws;

/// <summary>
/// `petal ami build|status|list` and `petal create|status|list|delete --provider aws` as users run them: the
/// real petal process against a real moto_server (AWS_ENDPOINT_URL), with the build-script stand-in
/// (<see cref="BuildScriptStandIn"/>) and the pcluster stand-in (<see cref="PclusterStandIn"/>).
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AwsCliTests(MotoServer moto) : AwsCliTest(moto)
{
    private static readonly string AmiSeed = Path.Combine(RepoPaths.Seeds, "examples", "layout-ami.yaml");
    [MotoFact]
    public async Task Ami_build_builds_with_progress_then_reuses_by_fingerprint()
    {
        JsonElement first;
        await using (new BuildScriptStandIn(Aws.Ec2))
        {
            var result = await Petal("ami", "build", AmiSeed, "--output", "json");
            first = Json(result);
            // The plain progress lines (stderr with --output json) carry the script's percentages.
            Assert.Contains(" 50% spack install (stand-in)", result.Stderr);
        }
        var imageId = first.GetProperty("image_id").GetString()!;
        Assert.StartsWith("ami-", imageId);
        Assert.False(first.GetProperty("reused").GetBoolean());
        Assert.Equal("available", first.GetProperty("status").GetString());
        var image = (await Aws.Ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [imageId] })).Images.Single();
        Assert.Equal(first.GetProperty("fingerprint").GetString(), image.Tags.Single(t => t.Key == PetalTags.Fingerprint).Value);
        await AwsLeftovers.AssertNoneAsync(Aws.Ec2);

        var again = Json(await Petal("ami", "build", AmiSeed, "--output", "json"));
        Assert.True(again.GetProperty("reused").GetBoolean());
        Assert.Equal(imageId, again.GetProperty("image_id").GetString());
        var human = await Petal("ami", "build", AmiSeed);
        Assert.Contains($"reused {imageId}", human.Stdout);
    }

    [MotoFact]
    public async Task Ami_build_detach_returns_a_build_id_that_status_watch_follows_to_the_end()
    {
        await using var script = new BuildScriptStandIn(Aws.Ec2);
        var started = Json(await Petal("ami", "build", AmiSeed, "--detach", "--output", "json"));
        var id = started.GetProperty("build_id").GetString()!;
        var pid = started.GetProperty("pid").GetInt32();
        try
        {
            var watched = await Petal("ami", "status", id, "--watch");
            Assert.True(watched.ExitCode == 0, watched.Stderr + watched.Stdout);
            Assert.Contains("status       available", watched.Stdout.Replace("\t", " "));
            var final = Json(await Petal("ami", "status", id, "--output", "json"));
            Assert.Equal("available", final.GetProperty("status").GetString());
            var imageId = final.GetProperty("image_id").GetString()!;
            Assert.True(File.Exists(Path.Combine(State.Path, "aws", "builds", id + ".log")));

            var list = Json(await Petal("ami", "list", "--output", "json"));
            Assert.Contains(list.GetProperty("builds").EnumerateArray(), b => b.GetProperty("id").GetString() == id);
            Assert.Contains(list.GetProperty("artifacts").EnumerateArray(), a => a.GetProperty("id").GetString() == imageId);
            await AwsLeftovers.AssertNoneAsync(Aws.Ec2);
        }
        finally
        {
            StopIfRunning(pid);
        }
    }

    [MotoFact]
    public async Task Ami_status_refuses_unknown_builds_and_stops_watching_a_build_whose_process_is_gone()
    {
        var unknown = await Petal("ami", "status", "b-20990101000000-abcdef");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no build 'b-20990101000000-abcdef'", unknown.Stderr);

        var gone = new BuildState { Id = "b-20990101000000-0dead0", Name = "demo", Fingerprint = "fp", Region = "us-east-1",
            Status = BuildStatus.Building, Percent = 40, Pid = FinishedPid() };
        new BuildStateStore(Path.Combine(State.Path, "aws", "builds")).Save(gone);
        var watched = await Petal("ami", "status", gone.Id, "--watch");
        Assert.Equal(1, watched.ExitCode);
        Assert.Contains($"its process {gone.Pid} is gone", watched.Stderr);
        Assert.Contains(gone.Id + ".log", watched.Stderr);
    }

    /// <summary>The pid of a process that has exited (and was reaped).</summary>
    private static int FinishedPid()
    {
        using var p = Process.Start("true")!;
        p.WaitForExit();
        return p.Id;
    }

    [MotoFact]
    public async Task Ctrl_c_during_ami_build_cancels_and_removes_the_build_instance()
    {
        await using var script = new BuildScriptStandIn(Aws.Ec2, steps: []);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "Petal.Cli.dll"), "ami", "build", AmiSeed }) start.ArgumentList.Add(a);
        foreach (var (k, v) in PetalEnvironment()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await script.Running.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()])) await kill.WaitForExitAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            StopIfRunning(process.Id);
        }
        var output = await stderr + await stdout;
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("cancelled", output);
        Assert.True((await AwsLeftovers.FindAsync(Aws.Ec2)).Count == 0, output);
        Assert.Empty((await Aws.Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["self"] })).Images ?? []);
    }

    [MotoFact]
    public async Task An_invalid_seed_exits_2_and_creates_nothing_on_aws()
    {
        var seed = State.Write("bad.yaml", "cluster:\n  name: Bad_Name!\n  region: us-east-1\ncompute:\n  head_node: t3.nosuch\n  queues: []\n");
        var build = await Petal("ami", "build", seed);
        var create = await Petal("create", seed, "--provider", "aws", "--ssh-cidr", "203.0.113.7/32");

        Assert.Equal(2, build.ExitCode);
        Assert.Equal(2, create.ExitCode);
        Assert.Contains("bad.yaml:", build.Stderr);
        Assert.Contains("bad.yaml:", create.Stderr);
        Assert.DoesNotContain("at Petal.", build.Stderr + create.Stderr);
        await AssertAwsEmptyAsync();
        Assert.Empty(Pcluster.Calls);
    }

    [MotoFact]
    public async Task Create_without_a_built_image_or_ssh_cidr_exits_2_saying_what_to_pass_and_creates_nothing()
    {
        var noImage = await Petal("create", AmiSeed, "--provider", "aws", "--key-name", "k", "--ssh-cidr", "203.0.113.7/32");
        var noCidr = await Petal("create", AmiSeed, "--provider", "aws", "--key-name", "k", "--build", "--subnet-id", "subnet-0123456789abcdef0");
        var noKey = await Petal("create", AmiSeed, "--provider", "aws", "--ssh-cidr", "203.0.113.7/32", "--build");
        var badCidr = await Petal("create", AmiSeed, "--provider", "aws", "--key-name", "k", "--ssh-cidr", "everyone");

        Assert.Equal(2, noImage.ExitCode);
        Assert.Contains("run 'petal ami build", noImage.Stderr);
        Assert.Contains("--build", noImage.Stderr);
        Assert.Equal(2, noCidr.ExitCode);
        Assert.Contains("pass --ssh-cidr", noCidr.Stderr);
        Assert.Equal(2, badCidr.ExitCode);
        Assert.Contains("--ssh-cidr: \"everyone\" is not an IPv4 address range", badCidr.Stderr);
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("pass --key-name", noKey.Stderr);
        await AssertAwsEmptyAsync();
        Assert.DoesNotContain(Pcluster.Calls, c => c.StartsWith("create-cluster", StringComparison.Ordinal));
    }

    [MotoFact]
    public async Task Create_without_pcluster_exits_1_says_how_to_install_it_and_creates_nothing()
    {
        var env = PetalEnvironment(withPcluster: false);
        env["PATH"] = "/usr/bin:/bin";
        var result = await PetalProcess.RunAsync(
            ["create", AmiSeed, "--provider", "aws", "--ssh-cidr", "203.0.113.7/32", "--build"], env, TimeSpan.FromSeconds(60));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("pip install aws-parallelcluster==3.12.0", result.Stderr);
        Assert.Contains("nothing was created", result.Stderr);
        await AssertAwsEmptyAsync();
    }

    [MotoFact]
    public async Task Create_with_build_then_status_list_and_delete_leave_nothing_behind()
    {
        JsonElement created;
        await using (new BuildScriptStandIn(Aws.Ec2))
            created = Json(await Petal("create", AmiSeed, "--provider", "aws", "--name", "demo", "--build", "--key-name", "mykey",
                "--ssh-cidr", "203.0.113.7/32", "--output", "json"));
        Assert.Equal("CREATE_COMPLETE", created.GetProperty("state").GetString());
        Assert.Equal("aws", created.GetProperty("provider").GetString());
        var image = (await Aws.Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["self"] })).Images.Single();
        var config = File.ReadAllText(Pcluster.ConfigPassed!);
        Assert.Contains($"CustomAmi: \"{image.ImageId}\"", config);
        Assert.Contains("KeyName: \"mykey\"", config);
        Assert.DoesNotContain("{{", config);
        var sshGroup = (await Aws.Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = [PetalTags.Filter(PetalTags.Cluster, "demo")] })).SecurityGroups.Single();
        Assert.Contains($"    AdditionalSecurityGroups:\n      - \"{sshGroup.GroupId}\"", config);
        Assert.Contains("    AllowedIps: \"203.0.113.7/32\"", config);
        // The config pcluster got is what `petal plan` writes given the ids AWS resolved: planned, not patched.
        var subnet = (await Aws.Ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = [PetalTags.Filter(PetalTags.Cluster, "demo")] })).Subnets.Single();
        var bucket = (await Aws.S3.ListBucketsAsync()).Buckets.Single();
        var seed = global::Petal.Seeds.SeedLoader.Load(AmiSeed, global::Petal.Catalog.EmbeddedCatalog.Default).Seed!;
        var planned = global::Petal.Plans.Planner.Create(seed with { Cluster = seed.Cluster with { Name = "demo" } }, global::Petal.Catalog.EmbeddedCatalog.Default,
            new global::Petal.Plans.PlanOptions
        {
            SubnetId = subnet.SubnetId, CustomAmi = image.ImageId, BucketName = bucket.BucketName, KeyName = "mykey", SshCidr = "203.0.113.7/32",
            HeadNodeSecurityGroups = [sshGroup.GroupId],
        });
        Assert.Equal(planned.ClusterConfigYaml, config);
        Assert.NotEmpty((await Aws.Ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = [PetalTags.Filter(PetalTags.Cluster, "demo")] })).Vpcs);

        // What ParallelCluster would have launched (moto instances with its tags), and another cluster's node.
        var launched = new List<string>();
        foreach (var (cluster, nodeType, queue, type) in new[] { ("demo", "HeadNode", null, "c6i.xlarge"), ("demo", "Compute", "compute", "c6i.2xlarge"), ("other", "Compute", "compute", "c5.large") })
        {
            List<Amazon.EC2.Model.Tag> tags = [new(ClusterInstances.ClusterNameTag, cluster), new(ClusterInstances.NodeTypeTag, nodeType)];
            if (queue is not null) tags.Add(new(ClusterInstances.QueueTag, queue));
            launched.AddRange((await Aws.Ec2.RunInstancesAsync(new RunInstancesRequest
            {
                ImageId = image.ImageId, InstanceType = type, MinCount = 1, MaxCount = 1,
                TagSpecifications = [new TagSpecification { ResourceType = "instance", Tags = tags }],
            })).Reservation.Instances.Select(i => i.InstanceId));
        }
        var status = Json(await Petal("status", "demo", "--output", "json"));
        Assert.Equal("CREATE_COMPLETE", status.GetProperty("state").GetString());
        Assert.Equal("198.51.100.10", status.GetProperty("head_node_address").GetString());
        var nodes = status.GetProperty("nodes").EnumerateArray()
            .Select(n => (n.GetProperty("queue").GetString(), n.GetProperty("instance_type").GetString(), n.GetProperty("cpus").GetInt32(), n.GetProperty("state").GetString()))
            .ToList();
        Assert.Equal([("(head node)", "c6i.xlarge", 4, "running"), ("compute", "c6i.2xlarge", 8, "running")], nodes);
        var table = await Petal("status", "demo");
        Assert.Contains("Instance", table.Stdout);
        Assert.Contains("Launched", table.Stdout);
        Assert.DoesNotContain("Static", table.Stdout);
        await Aws.Ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = launched });
        var list = Json(await Petal("list", "--provider", "aws", "--output", "json"));
        Assert.Contains(list.GetProperty("clusters").EnumerateArray(), c => c.GetProperty("name").GetString() == "demo" && c.GetProperty("provider").GetString() == "aws");

        var deleted = Json(await Petal("delete", "demo", "--yes", "--output", "json"));
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        Assert.Contains(Pcluster.Calls, c => c.StartsWith("delete-cluster --cluster-name demo", StringComparison.Ordinal));
        await AwsLeftovers.AssertNoneAsync(Aws.Ec2);
        Assert.Empty(Json(await Petal("list", "--provider", "aws", "--output", "json")).GetProperty("clusters").EnumerateArray());
    }

    /// <summary>Nothing petal could have created: no instance, volume, group, network, image or bucket.</summary>
    private async Task AssertAwsEmptyAsync()
    {
        await AwsLeftovers.AssertNoneAsync(Aws.Ec2);
        Assert.Empty((await Aws.Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["self"] })).Images ?? []);
        Assert.Empty((await Aws.S3.ListBucketsAsync()).Buckets ?? []);
    }

    private static void StopIfRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
        catch (ArgumentException) { } // already gone
    }
}
