using System.Text.Json;
using Petal.Providers.Aws;
using Petal.Providers.Aws.Clusters;
using Petal.Tests.Support;

namespace Petal.Tests.Aws;

/// <summary>
/// `petal update --provider aws` as users run it: the real petal process, moto_server, and the pcluster stand-in,
/// which checks each config update-cluster gets against the cluster's current one as pcluster 3.12 does.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AwsUpdateTests(MotoServer moto) : AwsCliTest(moto)
{
    private string Seed(string file, string headNode = "c6i.xlarge", string computeType = "c6i.2xlarge", int computeMax = 4, string extraQueue = "") =>
        Home.Write(file, $"""
            cluster:
              name: upd
              region: us-east-1
            compute:
              head_node: {headNode}
              queues:
                - name: compute
                  instance_types: [{computeType}]
                  max_count: {computeMax}
            {extraQueue}
            software:
              layout: shared
              spack_packages: [gcc@13.2.0]
            """);

    private const string MemQueue = "    - name: mem\n      instance_types: [r6i.large]\n      max_count: 2";

    private AwsClusterState Recorded => new AwsClusterStore(Path.Combine(State.Path, "aws", "clusters")).Load("upd")!;

    private async Task<string> CreateAsync()
    {
        Json(await Petal("create", Seed("seed.yaml"), "--provider", "aws", "--key-name", "k", "--ssh-cidr", "203.0.113.7/32", "--output", "json"));
        return File.ReadAllText(Recorded.ConfigPath!);
    }

    private IEnumerable<string> CallsAfter(int count) =>
        Pcluster.Calls.Skip(count).Select(c => c.Split(" --")[0]).Where(c => !c.StartsWith("describe", StringComparison.Ordinal));

    [MotoFact]
    public async Task Adding_a_queue_and_raising_a_max_count_is_applied_live_and_recorded()
    {
        await CreateAsync();
        var before = Pcluster.Calls.Count;
        var edited = Seed("edited.yaml", computeMax: 8, extraQueue: MemQueue);

        var dry = Json(await Petal("update", "upd", edited, "--dry-run", "--output", "json"));
        Assert.Equal("live", dry.GetProperty("requirement").GetString());
        Assert.False(dry.GetProperty("applied").GetBoolean());
        var paths = dry.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("path").GetString()).ToList();
        Assert.Equal(["Scheduling.SlurmQueues[compute].ComputeResources[c6i-2xlarge].MaxCount", "Scheduling.SlurmQueues[mem]"], paths);
        Assert.Empty(CallsAfter(before));

        var applied = Json(await Petal("update", "upd", edited, "--yes", "--output", "json"));
        Assert.True(applied.GetProperty("applied").GetBoolean());
        Assert.Equal(["update-cluster"], CallsAfter(before)); // no fleet stop for a live change
        Assert.Contains("Name: \"mem\"", File.ReadAllText(Recorded.ConfigPath!));
        Assert.Equal(File.ReadAllText(Recorded.ConfigPath!), Pcluster.CurrentConfig);
        Assert.Equal(Path.GetFullPath(edited), Recorded.SeedFile);
        Assert.Equal(File.ReadAllText(edited), File.ReadAllText(Path.Combine(State.Path, "aws", "clusters", "upd.seed.yaml")));
        Assert.Contains("no cluster config changes", (await Petal("update", "upd", edited, "--dry-run")).Stdout);
    }

    [MotoFact]
    public async Task A_head_node_type_change_is_refused_with_the_reason_before_anything_changes()
    {
        var config = await CreateAsync();
        var before = Pcluster.Calls.Count;
        var result = await Petal("update", "upd", Seed("bigger-head.yaml", headNode: "c6i.2xlarge"), "--yes");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("HeadNode.InstanceType: Update actions are not currently supported for the 'InstanceType' parameter", result.Stderr);
        Assert.Contains("nothing was changed", result.Stderr);
        Assert.Contains("UNSUPPORTED", result.Stdout);
        Assert.Empty(CallsAfter(before));
        Assert.Equal(config, File.ReadAllText(Recorded.ConfigPath!));
    }

    [MotoFact]
    public async Task A_queue_instance_type_change_stops_and_restarts_the_fleet()
    {
        await CreateAsync();
        var before = Pcluster.Calls.Count;
        Json(await Petal("update", "upd", Seed("new-type.yaml", computeType: "m6i.2xlarge"), "--yes", "--output", "json"));
        Assert.Equal(["update-compute-fleet", "update-cluster", "update-compute-fleet"], CallsAfter(before));
        Assert.Contains(Pcluster.Calls.Skip(before), c => c.Contains("--status STOP_REQUESTED", StringComparison.Ordinal));
        Assert.Contains("InstanceType: \"m6i.2xlarge\"", Pcluster.CurrentConfig);
        Assert.Equal("RUNNING", await new PclusterCli(Pcluster.Path).DescribeComputeFleetAsync("upd", "us-east-1", CancellationToken.None));
    }

    [MotoFact]
    public async Task The_stand_in_refuses_an_instance_type_change_while_the_fleet_runs_as_pcluster_does()
    {
        var config = await CreateAsync();
        var changed = Home.Write("changed-config.yaml", config.Replace("InstanceType: \"c6i.2xlarge\"", "InstanceType: \"c6a.2xlarge\""));
        var e = await Assert.ThrowsAsync<AwsFailureException>(() => new PclusterCli(Pcluster.Path).UpdateClusterAsync("upd", changed, "us-east-1", CancellationToken.None));
        Assert.Contains("All compute nodes must be stopped", e.Message);
        var head = Home.Write("head-config.yaml", config.Replace("InstanceType: \"c6i.xlarge\"", "InstanceType: \"c6i.2xlarge\""));
        e = await Assert.ThrowsAsync<AwsFailureException>(() => new PclusterCli(Pcluster.Path).UpdateClusterAsync("upd", head, "us-east-1", CancellationToken.None));
        Assert.Contains("HeadNode.InstanceType: Update actions are not currently supported for the 'InstanceType' parameter", e.Message);
        Assert.Equal(config, Pcluster.CurrentConfig);
    }

    [MotoFact]
    public async Task A_failed_update_leaves_the_recorded_config_and_seed_unchanged()
    {
        var config = await CreateAsync();
        var recorded = Recorded;
        Pcluster.UpdateOutcome = "UPDATE_FAILED";
        var result = await Petal("update", "upd", Seed("edited.yaml", extraQueue: MemQueue), "--yes");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ClusterUpdateFailure: The compute fleet could not be updated", result.Stderr);
        Assert.Equal(config, File.ReadAllText(Recorded.ConfigPath!));
        Assert.Equal((recorded.SeedFile, recorded.Fingerprint), (Recorded.SeedFile, Recorded.Fingerprint));
        Assert.False(File.Exists(Path.Combine(State.Path, "aws", "clusters", "upd.seed.yaml")));
        Assert.Equal(config, Pcluster.CurrentConfig);
    }

    [MotoFact]
    public async Task A_new_queue_subnet_ec2_does_not_know_is_refused_at_its_seed_line_before_anything_changes()
    {
        var config = await CreateAsync();
        var before = Pcluster.Calls.Count;
        var edited = Seed("subnet.yaml", extraQueue: MemQueue + "\n      subnet_ids: [subnet-0123456789abcdef9]");
        var result = await Petal("update", "upd", edited, "--yes");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{edited}:13:20: compute.queues[1].subnet_ids[0]: subnet subnet-0123456789abcdef9 does not exist in us-east-1", result.Stderr);
        Assert.Empty(CallsAfter(before));
        Assert.Equal(config, File.ReadAllText(Recorded.ConfigPath!));
        Assert.Equal(config, Pcluster.CurrentConfig);
    }

    [MotoFact]
    public async Task Without_a_terminal_an_update_needs_yes()
    {
        await CreateAsync();
        var before = Pcluster.Calls.Count;
        var result = await Petal("update", "upd", Seed("edited.yaml", extraQueue: MemQueue));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pass --yes", result.Stderr);
        Assert.Empty(CallsAfter(before));
    }
}
