using Petal.Catalog;
using Petal.Common;
using Petal.Plans;
using Petal.Providers.Aws;
using Petal.Providers.Aws.Images;
using Petal.Seeds;
using Petal.Tests.Support;

namespace Petal.Tests.Aws;

public sealed class SeedImageBuildTests
{
    private static (Seed Seed, Plan Plan) Load(string relative)
    {
        var loaded = SeedLoader.Load(Path.Combine(RepoPaths.Seeds, relative), EmbeddedCatalog.Default);
        Assert.True(loaded.Ok);
        return (loaded.Seed!, Planner.Create(loaded.Seed!, EmbeddedCatalog.Default, PlanOptions.Default));
    }

    [Fact]
    public void An_ami_seed_becomes_an_image_request_with_the_build_instance_architecture()
    {
        var (seed, plan) = Load("examples/layout-ami.yaml");
        var request = SeedImageBuild.Request(seed, plan, EmbeddedCatalog.Default, "c6a.4xlarge", force: true, bucket: "b");
        Assert.Equal(BuildTarget.Image, request.Target);
        Assert.Equal("x86_64", request.Architecture);
        Assert.Equal(plan.Fingerprint, request.Fingerprint);
        Assert.True(request.Force);
        Assert.Equal(plan.Files[PlanFiles.ImageBuild], request.Script);
    }

    [Fact]
    public void A_snapshot_seed_builds_a_snapshot()
    {
        var (seed, plan) = Load("examples/layout-snapshot.yaml");
        Assert.Equal(BuildTarget.Snapshot, SeedImageBuild.Request(seed, plan, EmbeddedCatalog.Default, "c6a.4xlarge", false, null).Target);
    }

    [Theory]
    [InlineData("examples/layout-shared.yaml", "c6a.4xlarge", "layout shared")]
    [InlineData("examples/layout-ami.yaml", "c6a.4xlargee", "unknown instance type")]
    [InlineData("examples/layout-ami.yaml", "c7g.4xlarge", "is arm64 but the software is built for x86_64")]
    public void Refuses_what_cannot_build_before_any_aws_call(string seedFile, string instanceType, string message)
    {
        var (seed, plan) = Load(seedFile);
        var e = Assert.Throws<UserInputException>(() => SeedImageBuild.Request(seed, plan, EmbeddedCatalog.Default, instanceType, false, null));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("0.05", 50.0)]
    [InlineData("2", 2000.0)]
    public void The_poll_interval_override_is_seconds(string? value, double? milliseconds)
    {
        Assert.Equal(milliseconds, AwsTimings.PollOverride(_ => value)?.TotalMilliseconds);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("-1")]
    public void A_bad_poll_interval_is_refused(string value)
    {
        Assert.Throws<UserInputException>(() => AwsTimings.PollOverride(_ => value));
    }
}
