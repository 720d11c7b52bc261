using Amazon.EC2;
using Amazon.EC2.Model;

namespace Petal.Providers.Aws.Images;

/// <summary>Finds the image or snapshot petal built for a fingerprint (the "build once, deploy in minutes" reuse).</summary>
public sealed class ArtifactLookup(IAmazonEC2 ec2)
{
    public async Task<string?> FindAsync(BuildTarget target, string fingerprint, CancellationToken cancellation) =>
        target == BuildTarget.Snapshot
            ? await FindSnapshotAsync(fingerprint, cancellation)
            : (await FindImageAsync(fingerprint, cancellation))?.ImageId;

    public async Task<Image?> FindImageAsync(string fingerprint, CancellationToken cancellation)
    {
        var response = await ec2.DescribeImagesAsync(new DescribeImagesRequest
        {
            Owners = ["self"],
            Filters = [PetalTags.Filter(PetalTags.Fingerprint, fingerprint), new Filter("state", ["available"])],
        }, cancellation);
        return (response.Images ?? []).OrderByDescending(i => i.CreationDate ?? "", StringComparer.Ordinal).FirstOrDefault();
    }

    public async Task<string?> FindSnapshotAsync(string fingerprint, CancellationToken cancellation)
    {
        var response = await ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest
        {
            OwnerIds = ["self"],
            Filters = [PetalTags.Filter(PetalTags.Fingerprint, fingerprint), new Filter("status", ["completed"])],
        }, cancellation);
        return (response.Snapshots ?? []).OrderByDescending(s => s.StartTime ?? DateTime.MinValue).FirstOrDefault()?.SnapshotId;
    }

    /// <summary>Every image petal built in this region (for <c>petal ami list</c>).</summary>
    public async Task<IReadOnlyList<Image>> ListImagesAsync(CancellationToken cancellation) =>
        (await ec2.DescribeImagesAsync(new DescribeImagesRequest
        {
            Owners = ["self"], Filters = [new Filter("tag-key", [PetalTags.Fingerprint])],
        }, cancellation)).Images ?? [];

    public async Task<IReadOnlyList<Snapshot>> ListSnapshotsAsync(CancellationToken cancellation) =>
        (await ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest
        {
            OwnerIds = ["self"], Filters = [new Filter("tag-key", [PetalTags.Fingerprint])],
        }, cancellation)).Snapshots ?? [];
}
