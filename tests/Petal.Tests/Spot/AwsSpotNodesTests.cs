using Petal.Providers;
using Petal.Slurm;
using Petal.Providers.Aws.Clusters;
using Petal.Spot.Runs;

namespace Petal.Tests.Spot;

/// <summary>Slurm's nodes (`scontrol show nodes -o`, ParallelCluster-shaped) matched to EC2 instances by private IP.</summary>
public class AwsSpotNodesTests
{
    private const string Scontrol = """
        NodeName=spot-dy-c7a-4xlarge-flex-1 Arch=x86_64 CoresPerSocket=1 CPUAlloc=16 CPUEfctv=16 CPUTot=16 CPULoad=0.50 AvailableFeatures=dynamic,c7a.4xlarge,c7a-4xlarge-flex ActiveFeatures=dynamic,c7a.4xlarge,c7a-4xlarge-flex Gres=(null) NodeAddr=10.0.1.17 NodeHostName=ip-10-0-1-17 Version=23.11.10 OS=Linux 6.1.109-118.189.amzn2023.x86_64 #1 SMP PREEMPT_DYNAMIC Tue Sep 10 08:59:12 UTC 2024 RealMemory=31129 AllocMem=0 FreeMem=30000 Sockets=16 Boards=1 State=ALLOCATED+CLOUD ThreadsPerCore=1 TmpDisk=0 Weight=1 Owner=N/A MCS_label=N/A Partitions=spot BootTime=2024-11-20T10:00:00 SlurmdStartTime=2024-11-20T10:01:00 Reason=(null)
        NodeName=spot-dy-c7a-4xlarge-flex-2 Arch=x86_64 CPUTot=16 NodeAddr=10.0.1.18 NodeHostName=ip-10-0-1-18 State=IDLE+CLOUD Partitions=spot Reason=(null)
        NodeName=spot-dy-c7a-4xlarge-flex-3 CPUTot=16 NodeAddr=spot-dy-c7a-4xlarge-flex-3 NodeHostName=spot-dy-c7a-4xlarge-flex-3 State=IDLE+CLOUD+POWERED_DOWN Partitions=spot
        NodeName=spot-dy-c7a-4xlarge-flex-4 CPUTot=16 NodeAddr=10.0.1.20 NodeHostName=ip-10-0-1-20 State=IDLE+CLOUD+POWERING_UP Partitions=spot
        NodeName=spot-dy-c7a-4xlarge-flex-5 CPUTot=16 NodeAddr=10.0.1.21 NodeHostName=ip-10-0-1-21 State=DOWN+CLOUD+NOT_RESPONDING Partitions=spot Reason=Scheduler health check failed [root@2024-11-20T10:05:00]
        NodeName=spot-dy-c7a-4xlarge-flex-6 CPUTot=16 NodeAddr=10.0.1.22 NodeHostName=ip-10-0-1-22 State=MIXED+CLOUD Partitions=spot
        NodeName=ondemand-st-c6i-4xlarge-1 CPUTot=16 NodeAddr=10.0.2.5 NodeHostName=ip-10-0-2-5 State=IDLE Partitions=ondemand
        """;

    [Fact]
    public void Scontrol_node_lines_parse_with_spaces_in_values_and_up_follows_the_state_flags()
    {
        var nodes = SlurmNodeInfo.ParseAll(Scontrol);
        Assert.Equal(7, nodes.Count);
        Assert.Equal(("10.0.1.17", "allocated+cloud"), (nodes[0].Address, nodes[0].State.ToString()));
        Assert.Equal(["spot"], nodes[0].Partitions);
        Assert.Equal([true, true, false, false, false, true, true], nodes.Select(n => n.Up));
    }

    [Fact]
    public void Nodes_take_type_and_zone_from_the_instance_at_their_address_and_one_without_an_instance_is_gone()
    {
        var nodes = SlurmNodeInfo.ParseAll(Scontrol).Where(n => n.Partitions.Contains("spot"));
        ClusterInstance[] instances =
        [
            new("i-1", "10.0.1.17", "c7a.4xlarge", "us-east-1a"),
            new("i-4", "10.0.1.20", "m7a.4xlarge", "us-east-1c"),
            new("i-6", "10.0.1.22", "m7a.4xlarge", "us-east-1b"),
            new("i-9", "10.0.2.5", "c6i.4xlarge", "us-east-1a"),
        ];

        var matched = AwsCluster.Match(nodes, instances);

        Assert.Equal(
        [
            new ComputeNode("spot-dy-c7a-4xlarge-flex-1", "c7a.4xlarge", "us-east-1a", true, "i-1"),
            // Slurm still has it idle, but EC2 has no instance there any more: reclaimed.
            new ComputeNode("spot-dy-c7a-4xlarge-flex-2", "", "", false),
            new ComputeNode("spot-dy-c7a-4xlarge-flex-3", "", "", false),
            new ComputeNode("spot-dy-c7a-4xlarge-flex-4", "m7a.4xlarge", "us-east-1c", false, "i-4"),
            new ComputeNode("spot-dy-c7a-4xlarge-flex-5", "", "", false),
            new ComputeNode("spot-dy-c7a-4xlarge-flex-6", "m7a.4xlarge", "us-east-1b", true, "i-6"),
        ], matched);
    }
}
