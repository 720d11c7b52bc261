using Amazon.EC2;
using Amazon.EC2.Model;

namespace Petal.Providers.Aws;

/// <summary>Small read-only EC2 lookups shared by builds and clusters.</summary>
public static class Ec2Queries
{
    public static async Task<string?> InstanceStateAsync(IAmazonEC2 ec2, string instanceId, CancellationToken cancellation)
    {
        var response = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instanceId] }, cancellation);
        return response.Reservations?.SelectMany(r => r.Instances ?? []).FirstOrDefault()?.State?.Name?.Value;
    }

    /// <summary>The given subnet, or the first default subnet of the default VPC.</summary>
    public static async Task<Subnet> SubnetAsync(IAmazonEC2 ec2, string? subnetId, CancellationToken cancellation)
    {
        var request = subnetId is null
            ? new DescribeSubnetsRequest { Filters = [new Filter("default-for-az", ["true"])] }
            : new DescribeSubnetsRequest { SubnetIds = [subnetId] };
        var subnets = (await ec2.DescribeSubnetsAsync(request, cancellation)).Subnets ?? [];
        return subnets.OrderBy(s => s.AvailabilityZone, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new AwsFailureException(subnetId is null
                ? "this region has no default VPC subnet for the build instance: pass --subnet-id"
                : $"subnet {subnetId} not found in this region");
    }
}
