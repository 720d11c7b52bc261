using Amazon.EC2.Model;
using System.Text.Json;
using Petal.Providers.Aws;
using Petal.Tests.Support;

namespace Petal.Tests.Aws;

/// <summary>
/// The seed's cluster.region is the region of every AWS call made for it: with no region configured the seed's is
/// used; a different --region, AWS_REGION or profile region is refused (exit 2, both named) before any call.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SeedRegionCliTests(MotoServer moto) : AwsCliTest(moto)
{
    private static readonly string AmiSeed = Path.Combine(RepoPaths.Seeds, "examples", "layout-ami.yaml");

    /// <summary>The moto environment with no region configured at all (the seed says us-east-1).</summary>
    private Dictionary<string, string> NoRegion() => new(PetalEnvironment(withPcluster: false))
    {
        ["AWS_DEFAULT_REGION"] = "",
        ["AWS_REGION"] = "",
        ["AWS_CONFIG_FILE"] = "/nonexistent",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent",
    };

    [MotoFact]
    public async Task Ami_build_uses_the_seeds_region_when_none_is_configured()
    {
        await using var script = new BuildScriptStandIn(Aws.Ec2);
        var result = await PetalProcess.RunAsync(["ami", "build", AmiSeed, "--output", "json"], NoRegion(), TimeSpan.FromSeconds(90));

        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        Assert.DoesNotContain("no AWS region configured", result.Stderr);
        Assert.StartsWith("ami-", JsonDocument.Parse(result.Stdout).RootElement.GetProperty("image_id").GetString());
    }

    [MotoFact]
    public async Task A_region_other_than_the_seeds_is_exit_2_naming_both_and_nothing_is_created()
    {
        var flag = await PetalProcess.RunAsync(["ami", "build", AmiSeed, "--region", "us-west-2"], NoRegion());
        var envRegion = NoRegion();
        envRegion["AWS_REGION"] = "eu-west-1";
        var environment = await PetalProcess.RunAsync(["ami", "build", AmiSeed], envRegion);
        var create = await PetalProcess.RunAsync(
            ["create", AmiSeed, "--provider", "aws", "--region", "us-west-2", "--ssh-cidr", "203.0.113.7/32", "--build"], NoRegion());

        Assert.Equal(2, flag.ExitCode);
        Assert.Contains("cluster.region is us-east-1 but --region says us-west-2", flag.Stderr);
        Assert.Equal(2, environment.ExitCode);
        Assert.Contains("cluster.region is us-east-1 but AWS_REGION says eu-west-1", environment.Stderr);
        Assert.Equal(2, create.ExitCode);
        Assert.Contains("us-west-2", create.Stderr);
        Assert.Contains("us-east-1", create.Stderr);
        Assert.Empty((await Aws.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest())).Reservations ?? []);
        Assert.Empty((await Aws.S3.ListBucketsAsync()).Buckets ?? []);
    }

    [MotoFact]
    public async Task Commands_without_a_seed_still_take_the_configured_region()
    {
        var env = NoRegion();
        env["AWS_REGION"] = "us-west-2";
        var list = await PetalProcess.RunAsync(["ami", "list", "--output", "json"], env);

        Assert.True(list.ExitCode == 0, list.Stderr);
    }
}
