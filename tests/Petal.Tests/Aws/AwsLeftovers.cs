using Amazon.EC2;
using Amazon.EC2.Model;
using Petal.Providers.Aws;

namespace Petal.Tests.Aws;

/// <summary>What petal-tagged resources still exist in moto (asserted empty after every build or create).</summary>
public static class AwsLeftovers
{
    public static async Task<IReadOnlyList<string>> FindAsync(IAmazonEC2 ec2)
    {
        var managed = new List<Filter> { PetalTags.Filter(PetalTags.Managed, "true") };
        var found = new List<string>();
        var instances = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = managed });
        found.AddRange(instances.Reservations?.SelectMany(r => r.Instances ?? [])
            .Where(i => i.State.Name != InstanceStateName.Terminated)
            .Select(i => $"instance {i.InstanceId} ({i.State.Name})") ?? []);
        // Every volume: the build instance's root volume carries no petal tag in moto.
        found.AddRange((await ec2.DescribeVolumesAsync(new DescribeVolumesRequest())).Volumes?.Select(v => $"volume {v.VolumeId} ({v.State})") ?? []);
        found.AddRange((await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = managed }))
            .SecurityGroups?.Select(g => $"security group {g.GroupId}") ?? []);
        found.AddRange((await ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = managed })).Vpcs?.Select(v => $"vpc {v.VpcId}") ?? []);
        found.AddRange((await ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = managed })).Subnets?.Select(s => $"subnet {s.SubnetId}") ?? []);
        found.AddRange((await ec2.DescribeInternetGatewaysAsync(new DescribeInternetGatewaysRequest { Filters = managed }))
            .InternetGateways?.Select(g => $"internet gateway {g.InternetGatewayId}") ?? []);
        return found;
    }

    public static async Task AssertNoneAsync(IAmazonEC2 ec2)
    {
        var left = await FindAsync(ec2);
        Assert.True(left.Count == 0, "left behind: " + string.Join(", ", left));
    }
}
