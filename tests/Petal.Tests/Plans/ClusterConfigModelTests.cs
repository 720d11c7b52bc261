using Petal.Common;
using Petal.Plans;
using Petal.Plans.Config;
using Petal.Seeds;

namespace Petal.Tests.Plans;

/// <summary>The config model, its one writer and the reader that brings a recorded config back into it.</summary>
public class ClusterConfigModelTests
{
    [Theory]
    [MemberData(nameof(PlanFixtures.SeedsByLayout), MemberType = typeof(PlanFixtures))]
    public void The_plan_file_is_the_written_model_and_reads_back_into_it_unchanged(string seed, SoftwareLayout layout)
    {
        var plan = PlanFixtures.Create(PlanFixtures.Named(seed), layout);
        Assert.Equal(ClusterConfigWriter.Write(plan.Config), plan.ClusterConfigYaml);
        var read = ClusterConfigReader.Read(plan.ClusterConfigYaml, "cluster-config.yaml");
        Assert.Equal(plan.ClusterConfigYaml, ClusterConfigWriter.Write(read));
    }

    [Fact]
    public void Resolved_ids_are_planned_in_not_patched_in()
    {
        var options = new PlanOptions
        {
            Layout = SoftwareLayout.Ami, SubnetId = "subnet-0123456789abcdef0", KeyName = "k", CustomAmi = "ami-0123456789abcdef0",
            BucketName = "my-bucket", SshCidr = "203.0.113.7/32", HeadNodeSecurityGroups = ["sg-0123456789abcdef0"],
        };
        var plan = Planner.Create(TestSeeds.Full(), Petal.Catalog.EmbeddedCatalog.Default, options);
        Assert.Empty(plan.Placeholders);
        Assert.Equal("203.0.113.7/32", plan.Config.HeadNode.Ssh.AllowedIps);
        Assert.Equal(["sg-0123456789abcdef0"], plan.Config.HeadNode.Networking.AdditionalSecurityGroups!);
        Assert.Contains("  Networking:\n    SubnetId: \"subnet-0123456789abcdef0\"\n    AdditionalSecurityGroups:\n      - \"sg-0123456789abcdef0\"\n",
            plan.ClusterConfigYaml);
        Assert.All(plan.Config.Scheduling.SlurmQueues, q => Assert.Equal(["subnet-0123456789abcdef0"], q.Networking.SubnetIds));
    }

    [Theory]
    [InlineData("Region: \"us-east-1\"\nRegoin: \"x\"\n", "Regoin")]
    [InlineData("Region: [\n", ":")]
    public void A_recorded_config_petal_cannot_hold_is_refused_not_half_read(string yaml, string named)
    {
        var e = Assert.Throws<PetalException>(() => ClusterConfigReader.Read(yaml, "/state/c.yaml"));
        Assert.Equal(ErrorKind.Failed, e.Kind);
        Assert.StartsWith("/state/c.yaml:", e.Message);
        Assert.Contains(named, e.Message);
    }
}
