using System.Text.Json;
using Petal.Providers.Aws;
using Petal.Providers.Aws.Clusters;
using Petal.Tests.Aws;
using Petal.Tests.Support;

namespace Petal.Tests.Verify;

/// <summary>
/// `petal test NAME` on a cluster petal created on AWS, as users run it: the real petal process, moto for AWS,
/// the pcluster STAND-IN (its describe-cluster reports the head node at 127.0.0.1) and a real sshd on 127.0.0.1
/// in front of a local twin standing in for the EC2 head node.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AwsTargetTests(MotoServer moto) : AwsCliTest(moto)
{
    private string Name { get; } = TestNames.Unique("awsv");

    private AwsClusterStore Store => new(Path.Combine(State.Path, "aws", "clusters"));

    [MotoFact]
    public async Task Test_by_name_reaches_the_recorded_head_node_over_ssh_with_the_recorded_key_and_costs_at_plan_prices()
    {
        await using var twin = await VerifyTwin.CreateAsync("local-one-queue", "aws");
        using var sshd = await TestSshd.StartAsync(twin.Twin);
        var (pem, _) = await CreateBehindSshdAsync(Name, sshd);
        var state = Store.Load(Name)!;
        Assert.Equal(Path.GetFullPath(OneQueueSeed), state.SeedFile);
        Assert.Equal("ami-0pcluster00000000", state.PlanOptions!.CustomAmi);
        Assert.DoesNotContain("BEGIN OPENSSH", File.ReadAllText(Path.Combine(Store.Directory, Name + ".json")));

        // A login the server refuses is the user's to fix: exit 2, what to pass, no stack trace.
        var refused = await Petal("test", Name, "--phase", "1", "--port", sshd.Port.ToString(), "--user", "petal-nobody");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"cannot SSH to petal-nobody@127.0.0.1:{sshd.Port}: the server refused the key(s) {pem}", refused.Stderr);
        Assert.DoesNotContain("   at ", refused.Stderr);

        var report = Home.File("results.md");
        var r = await Petal("test", Name, "--phase", "1", "--port", sshd.Port.ToString(), "--user", "root",
            "--host-key-sha256", sshd.HostKeySha256, "--output", "json", "--report", report);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        using var json = JsonDocument.Parse(r.Stdout);
        var root = json.RootElement;
        Assert.Equal("A", root.GetProperty("outcome").GetString());
        Assert.Equal("aws", root.GetProperty("provider").GetString());
        // This process knows no twin (its state directory is the test's): the checks can only have reached the twin's
        // compute node through sshd, with the key found for the recorded key pair.
        var compute = root.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "p1.compute.compute.module-avail");
        Assert.Equal("pass", compute.GetProperty("verdict").GetString());
        Assert.StartsWith("compute-", compute.GetProperty("where").GetProperty("node").GetString());
        var cost = root.GetProperty("cost");
        Assert.StartsWith("us-east-1 prices from the plan", cost.GetProperty("basis").GetString());
        Assert.True(cost.GetProperty("dollars").GetDecimal() > 0, "the head node (c6i.large) is paid for the whole run");
        Assert.Contains("| Outcome | **A**", await File.ReadAllTextAsync(report));
    }

    [MotoFact]
    public async Task A_recorded_cluster_that_is_not_complete_is_refused_clearly()
    {
        Pcluster.Outcome = "STUCK";
        Pcluster.Created("creating");
        Store.Save(new AwsClusterState { Name = "creating", Region = MotoServer.Region, Os = "alinux2023", SeedFile = Path.GetFullPath(OneQueueSeed) });

        var r = await Petal("test", "creating", "--phase", "1");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("AWS cluster 'creating' is CREATE_IN_PROGRESS, not CREATE_COMPLETE or UPDATE_COMPLETE: petal test needs a running cluster", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [MotoFact]
    public async Task A_complete_cluster_whose_seed_is_gone_is_refused_like_a_twin()
    {
        Pcluster.Created("seedless");
        Store.Save(new AwsClusterState { Name = "seedless", Region = MotoServer.Region, Os = "alinux2023", SeedFile = Home.File("gone.yaml") });

        var r = await Petal("test", "seedless", "--phase", "1");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"cluster 'seedless' was created from {Home.File("gone.yaml")}, which is gone", r.Stderr);
    }
}
