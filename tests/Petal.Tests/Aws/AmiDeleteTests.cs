using System.Text.Json;
using Amazon.EC2.Model;
using Petal.Providers.Aws;
using Petal.Providers.Aws.Clusters;
using Petal.Tests.Support;

namespace Petal.Tests.Aws;

/// <summary>`petal ami delete` against moto_server: what petal built goes (image and its snapshot), nothing else, never while in use.</summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AmiDeleteTests(MotoServer moto) : AwsCliTest(moto)
{
    private const string Fingerprint = "f00dfeed0123456789abcdef";

    /// <summary>An image on a snapshot, as a petal build leaves them (both tagged with the fingerprint unless <paramref name="tagged"/> is false).</summary>
    private async Task<(string Image, string Snapshot)> ImageAsync(string name, bool tagged = true)
    {
        List<Tag> tags = tagged ? [new(PetalTags.Fingerprint, Fingerprint)] : [new("owner", "someone-else")];
        var volume = (await Aws.Ec2.CreateVolumeAsync(new CreateVolumeRequest { AvailabilityZone = "us-east-1a", Size = 8 })).Volume.VolumeId;
        var snapshot = (await Aws.Ec2.CreateSnapshotAsync(new CreateSnapshotRequest
        {
            VolumeId = volume, TagSpecifications = [new TagSpecification { ResourceType = "snapshot", Tags = tags }],
        })).Snapshot.SnapshotId;
        await Aws.Ec2.DeleteVolumeAsync(new DeleteVolumeRequest { VolumeId = volume });
        var image = (await Aws.Ec2.RegisterImageAsync(new RegisterImageRequest
        {
            Name = name, RootDeviceName = "/dev/xvda", Architecture = "x86_64", VirtualizationType = "hvm",
            BlockDeviceMappings = [new BlockDeviceMapping { DeviceName = "/dev/xvda", Ebs = new EbsBlockDevice { SnapshotId = snapshot } }],
        })).ImageId;
        await Aws.Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [image], Tags = tags });
        return (image, snapshot);
    }

    private async Task<IReadOnlyList<string>> OwnImagesAsync() =>
        (await Aws.Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["self"] })).Images?.Select(i => i.ImageId).ToList() ?? [];

    private async Task<IReadOnlyList<string>> OwnSnapshotsAsync() =>
        (await Aws.Ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { OwnerIds = ["self"] })).Snapshots?.Select(s => s.SnapshotId).ToList() ?? [];

    [MotoFact]
    public async Task Deletes_an_image_and_its_snapshot_only_when_no_cluster_uses_it_and_only_what_petal_built()
    {
        var (image, snapshot) = await ImageAsync("petal-demo");
        var (foreign, _) = await ImageAsync("not-petal", tagged: false);
        var store = new AwsClusterStore(Path.Combine(State.Path, "aws", "clusters"));
        var config = State.Write("aws/clusters/inuse.cluster-config.yaml", $"Image:\n  Os: alinux2023\n  CustomAmi: \"{image}\"\n");
        store.Save(new AwsClusterState { Name = "inuse", Region = "us-east-1", Os = "alinux2023", ConfigPath = config });

        var refused = await Petal("ami", "delete", "--fingerprint", Fingerprint, "--yes");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"still in use by inuse (its config uses {image})", refused.Stderr);
        store.Remove("inuse");
        store.Save(new AwsClusterState { Name = "runs-it", Region = "us-east-1", Os = "alinux2023", Fingerprint = Fingerprint });
        Assert.Contains("runs-it (it runs fingerprint", (await Petal("ami", "delete", image, "--yes")).Stderr);
        store.Remove("runs-it");
        Assert.Contains(image, await OwnImagesAsync());

        var unconfirmed = await Petal("ami", "delete", image);
        Assert.Equal(2, unconfirmed.ExitCode);
        Assert.Contains("pass --yes", unconfirmed.Stderr);
        var notOurs = await Petal("ami", "delete", foreign, "--yes");
        Assert.Equal(2, notOurs.ExitCode);
        Assert.Contains("was not built by petal", notOurs.Stderr);
        Assert.Equal(2, (await Petal("ami", "delete", "vol-0123456789abcdef0", "--yes")).ExitCode);

        var deleted = await Petal("ami", "delete", "--fingerprint", Fingerprint, "--yes", "--output", "json");
        Assert.True(deleted.ExitCode == 0, deleted.Stderr);
        // The image first, then the snapshots behind it (moto registers the image on a copy) and the tagged one.
        var removed = JsonDocument.Parse(deleted.Stdout).RootElement.GetProperty("deleted").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(image, removed[0]);
        Assert.Contains(snapshot, removed);
        Assert.All(removed.Skip(1), id => Assert.StartsWith("snap-", id));
        Assert.Equal([foreign], await OwnImagesAsync());
        var left = await OwnSnapshotsAsync();
        Assert.Empty(left.Intersect(removed));
        Assert.NotEmpty(left); // the foreign image's snapshot stays
    }
}
