using Amazon.EC2;
using Amazon.EC2.Model;

namespace Petal.Providers.Aws.Clusters;

/// <summary>A pending or running instance of a ParallelCluster cluster: what it really is and where.</summary>
public sealed record ClusterInstance(string InstanceId, string PrivateIp, string InstanceType, string Zone)
{
    /// <summary>ParallelCluster's <c>parallelcluster:node-type</c> tag: HeadNode or Compute.</summary>
    public string? NodeType { get; init; }
    /// <summary>ParallelCluster's <c>parallelcluster:queue-name</c> tag (compute nodes).</summary>
    public string? Queue { get; init; }
    public string State { get; init; } = "running";
    public DateTimeOffset? LaunchedAt { get; init; }
}

/// <summary>The instances ParallelCluster launched for a cluster, found by its tag <c>parallelcluster:cluster-name</c>.</summary>
public static class ClusterInstances
{
    public const string ClusterNameTag = "parallelcluster:cluster-name";
    public const string NodeTypeTag = "parallelcluster:node-type";
    public const string QueueTag = "parallelcluster:queue-name";

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
                .Select(i => new ClusterInstance(i.InstanceId, i.PrivateIpAddress, i.InstanceType?.Value ?? "", i.Placement?.AvailabilityZone ?? "")
                {
                    NodeType = Tag(i, NodeTypeTag), Queue = Tag(i, QueueTag), State = i.State?.Name?.Value ?? "unknown",
                    LaunchedAt = i.LaunchTime is { } t ? new DateTimeOffset(t.ToUniversalTime(), TimeSpan.Zero) : null,
                }));
            request.NextToken = page.NextToken;
        } while (!string.IsNullOrEmpty(request.NextToken));
        return instances;
    }

    private static string? Tag(Instance instance, string key) => instance.Tags?.FirstOrDefault(t => t.Key == key)?.Value;
}
