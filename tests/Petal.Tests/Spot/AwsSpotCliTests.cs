using Petal.Providers.Aws.Clusters;
using Petal.Tests.Support;

namespace Petal.Tests.Spot;

/// <summary>What `spot run` and `spot reclaim` refuse on a cluster petal recorded on AWS, before reaching AWS or the head node.</summary>
public sealed class AwsSpotCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public AwsSpotCliTests() =>
        new AwsClusterStore(_dir.File("state/aws/clusters")).Save(new AwsClusterState { Name = "spotaws", Region = "us-east-1", Os = "alinux2023" });

    public void Dispose() => _dir.Dispose();

    private Task<PetalProcess.Result> Petal(params string[] args) =>
        PetalProcess.RunAsync(args, new Dictionary<string, string> { ["PETAL_STATE_DIR"] = _dir.File("state"), ["PETAL_PCLUSTER"] = _dir.File("no-pcluster") });

    private string Plan(string region) => _dir.Write($"plan-{region}.yaml", $$"""
        region: {{region}}
        template: |
          #!/bin/bash
          echo [[TAG]]
        experiments:
          - {name: tiny, vcpus: 2}
        """);

    [Fact]
    public async Task Reclaiming_is_refused_on_aws_because_ec2_reclaims_spot_instances_itself()
    {
        var run = await Petal("spot", "run", Plan("us-east-1"), "--cluster", "spotaws", "--reclaim-rate", "0.5", "--out", _dir.File("out"));
        var reclaim = await Petal("spot", "reclaim", "spotaws-dy-x-1", "--cluster", "spotaws");

        foreach (var r in new[] { run, reclaim })
        {
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("works on local twins only: on AWS, EC2 reclaims spot instances itself", r.Stderr);
            Assert.DoesNotContain("   at ", r.Stderr);
        }
    }

    [Fact]
    public async Task A_plan_for_another_region_than_the_clusters_is_refused()
    {
        var r = await Petal("spot", "run", Plan("us-west-2"), "--cluster", "spotaws", "--out", _dir.File("out"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("the plan selects and prices types in us-west-2 but cluster spotaws is in us-east-1: set region: us-east-1 in the plan", r.Stderr);
    }
}
