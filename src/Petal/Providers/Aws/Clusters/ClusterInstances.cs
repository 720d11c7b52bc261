using Amazon.EC2;
using Amazon.EC2.Model;

namespace Petal.Providers.Aws.Clusters;

/// <summary>A pending or running instance of a ParallelCluster cluster: what it really is and where.</summary>
public sealed record ClusterInstance(string InstanceId, string PrivateIp, string InstanceType, string Zone);

/// <summary>The instances ParallelCluster launched for a cluster, found by its tag <c>parallelcluster:cluster-name</c>.</summary>
public static class ClusterInstances
{
    public const string ClusterNameTag = "parallelcluster:cluster-name";

    public static async Task<IReadOnlyList<ClusterInstance>> ListAsync(IAmazonEC2 ec2, string cluster, CancellationToken cancellation)
    {
        var request = new DescribeInstancesRequest
        {
            Filters = [new Filter($"tag:{ClusterNameTag}", [cluster]), new Filter("instance-state-name", ["pending", "running"])],
        };
        var instances = new List<ClusterInstance>();
        do
        {
            var page = await ec2.DescribeInstancesAsync(request, cancellation);
            instances.AddRange((page.Reservations ?? []).SelectMany(r => r.Instances ?? []).Where(i => i.PrivateIpAddress is not null)
                .Select(i => new ClusterInstance(i.InstanceId, i.PrivateIpAddress, i.InstanceType?.Value ?? "", i.Placement?.AvailabilityZone ?? "")));
            request.NextToken = page.NextToken;
        } while (!string.IsNullOrEmpty(request.NextToken));
        return instances;
    }
}
