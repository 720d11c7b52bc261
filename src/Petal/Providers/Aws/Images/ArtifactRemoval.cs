using Amazon.EC2;
using Amazon.EC2.Model;
using Petal.Common;
using Petal.Providers.Aws.Clusters;

namespace Petal.Providers.Aws.Images;

/// <summary>What `petal ami delete` removes: petal-built images (with the snapshots behind them) and software snapshots.</summary>
public sealed record ArtifactsToDelete(IReadOnlyList<Image> Images, IReadOnlyList<string> Snapshots, IReadOnlyList<string> Fingerprints)
{
    public IEnumerable<string> Ids => Images.Select(i => i.ImageId).Concat(Snapshots);
}

/// <summary>
/// `petal ami delete`: finds what an id or a fingerprint names among the artifacts petal built (tagged with their
/// fingerprint; anything else is refused), refuses while a cluster petal recorded uses one (its config names the id,
/// or it runs that fingerprint), then deregisters each image and deletes its snapshots.
/// </summary>
public sealed class ArtifactRemoval(IAmazonEC2 ec2, AwsClusterStore clusters)
{
    public async Task<ArtifactsToDelete> FindAsync(string? id, string? fingerprint, CancellationToken cancellation)
    {
        if ((id is null) == (fingerprint is null)) throw new UserInputException("give an image or snapshot id, or --fingerprint, not both");
        List<Image> images = [];
        List<Snapshot> snapshots = [];
        if (id is not null)
        {
            if (Patterns.AmiId.IsMatch(id))
                images = (await ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["self"], ImageIds = [id] }, cancellation)).Images ?? [];
            else if (Patterns.SnapshotId.IsMatch(id))
                snapshots = (await ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { OwnerIds = ["self"], SnapshotIds = [id] }, cancellation)).Snapshots ?? [];
            else throw new UserInputException($"'{id}' is neither an image id (ami-...) nor a snapshot id (snap-...)");
            if (images.Count + snapshots.Count == 0) throw new UserInputException($"no image or snapshot {id} of this account in the region (see petal ami list)");
            if (images.Any(i => Tag(i.Tags) is null) || snapshots.Any(s => Tag(s.Tags) is null))
                throw new UserInputException($"{id} was not built by petal (it has no {PetalTags.Fingerprint} tag): petal deletes only what it built");
        }
        else
        {
            var filter = PetalTags.Filter(PetalTags.Fingerprint, fingerprint!);
            images = (await ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["self"], Filters = [filter] }, cancellation)).Images ?? [];
            snapshots = (await ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { OwnerIds = ["self"], Filters = [filter] }, cancellation)).Snapshots ?? [];
            if (images.Count + snapshots.Count == 0) throw new UserInputException($"petal built no image or snapshot with fingerprint {fingerprint} in the region (see petal ami list)");
        }
        // An image's own snapshots go with it; a software snapshot on its own is one artifact.
        var behindImages = images.SelectMany(SnapshotsOf).ToHashSet(StringComparer.Ordinal);
        var fingerprints = images.Select(i => Tag(i.Tags)).Concat(snapshots.Select(s => Tag(s.Tags))).OfType<string>().Distinct().ToList();
        return new ArtifactsToDelete(images, snapshots.Select(s => s.SnapshotId).Where(s => !behindImages.Contains(s)).ToList(), fingerprints);
    }

    /// <summary>The clusters petal recorded that use one of the artifacts, with why; empty when none does.</summary>
    public IReadOnlyList<string> Users(ArtifactsToDelete artifacts)
    {
        var fingerprints = artifacts.Fingerprints.ToHashSet(StringComparer.Ordinal);
        var ids = artifacts.Ids.ToList();
        var users = new List<string>();
        foreach (var cluster in clusters.List())
        {
            var config = cluster.ConfigPath is { } path && InputFiles.TryReadText(path, out var text, out _) ? text : "";
            if (ids.FirstOrDefault(id => config.Contains(id, StringComparison.Ordinal)) is { } used) users.Add($"{cluster.Name} (its config uses {used})");
            else if (cluster.Fingerprint is { } f && fingerprints.Contains(f)) users.Add($"{cluster.Name} (it runs fingerprint {f[..Math.Min(12, f.Length)]})");
        }
        return users;
    }

    /// <summary>Deregisters each image, then deletes its snapshots and the software snapshots; the ids removed.</summary>
    public async Task<IReadOnlyList<string>> DeleteAsync(ArtifactsToDelete artifacts, IProgress<string>? progress, CancellationToken cancellation)
    {
        var removed = new List<string>();
        foreach (var image in artifacts.Images)
        {
            progress?.Report($"deregistering {image.ImageId}");
            await ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = image.ImageId }, cancellation);
            removed.Add(image.ImageId);
            foreach (var snapshot in SnapshotsOf(image))
            {
                progress?.Report($"deleting {snapshot} (of {image.ImageId})");
                await ec2.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = snapshot }, cancellation);
                removed.Add(snapshot);
            }
        }
        foreach (var snapshot in artifacts.Snapshots)
        {
            progress?.Report($"deleting {snapshot}");
            await ec2.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = snapshot }, cancellation);
            removed.Add(snapshot);
        }
        return removed;
    }

    private static IEnumerable<string> SnapshotsOf(Image image) =>
        (image.BlockDeviceMappings ?? []).Select(m => m.Ebs?.SnapshotId).OfType<string>().Where(s => s.Length > 0);

    private static string? Tag(List<Tag>? tags) => tags?.FirstOrDefault(t => t.Key == PetalTags.Fingerprint)?.Value;
}
