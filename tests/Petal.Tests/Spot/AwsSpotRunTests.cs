using System.Text.Json;
using Amazon.EC2.Model;
using Petal.Catalog;
using Petal.Plans;
using Petal.Providers.Aws;
using Petal.Providers.Aws.Clusters;
using Petal.Seeds;
using Petal.Spot.Plans;
using Petal.Spot.Runs;
using Petal.Spot.Selection;
using Petal.Tests.Aws;
using Petal.Tests.Local;
using Petal.Tests.Support;
using Petal.Tests.Verify;
using YamlDotNet.RepresentationModel;

namespace Petal.Tests.Spot;

/// <summary>
/// `petal spot run PLAN --cluster NAME` on a cluster petal recorded on AWS, as users run it: the real petal process,
/// moto for EC2 (DescribeInstances finds the compute instance by the cluster's parallelcluster tag and private IP), the
/// pcluster STAND-IN (update-cluster, the compute fleet, describe-cluster with the head node at 127.0.0.1) and a real
/// sshd on 127.0.0.1 in front of a local twin standing in for the head node and its Slurm.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AwsSpotRunTests(MotoServer moto) : AwsCliTest(moto)
{
    private const string Zone = "us-east-1b";

    private const string PlanText = """
        batches: 1
        iterations: 1
        seed: 3
        queue: spot
        template: |
          #!/bin/bash
          #SBATCH --nodes=[[NODES]]
          echo "petal spot [[TAG]] on $SLURMD_NODENAME"
          sleep [[HOLD]]
        experiments:
          - {name: tiny, vcpus: 2, nodes: 1, max_instance_types: 2, filter_instance_types: 4, vars: {HOLD: 1}}
        """;

    [MotoFact]
    public async Task A_tiny_plan_updates_the_queue_with_pcluster_runs_over_ssh_and_takes_types_and_zones_from_ec2()
    {
        var seed = TwinSeeds.Make(SoftwareLayout.Ami, [TwinSeeds.Queue("spot", "c5.large", 0, 1)], packages: []);
        await using var twin = await TwinHandle.CreateAsync("spotssh", seed);
        using var sshd = await TestSshd.StartAsync(twin.Twin);
        var name = TestNames.Unique("spotaws");
        var store = new AwsClusterStore(Path.Combine(State.Path, "aws", "clusters"));
        var original = Planner.Create(seed with { Cluster = seed.Cluster with { Name = name } }, EmbeddedCatalog.Default, PlanOptions.Default).ClusterConfigYaml;
        Directory.CreateDirectory(store.Directory);
        File.WriteAllText(store.ConfigPath(name), original);
        store.Save(new AwsClusterState { Name = name, Region = MotoServer.Region, Os = "alinux2023", ConfigPath = store.ConfigPath(name), Status = "CREATE_COMPLETE" });
        Pcluster.Created(name);
        Pcluster.HeadNodeAddress = "127.0.0.1";

        // The twin's Slurm reports every node at 127.0.0.1: the cluster's compute instance has that private IP
        // (a 127.0.0.0/24 subnet in moto), beside another cluster's instance at the same address in another VPC.
        var planPath = Home.Write("plan.yaml", PlanText);
        var plan = SpotPlanLoader.Load(planPath).Plan!;
        var chosen = SpotSelector.Select(EmbeddedCatalog.Default, plan.Query(plan.Experiments[0], 1)).Chosen.Select(c => c.InstanceType).ToList();
        await RunInstanceAsync(name, chosen[^1]);
        await RunInstanceAsync("someone-else", "c5.24xlarge");

        var outDir = Home.File("results");
        var remote = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "petal-spot", RunState.Hash(PlanText));
        PetalProcess.Result r;
        try
        {
            r = await PetalProcess.RunAsync(["spot", "run", planPath, "--cluster", name, "--out", outDir, "--port", sshd.Port.ToString(), "--user", "root",
                "--key-file", sshd.ClientKey, "--host-key-sha256", sshd.HostKeySha256, "--output", "json"], PetalEnvironment(), TimeSpan.FromMinutes(4));
        }
        finally
        {
            // Job files went to the login user's home on the "head node": here, this machine's root.
            if (Directory.Exists(remote)) Directory.Delete(remote, recursive: true);
            if (Directory.Exists(Path.GetDirectoryName(remote)) && !Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(remote)!).Any())
                Directory.Delete(Path.GetDirectoryName(remote)!);
        }
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);

        var result = ResultFiles.Read(Path.Combine(outDir, "tiny", "batch-1", ResultFiles.FileName));
        Assert.Equal(chosen, result.MachineTypes);
        var iteration = Assert.Single(result.Iterations);
        Assert.Equal(IterationState.Completed, iteration.State);
        Assert.Contains("petal spot tiny-1-1 on spot-", File.ReadAllText(Path.Combine(outDir, iteration.OutputFile!)));
        // Type and zone are EC2's (the twin's own would be c5.large in zone "local").
        Assert.NotEmpty(result.Topology);
        Assert.All(result.Topology, n => Assert.Equal((chosen[^1], Zone, "us-east-1"), (n.InstanceType, n.Zone, n.Region)));
        Assert.True(result.Cost > 0);

        // pcluster: fleet stopped, the edited config applied, fleet started; the config petal records is the new one.
        var pending = Path.ChangeExtension(store.ConfigPath(name), ".pending.yaml");
        Assert.Equal(
        [
            $"update-compute-fleet --cluster-name {name} --status STOP_REQUESTED",
            $"update-cluster --cluster-name {name} --cluster-configuration {pending}",
            $"update-compute-fleet --cluster-name {name} --status START_REQUESTED",
        ], Pcluster.Calls.Where(c => c.StartsWith("update-", StringComparison.Ordinal)).Select(c => c.Split(" --region")[0]));
        var applied = Assert.Single(Pcluster.ConfigsUpdated);
        Assert.Equal(applied, File.ReadAllText(store.ConfigPath(name)));
        var queue = SpotQueueConfigTests.Queue(SpotQueueConfigTests.Root(applied), "spot");
        var resource = (YamlMappingNode)Assert.Single((YamlSequenceNode)queue["ComputeResources"]);
        Assert.Equal(chosen, ((YamlSequenceNode)resource["Instances"]).Select(i => i["InstanceType"].ToString()));
        Assert.Equal("SPOT", queue["CapacityType"].ToString());
        Assert.Equal(SpotQueueConfigTests.Root(original)["HeadNode"].ToString(), SpotQueueConfigTests.Root(applied)["HeadNode"].ToString());
        Assert.Equal(0, JsonDocument.Parse(r.Stdout).RootElement.GetProperty("batches")[0].GetProperty("reclaims").GetArrayLength());
    }

    private async Task RunInstanceAsync(string cluster, string type)
    {
        var vpc = (await Aws.Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "127.0.0.0/16" })).Vpc.VpcId;
        var subnet = (await Aws.Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "127.0.0.0/24", AvailabilityZone = Zone })).Subnet.SubnetId;
        await Aws.Ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = "ami-0pcluster00000000", InstanceType = type, MinCount = 1, MaxCount = 1, SubnetId = subnet, PrivateIpAddress = "127.0.0.1",
            TagSpecifications = [PetalTags.Spec("instance", [new(ClusterInstances.ClusterNameTag, cluster), new("parallelcluster:node-type", "Compute")])],
        });
    }
}
