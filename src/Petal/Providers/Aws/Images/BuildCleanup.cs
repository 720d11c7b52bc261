using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.S3;
using Amazon.S3.Model;

namespace Petal.Providers.Aws.Images;

/// <summary>
/// Removes what a build created: the build instance (and with it its root volume), the software
/// volume, the security group and the uploaded script; after a failure also a half-made image or
/// snapshot, so a broken artifact is never reused by fingerprint. Each step runs even when an
/// earlier one fails; the callers pass a token that is not the cancelled one.
/// </summary>
public sealed class BuildCleanup(IAmazonEC2 ec2, IAmazonS3 s3, ImageBuildOptions options)
{
    public async Task<IReadOnlyList<string>> RunAsync(BuildState state, string? bucket, bool succeeded, CancellationToken cancellation)
    {
        var problems = new List<string>();
        async Task Step(string what, Func<Task> action)
        {
            try { await action(); }
            catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
            {
                problems.Add($"{what}: {AwsErrorTranslator.Translate(e)}");
            }
        }

        if (state.VolumeId is { } volume && state.InstanceId is not null)
            await Step($"detach volume {volume}", () => DetachAsync(volume, cancellation));
        if (state.InstanceId is { } instance)
            await Step($"terminate instance {instance}", () => TerminateAsync(instance, cancellation));
        if (state.VolumeId is { } v)
            await Step($"delete volume {v}", () => ec2.DeleteVolumeAsync(new DeleteVolumeRequest { VolumeId = v }, cancellation));
        if (state.SecurityGroupId is { } group)
            await Step($"delete security group {group}", () => DeleteGroupAsync(group, cancellation));
        if (state.ScriptObjectKey is { } key && bucket is not null)
            await Step($"delete s3://{bucket}/{key}",
                () => s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, cancellation));
        if (!succeeded && state.ImageId is { } image)
            await Step($"deregister unfinished image {image}", () => DeregisterAsync(image, cancellation));
        if (!succeeded && state.SnapshotId is { } snapshot)
            await Step($"delete unfinished snapshot {snapshot}",
                () => ec2.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = snapshot }, cancellation));
        return problems;
    }

    private async Task DetachAsync(string volumeId, CancellationToken cancellation)
    {
        var volume = (await ec2.DescribeVolumesAsync(new DescribeVolumesRequest { VolumeIds = [volumeId] }, cancellation))
            .Volumes?.FirstOrDefault();
        if (volume?.Attachments is not { Count: > 0 }) return;
        var attachment = volume.Attachments[0];
        await ec2.DetachVolumeAsync(new DetachVolumeRequest
        {
            VolumeId = volumeId, InstanceId = attachment.InstanceId, Device = attachment.Device, Force = true,
        }, cancellation);
        await StateWaiter.WaitAsync($"volume {volumeId}", async ct =>
                (await ec2.DescribeVolumesAsync(new DescribeVolumesRequest { VolumeIds = [volumeId] }, ct)).Volumes?.FirstOrDefault()?.State?.Value,
            ["available"], [], options.StateTimeout, options.PollInterval, cancellation);
    }

    private async Task TerminateAsync(string instanceId, CancellationToken cancellation)
    {
        await ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [instanceId] }, cancellation);
        // The security group stays "in use" until the instance is really gone.
        await StateWaiter.WaitAsync($"instance {instanceId}", ct => Ec2Queries.InstanceStateAsync(ec2, instanceId, ct),
            ["terminated"], [], options.StateTimeout, options.PollInterval, cancellation);
    }

    private async Task DeleteGroupAsync(string groupId, CancellationToken cancellation)
    {
        // Network interfaces of a terminated instance are released a little after it terminates.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = groupId }, cancellation);
                return;
            }
            catch (AmazonEC2Exception e) when (e.ErrorCode == "DependencyViolation" && attempt < 20)
            {
                await Task.Delay(options.PollInterval, cancellation);
            }
        }
    }

    private async Task DeregisterAsync(string imageId, CancellationToken cancellation)
    {
        var image = (await ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [imageId] }, cancellation)).Images?.FirstOrDefault();
        await ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = imageId }, cancellation);
        foreach (var snapshot in image?.BlockDeviceMappings?.Select(b => b.Ebs?.SnapshotId).OfType<string>() ?? [])
            await ec2.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = snapshot }, cancellation);
    }
}
