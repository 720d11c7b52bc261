using Amazon.EC2;
using Amazon.EC2.Model;

namespace Petal.Providers.Aws.Images;

/// <summary>Finds the official ParallelCluster AMI a build starts from (owner amazon, documented name pattern).</summary>
public sealed class OfficialAmiFinder(IAmazonEC2 ec2)
{
    /// <summary><c>aws-parallelcluster-3.12.0-alinux2023-hvm-x86_64*</c>.</summary>
    public static string NamePattern(string version, string os, string architecture) =>
        $"aws-parallelcluster-{version}-{os}-hvm-{architecture}*";

    public async Task<Image> FindAsync(string version, string os, string architecture, CancellationToken cancellation)
    {
        var pattern = NamePattern(version, os, architecture);
        var response = await ec2.DescribeImagesAsync(new DescribeImagesRequest
        {
            Owners = ["amazon"],
            Filters =
            [
                new Filter("name", [pattern]),
                new Filter("architecture", [architecture]),
                new Filter("state", ["available"]),
            ],
        }, cancellation);
        // Several builds of one release can exist; the newest carries the latest OS patches.
        return (response.Images ?? []).OrderByDescending(i => i.CreationDate ?? "", StringComparer.Ordinal).FirstOrDefault()
            ?? throw new AwsFailureException(
                $"no official ParallelCluster AMI named '{pattern}' owned by amazon in this region: check the seed's "
                + "cluster.parallelcluster_version and cluster.os, or pick a region where ParallelCluster is offered");
    }
}
