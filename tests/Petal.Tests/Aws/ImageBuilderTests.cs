using Amazon.EC2.Model;
using Petal.Providers.Aws;
using Petal.Providers.Aws.Images;
using Petal.Tests.Support;

namespace Petal.Tests.Aws;

[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ImageBuilderTests(MotoServer moto) : MotoTest(moto)
{
    private static readonly ImageBuildOptions Fast = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(20), BuildTimeout = TimeSpan.FromSeconds(20), StateTimeout = TimeSpan.FromSeconds(20),
    };

    private static ImageBuildRequest Request(BuildTarget target = BuildTarget.Image, string script = "#!/bin/bash\necho PETAL_PROGRESS 100 done\n") => new()
    {
        Name = "demo", Fingerprint = "fp0123456789abcdef", Os = "alinux2023", Architecture = "x86_64",
        ParallelClusterVersion = "3.12.0", SpackVersion = "0.23.1", Packages = ["hdf5+mpi", "openmpi@4.1.6"],
        Script = script, Target = target,
    };

    private ImageBuilder Builder(IBuildObserver observer, IBuildProgressSource? source = null) =>
        new(Aws, source ?? new InstanceProgressSource(Aws.Ec2), new BuildStateStore(State.Path), Fast, observer);

    [MotoFact]
    public async Task Builds_an_image_tagged_with_the_fingerprint_and_removes_the_build_instance()
    {
        var observer = new ScriptStandInObserver(Aws.Ec2);
        var state = await Builder(observer).BuildAsync(Request(), null, CancellationToken.None);

        Assert.Equal(BuildStatus.Available, state.Status);
        var image = (await Aws.Ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [state.ImageId!] })).Images.Single();
        var tags = image.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("fp0123456789abcdef", tags[PetalTags.Fingerprint]);
        Assert.Equal("alinux2023", tags[PetalTags.Os]);
        Assert.Equal("0.23.1", tags[PetalTags.SpackVersion]);
        Assert.Equal("hdf5+mpi openmpi@4.1.6", tags[PetalTags.Packages]);
        Assert.Equal("ami-0pcluster00000000", state.BaseImageId);
        Assert.Contains(observer.Readings, r => r.Complete);
        Assert.Equal([BuildStage.FindingBase, BuildStage.Launching, BuildStage.WaitingForInstance, BuildStage.Building,
            BuildStage.CreatingImage, BuildStage.CleaningUp], observer.Stages);
        await AwsLeftovers.AssertNoneAsync(Aws.Ec2);
        Assert.Equal(BuildStatus.Available, new BuildStateStore(State.Path).Load(state.Id)!.Status);
    }

    [MotoFact]
    public async Task The_seeds_cost_allocation_tags_go_on_the_image_and_its_snapshots_without_displacing_petals()
    {
        var request = Request() with { Tags = [new("cost-center", "4711"), new("Name", "mine"), new(PetalTags.Fingerprint, "forged")] };
        var state = await Builder(new ScriptStandInObserver(Aws.Ec2)).BuildAsync(request, null, CancellationToken.None);
        var image = (await Aws.Ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [state.ImageId!] })).Images.Single();
        var tags = image.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("4711", tags["cost-center"]);
        Assert.Equal("fp0123456789abcdef", tags[PetalTags.Fingerprint]);
        Assert.StartsWith("petal-", tags["Name"]);
        var snapshots = image.BlockDeviceMappings.Where(m => m.Ebs?.SnapshotId is not null).Select(m => m.Ebs.SnapshotId).ToList();
        Assert.NotEmpty(snapshots);
        foreach (var snapshot in (await Aws.Ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { SnapshotIds = snapshots })).Snapshots)
            Assert.Contains(snapshot.Tags, t => t.Key == "cost-center" && t.Value == "4711");
        await AwsLeftovers.AssertNoneAsync(Aws.Ec2);
    }

    [MotoFact]
    public async Task A_second_build_with_the_same_fingerprint_reuses_the_image_unless_forced()
    {
        var first = await Builder(new ScriptStandInObserver(Aws.Ec2)).BuildAsync(Request(), null, CancellationToken.None);
        var observer = new ScriptStandInObserver(Aws.Ec2);
        var again = await Builder(observer).BuildAsync(Request(), null, CancellationToken.None);
        Assert.Equal(BuildStatus.Reused, again.Status);
        Assert.Equal(first.ImageId, again.ImageId);
        Assert.Empty(observer.Stages);

        var forced = await Builder(new ScriptStandInObserver(Aws.Ec2)).BuildAsync(Request() with { Force = true }, null, CancellationToken.None);
        Assert.Equal(BuildStatus.Available, forced.Status);
        Assert.NotEqual(first.ImageId, forced.ImageId);
    }

    [MotoFact]
    public async Task Snapshot_layout_builds_onto_a_fresh_volume_and_snapshots_it()
    {
        var state = await Builder(new ScriptStandInObserver(Aws.Ec2)).BuildAsync(Request(BuildTarget.Snapshot), null, CancellationToken.None);

        Assert.Equal(BuildStatus.Available, state.Status);
        Assert.Null(state.ImageId);
        var snapshot = (await Aws.Ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { SnapshotIds = [state.SnapshotId!] })).Snapshots.Single();
        Assert.Contains(snapshot.Tags, t => t.Key == PetalTags.Fingerprint && t.Value == "fp0123456789abcdef");
        Assert.Equal(state.SnapshotId, await new ArtifactLookup(Aws.Ec2).FindSnapshotAsync("fp0123456789abcdef", CancellationToken.None));
        await AwsLeftovers.AssertNoneAsync(Aws.Ec2);
    }

    [MotoFact]
    public async Task A_script_over_the_user_data_limit_is_fetched_from_the_bucket_and_the_object_removed()
    {
        var big = "#!/bin/bash\n" + string.Concat(Enumerable.Range(0, 4000).Select(i => $"echo {Guid.NewGuid()} {i}\n"));
        Assert.Null(BuildUserData.Encode(big));
        var request = Request(script: big) with { BucketName = "petal-123456789012-us-east-1" };
        var state = await Builder(new ScriptStandInObserver(Aws.Ec2)).BuildAsync(request, null, CancellationToken.None);

        Assert.Equal(BuildStatus.Available, state.Status);
        var objects = await Aws.S3.ListObjectsV2Async(new() { BucketName = request.BucketName });
        Assert.Empty(objects.S3Objects ?? []);
        await AwsLeftovers.AssertNoneAsync(Aws.Ec2);
    }

    [MotoFact]
    public async Task A_petal_error_from_the_script_fails_the_build_and_cleans_up()
    {
        var observer = new ScriptStandInObserver(Aws.Ec2) { ScriptTag = "PETAL_ERROR spack install hdf5 failed" };
        var e = await Assert.ThrowsAsync<AwsFailureException>(() => Builder(observer).BuildAsync(Request(), "b-test-error", CancellationToken.None));
        Assert.Contains("spack install hdf5 failed", e.Message);
        await AwsLeftovers.AssertNoneAsync(Aws.Ec2);
        var saved = new BuildStateStore(State.Path).Load("b-test-error")!;
        Assert.Equal(BuildStatus.Failed, saved.Status);
        Assert.Contains("spack install hdf5 failed", saved.Error);
    }

    [MotoFact]
    public async Task A_script_that_never_finishes_times_out_and_cleans_up()
    {
        var options = Fast with { BuildTimeout = TimeSpan.FromMilliseconds(300) };
        var builder = new ImageBuilder(Aws, new StuckScriptStandIn(), new BuildStateStore(State.Path), options,
            new ScriptStandInObserver(Aws.Ec2));
        var e = await Assert.ThrowsAsync<AwsFailureException>(() => builder.BuildAsync(Request(), null, CancellationToken.None));
        Assert.Contains("did not finish within", e.Message);
        await AwsLeftovers.AssertNoneAsync(Aws.Ec2);
    }

    [MotoTheory]
    [InlineData(BuildStage.FindingBase)]
    [InlineData(BuildStage.Launching)]
    [InlineData(BuildStage.WaitingForInstance)]
    [InlineData(BuildStage.Building)]
    [InlineData(BuildStage.CreatingImage)]
    public async Task A_failure_at_any_stage_leaves_nothing_behind(BuildStage stage)
    {
        var observer = new ScriptStandInObserver(Aws.Ec2) { FailAt = stage };
        var e = await Assert.ThrowsAsync<AwsFailureException>(() => Builder(observer).BuildAsync(Request(), null, CancellationToken.None));
        Assert.Contains("injected failure", e.Message);
        await AwsLeftovers.AssertNoneAsync(Aws.Ec2);
        Assert.Null(await new ArtifactLookup(Aws.Ec2).FindImageAsync("fp0123456789abcdef", CancellationToken.None));
    }

    [MotoTheory]
    [InlineData(BuildStage.Launching, BuildTarget.Image)]
    [InlineData(BuildStage.WaitingForInstance, BuildTarget.Image)]
    [InlineData(BuildStage.CreatingImage, BuildTarget.Image)]
    [InlineData(BuildStage.WaitingForInstance, BuildTarget.Snapshot)]
    [InlineData(BuildStage.CreatingSnapshot, BuildTarget.Snapshot)]
    public async Task Cancellation_at_any_stage_leaves_nothing_behind(BuildStage stage, BuildTarget target)
    {
        using var cts = new CancellationTokenSource();
        var observer = new ScriptStandInObserver(Aws.Ec2) { CancelAt = stage, Cancellation = cts };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Builder(observer).BuildAsync(Request(target), "b-cancel", cts.Token));
        await AwsLeftovers.AssertNoneAsync(Aws.Ec2);
        Assert.Null(await new ArtifactLookup(Aws.Ec2).FindAsync(target, "fp0123456789abcdef", CancellationToken.None));
        Assert.Equal(BuildStatus.Cancelled, new BuildStateStore(State.Path).Load("b-cancel")!.Status);
    }

    [MotoFact]
    public async Task Cancellation_while_following_the_script_leaves_nothing_behind()
    {
        using var cts = new CancellationTokenSource();
        var builder = new ImageBuilder(Aws, new StuckScriptStandIn(cts, reads: 3), new BuildStateStore(State.Path), Fast,
            new ScriptStandInObserver(Aws.Ec2));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => builder.BuildAsync(Request(), null, cts.Token));
        await AwsLeftovers.AssertNoneAsync(Aws.Ec2);
    }
}
