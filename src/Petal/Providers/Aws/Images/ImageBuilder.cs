using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.S3;
using Amazon.S3.Model;

namespace Petal.Providers.Aws.Images;

/// <summary>
/// Builds a software AMI (or EBS snapshot) from the plan's image-build script on a temporary EC2
/// instance, and always removes that instance, its volumes and its security group afterwards,
/// whether the build succeeded, failed, timed out or was cancelled.
/// </summary>
public sealed class ImageBuilder(
    AwsClients aws,
    IBuildProgressSource progressSource,
    BuildStateStore store,
    ImageBuildOptions options,
    IBuildObserver? observer = null)
{
    private const string DataDevice = "/dev/sdf";

    /// <summary>Builds (or reuses) the artifact. Returns the final state; throws on failure after cleaning up.</summary>
    public async Task<BuildState> BuildAsync(ImageBuildRequest request, string? buildId, CancellationToken cancellation)
    {
        var state = new BuildState
        {
            Id = buildId ?? BuildState.NewId(),
            Name = request.Name,
            Fingerprint = request.Fingerprint,
            Region = aws.Region,
            Target = request.Target,
            Pid = Environment.ProcessId,
        };
        using var buildLock = store.Lock(state.Id, "image build");
        if (!request.Force && await new ArtifactLookup(aws.Ec2).FindAsync(request.Target, request.Fingerprint, cancellation) is { } existing)
        {
            state = state with
            {
                Status = BuildStatus.Reused, Percent = 100, Message = $"reusing {existing} (same fingerprint)",
                ImageId = request.Target == BuildTarget.Image ? existing : null,
                SnapshotId = request.Target == BuildTarget.Snapshot ? existing : null,
            };
            store.Save(state);
            return state;
        }

        var tracker = new Tracker(store, state);
        var succeeded = false;
        try
        {
            await RunAsync(request, tracker, cancellation);
            succeeded = true;
        }
        catch (Exception e)
        {
            var cancelled = e is OperationCanceledException && cancellation.IsCancellationRequested;
            tracker.Update(s => s with
            {
                Status = cancelled ? BuildStatus.Cancelled : BuildStatus.Failed,
                Error = cancelled ? "cancelled" : AwsErrorTranslator.Translate(e),
            });
            throw cancelled ? e : AwsErrorTranslator.Wrap(e);
        }
        finally
        {
            observer?.Stage(BuildStage.CleaningUp, tracker.State);
            // A fresh token: cleanup must run even when the build itself was cancelled (Ctrl-C).
            using var cleanupTime = new CancellationTokenSource(options.StateTimeout * 2);
            var problems = await new BuildCleanup(aws.Ec2, aws.S3, options)
                .RunAsync(tracker.State, request.BucketName, succeeded, cleanupTime.Token);
            // Available only once cleaned up, so `ami status --watch` ends when nothing of the build is left running.
            tracker.Update(s => s with
            {
                Status = succeeded ? BuildStatus.Available : s.Status,
                InstanceId = null, VolumeId = null, SecurityGroupId = null, ScriptObjectKey = null,
                ImageId = succeeded ? s.ImageId : null, SnapshotId = succeeded ? s.SnapshotId : null,
                Error = problems.Count == 0 ? s.Error : string.Join("; ", problems.Prepend(s.Error ?? "cleanup incomplete")),
            });
        }
        return tracker.State;
    }

    private async Task RunAsync(ImageBuildRequest request, Tracker tracker, CancellationToken cancellation)
    {
        var ec2 = aws.Ec2;
        var tags = ResourceTags(request, tracker.State.Id);

        Stage(BuildStage.FindingBase, tracker, s => s with { Status = BuildStatus.Launching, Message = "finding the ParallelCluster base AMI" });
        var baseImage = await new OfficialAmiFinder(ec2).FindAsync(
            request.ParallelClusterVersion, request.Os, request.Architecture, cancellation);
        var subnet = await Ec2Queries.SubnetAsync(ec2, request.SubnetId, cancellation);

        Stage(BuildStage.Launching, tracker, s => s with { BaseImageId = baseImage.ImageId, Message = "launching the build instance" });
        // Calls that create something are not cancelled mid-flight: a lost response would leave a resource
        // whose id petal never learned (and cleanup could not remove). Ctrl-C takes effect right after them.
        var group = await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
        {
            GroupName = $"petal-build-{tracker.State.Id}",
            Description = "petal image build (no inbound access; removed after the build)",
            VpcId = subnet.VpcId,
            TagSpecifications = [PetalTags.Spec("security-group", tags)],
        }, CancellationToken.None);
        tracker.Update(s => s with { SecurityGroupId = group.GroupId });

        if (request.Target == BuildTarget.Snapshot)
        {
            var volume = await ec2.CreateVolumeAsync(new CreateVolumeRequest
            {
                AvailabilityZone = subnet.AvailabilityZone, Size = request.VolumeSizeGb, VolumeType = VolumeType.Gp3,
                Encrypted = true, TagSpecifications = [PetalTags.Spec("volume", tags)],
            }, CancellationToken.None);
            tracker.Update(s => s with { VolumeId = volume.Volume.VolumeId });
        }

        var userData = await UserDataAsync(request, tracker, cancellation);
        var launched = await ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = baseImage.ImageId,
            InstanceType = request.InstanceType,
            MinCount = 1,
            MaxCount = 1,
            SubnetId = subnet.SubnetId,
            SecurityGroupIds = [group.GroupId],
            UserData = userData,
            // A script that stops early must not leave a billing instance behind.
            InstanceInitiatedShutdownBehavior = ShutdownBehavior.Terminate,
            TagSpecifications = [PetalTags.Spec("instance", tags), PetalTags.Spec("volume", tags)],
        }, CancellationToken.None);
        var instanceId = launched.Reservation.Instances[0].InstanceId;
        tracker.Update(s => s with { InstanceId = instanceId });

        Stage(BuildStage.WaitingForInstance, tracker, s => s with { Message = $"waiting for {instanceId} to run" });
        await StateWaiter.WaitAsync($"build instance {instanceId}", ct => Ec2Queries.InstanceStateAsync(ec2, instanceId, ct),
            ["running"], ["terminated", "shutting-down", "stopped"], options.StateTimeout, options.PollInterval, cancellation);
        if (tracker.State.VolumeId is { } volumeId)
        {
            await ec2.AttachVolumeAsync(new AttachVolumeRequest { VolumeId = volumeId, InstanceId = instanceId, Device = DataDevice }, cancellation);
            await WaitVolumeAsync(volumeId, "in-use", cancellation);
        }

        Stage(BuildStage.Building, tracker, s => s with { Status = BuildStatus.Building, Message = "build script starting" });
        await FollowScriptAsync(instanceId, tracker, cancellation);

        if (request.Target == BuildTarget.Snapshot)
            await SnapshotAsync(tracker, tags, cancellation);
        else
            await ImageAsync(request, instanceId, tracker, tags, cancellation);
    }

    private async Task FollowScriptAsync(string instanceId, Tracker tracker, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + options.BuildTimeout;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var progress = await progressSource.ReadAsync(instanceId, cancellation);
            if (progress.Failed) throw new AwsFailureException($"the build script failed: {progress.Error}");
            tracker.Update(s => s with { Percent = progress.Percent, Message = progress.Message });
            observer?.Progress(progress, tracker.State);
            if (progress.Complete) return;
            if (await Ec2Queries.InstanceStateAsync(aws.Ec2, instanceId, cancellation) is "terminated" or "shutting-down" or "stopped" or "stopping")
                throw new AwsFailureException($"the build instance {instanceId} stopped before the script finished (see its console output)");
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"the build script did not finish within {options.BuildTimeout} (last: {progress.Percent}% {progress.Message})");
            await Task.Delay(options.PollInterval, cancellation);
        }
    }

    private async Task ImageAsync(ImageBuildRequest request, string instanceId, Tracker tracker,
        IReadOnlyList<KeyValuePair<string, string>> tags, CancellationToken cancellation)
    {
        var ec2 = aws.Ec2;
        Stage(BuildStage.CreatingImage, tracker, s => s with { Status = BuildStatus.Imaging, Message = "stopping the build instance" });
        await ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [instanceId] }, cancellation);
        await StateWaiter.WaitAsync($"build instance {instanceId}", ct => Ec2Queries.InstanceStateAsync(ec2, instanceId, ct),
            ["stopped"], ["terminated"], options.StateTimeout, options.PollInterval, cancellation);
        var image = await ec2.CreateImageAsync(new CreateImageRequest
        {
            InstanceId = instanceId,
            Name = ImageName(request, tracker.State.Id),
            Description = $"petal software image for {request.Name} ({request.Fingerprint})",
            TagSpecifications = [PetalTags.Spec("image", ArtifactTags(request, tags))],
        }, CancellationToken.None);
        tracker.Update(s => s with { ImageId = image.ImageId, Message = $"waiting for {image.ImageId}" });
        await StateWaiter.WaitAsync($"image {image.ImageId}", async ct =>
                (await ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [image.ImageId] }, ct)).Images?.FirstOrDefault()?.State?.Value,
            ["available"], ["failed", "invalid", "deregistered", "error"], options.StateTimeout, options.PollInterval, cancellation);
        // Tagged afterwards (not through CreateImage's snapshot tag spec) so the same calls work on emulators.
        var snapshots = (await ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [image.ImageId] }, cancellation))
            .Images?.SelectMany(i => i.BlockDeviceMappings ?? []).Select(b => b.Ebs?.SnapshotId).OfType<string>().ToList() ?? [];
        if (snapshots.Count > 0)
            await ec2.CreateTagsAsync(new CreateTagsRequest { Resources = snapshots, Tags = PetalTags.List(ArtifactTags(request, tags)) }, cancellation);
        tracker.Update(s => s with { Percent = 100, Message = $"image {image.ImageId} available" });
    }

    private async Task SnapshotAsync(Tracker tracker, IReadOnlyList<KeyValuePair<string, string>> tags, CancellationToken cancellation)
    {
        var ec2 = aws.Ec2;
        var volumeId = tracker.State.VolumeId!;
        Stage(BuildStage.CreatingSnapshot, tracker, s => s with { Status = BuildStatus.Imaging, Message = "detaching the software volume" });
        await ec2.DetachVolumeAsync(new DetachVolumeRequest { VolumeId = volumeId, InstanceId = tracker.State.InstanceId, Device = DataDevice }, cancellation);
        await WaitVolumeAsync(volumeId, "available", cancellation);
        var snapshot = await ec2.CreateSnapshotAsync(new CreateSnapshotRequest
        {
            VolumeId = volumeId,
            Description = $"petal software snapshot {tracker.State.Name} ({tracker.State.Fingerprint})",
            TagSpecifications = [PetalTags.Spec("snapshot", tags.Where(t => t.Key != PetalTags.BuildId))],
        }, CancellationToken.None);
        tracker.Update(s => s with { SnapshotId = snapshot.Snapshot.SnapshotId, Message = $"waiting for {snapshot.Snapshot.SnapshotId}" });
        await StateWaiter.WaitAsync($"snapshot {snapshot.Snapshot.SnapshotId}", async ct =>
                (await ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { SnapshotIds = [snapshot.Snapshot.SnapshotId] }, ct))
                .Snapshots?.FirstOrDefault()?.State?.Value,
            ["completed"], ["error"], options.StateTimeout, options.PollInterval, cancellation);
        tracker.Update(s => s with { Percent = 100, Message = $"snapshot {snapshot.Snapshot.SnapshotId} completed" });
    }

    private Task WaitVolumeAsync(string volumeId, string wanted, CancellationToken cancellation) =>
        StateWaiter.WaitAsync($"volume {volumeId}", async ct =>
                (await aws.Ec2.DescribeVolumesAsync(new DescribeVolumesRequest { VolumeIds = [volumeId] }, ct)).Volumes?.FirstOrDefault()?.State?.Value,
            [wanted], ["error", "deleted"], options.StateTimeout, options.PollInterval, cancellation);

    private async Task<string> UserDataAsync(ImageBuildRequest request, Tracker tracker, CancellationToken cancellation)
    {
        if (BuildUserData.Encode(request.Script) is { } inline) return inline;
        var bucket = request.BucketName ?? throw new AwsFailureException(
            "the image-build script is over EC2's 16 KB user-data limit and no bucket was given for it");
        await new PetalBucket(aws.S3).EnsureAsync(bucket, cancellation);
        var key = $"builds/{tracker.State.Id}/image-build.sh";
        await aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = request.Script }, CancellationToken.None);
        tracker.Update(s => s with { ScriptObjectKey = key });
        var url = await aws.S3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = bucket, Key = key, Verb = HttpVerb.GET, Expires = DateTime.UtcNow.AddHours(6),
        });
        return BuildUserData.Encode(BuildUserData.Fetcher(url))!;
    }

    private void Stage(BuildStage stage, Tracker tracker, Func<BuildState, BuildState> change)
    {
        tracker.Update(change);
        observer?.Stage(stage, tracker.State);
    }

    public static string ImageName(ImageBuildRequest request, string buildId) =>
        $"petal-{request.Name}-{request.Fingerprint[..Math.Min(12, request.Fingerprint.Length)]}-{buildId}";

    private static List<KeyValuePair<string, string>> ResourceTags(ImageBuildRequest request, string buildId) =>
        PetalTags.WithSeedTags(OwnTags(request, buildId), request.Tags);

    private static List<KeyValuePair<string, string>> OwnTags(ImageBuildRequest request, string buildId) =>
    [
        new("Name", $"petal-build-{request.Name}"),
        new(PetalTags.Managed, "true"),
        new(PetalTags.BuildId, buildId),
        new(PetalTags.Fingerprint, request.Fingerprint),
        new(PetalTags.Os, request.Os),
        new(PetalTags.SpackVersion, request.SpackVersion),
        new(PetalTags.Layout, request.Target == BuildTarget.Snapshot ? "snapshot" : "ami"),
        new(PetalTags.PetalVersion, PetalTags.PetalAssemblyVersion),
    ];

    private static IEnumerable<KeyValuePair<string, string>> ArtifactTags(ImageBuildRequest request, IEnumerable<KeyValuePair<string, string>> tags) =>
        tags.Where(t => t.Key != PetalTags.BuildId)
            .Append(new(PetalTags.Packages, string.Join(" ", request.Packages)))
            .Select(t => t.Key == "Name" ? new KeyValuePair<string, string>("Name", $"petal-{request.Name}") : t);

    /// <summary>The current state, saved on every change so a detached build can be watched.</summary>
    private sealed class Tracker(BuildStateStore store, BuildState initial)
    {
        public BuildState State { get; private set; } = initial;

        public void Update(Func<BuildState, BuildState> change)
        {
            State = change(State);
            store.Save(State);
        }
    }
}
