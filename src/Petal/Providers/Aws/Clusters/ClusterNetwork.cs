using Amazon.EC2;
using Amazon.EC2.Model;

namespace Petal.Providers.Aws.Clusters;

/// <summary>
/// A minimal public network for a cluster when the user gives no subnet: VPC, one public subnet,
/// internet gateway, route table with a default route, and a security group allowing SSH from the
/// caller only. Everything is tagged with the cluster name, and deletion finds it by those tags,
/// so a half-created network (failure, Ctrl-C) is removed the same way as a finished one.
/// </summary>
public sealed class ClusterNetwork(IAmazonEC2 ec2)
{
    public sealed record Created(string VpcId, string SubnetId, string SecurityGroupId);

    /// <param name="seedTags">The seed's cost-allocation tags, put on every resource next to petal's own.</param>
    public async Task<Created> CreateAsync(string cluster, string sshCidr, CancellationToken cancellation, IReadOnlyList<Seeds.SeedTag>? seedTags = null)
    {
        var tags = PetalTags.WithSeedTags(Tags(cluster), seedTags ?? []);
        var vpc = (await ec2.CreateVpcAsync(new CreateVpcRequest
        {
            CidrBlock = "10.0.0.0/16", TagSpecifications = [PetalTags.Spec("vpc", tags)],
        }, cancellation)).Vpc;
        await ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = vpc.VpcId, EnableDnsHostnames = true }, cancellation);
        var igw = (await ec2.CreateInternetGatewayAsync(new CreateInternetGatewayRequest
        {
            TagSpecifications = [PetalTags.Spec("internet-gateway", tags)],
        }, cancellation)).InternetGateway;
        await ec2.AttachInternetGatewayAsync(new AttachInternetGatewayRequest { VpcId = vpc.VpcId, InternetGatewayId = igw.InternetGatewayId }, cancellation);
        var subnet = (await ec2.CreateSubnetAsync(new CreateSubnetRequest
        {
            VpcId = vpc.VpcId, CidrBlock = "10.0.0.0/20", TagSpecifications = [PetalTags.Spec("subnet", tags)],
        }, cancellation)).Subnet;
        await ec2.ModifySubnetAttributeAsync(new ModifySubnetAttributeRequest { SubnetId = subnet.SubnetId, MapPublicIpOnLaunch = true }, cancellation);
        var table = (await ec2.CreateRouteTableAsync(new CreateRouteTableRequest
        {
            VpcId = vpc.VpcId, TagSpecifications = [PetalTags.Spec("route-table", tags)],
        }, cancellation)).RouteTable;
        await ec2.CreateRouteAsync(new CreateRouteRequest
        {
            RouteTableId = table.RouteTableId, DestinationCidrBlock = "0.0.0.0/0", GatewayId = igw.InternetGatewayId,
        }, cancellation);
        await ec2.AssociateRouteTableAsync(new AssociateRouteTableRequest { RouteTableId = table.RouteTableId, SubnetId = subnet.SubnetId }, cancellation);
        var group = await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
        {
            GroupName = $"petal-{cluster}-ssh", Description = "petal: SSH to the head node from the creator's address",
            VpcId = vpc.VpcId, TagSpecifications = [PetalTags.Spec("security-group", tags)],
        }, cancellation);
        await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = group.GroupId,
            IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, Ipv4Ranges = [new IpRange { CidrIp = sshCidr, Description = "petal ssh" }] }],
        }, cancellation);
        return new Created(vpc.VpcId, subnet.SubnetId, group.GroupId);
    }

    /// <summary>Removes every network resource tagged for <paramref name="cluster"/>. Returns what could not be removed.</summary>
    public async Task<IReadOnlyList<string>> DeleteAsync(string cluster, CancellationToken cancellation)
    {
        var problems = new List<string>();
        async Task Step(string what, Func<Task> action)
        {
            try { await action(); }
            catch (Exception e) when (e is not OperationCanceledException) { problems.Add($"{what}: {AwsErrorTranslator.Translate(e)}"); }
        }

        var filter = new List<Filter> { PetalTags.Filter(PetalTags.Cluster, cluster), PetalTags.Filter(PetalTags.Managed, "true") };
        var vpcs = (await ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = filter }, cancellation)).Vpcs ?? [];
        foreach (var vpcId in vpcs.Select(v => v.VpcId))
        {
            var inVpc = new List<Filter> { new("vpc-id", [vpcId]) };
            foreach (var group in (await ec2.DescribeSecurityGroupsAsync(new() { Filters = inVpc }, cancellation)).SecurityGroups ?? [])
                if (group.GroupName != "default")
                    await Step($"security group {group.GroupId}", () => ec2.DeleteSecurityGroupAsync(new() { GroupId = group.GroupId }, cancellation));
            foreach (var table in (await ec2.DescribeRouteTablesAsync(new() { Filters = inVpc }, cancellation)).RouteTables ?? [])
            {
                if (table.Associations?.Any(a => a.Main == true) == true) continue;
                foreach (var association in table.Associations ?? [])
                    await Step($"route table association {association.RouteTableAssociationId}",
                        () => ec2.DisassociateRouteTableAsync(new() { AssociationId = association.RouteTableAssociationId }, cancellation));
                await Step($"route table {table.RouteTableId}", () => ec2.DeleteRouteTableAsync(new() { RouteTableId = table.RouteTableId }, cancellation));
            }
            foreach (var subnet in (await ec2.DescribeSubnetsAsync(new() { Filters = inVpc }, cancellation)).Subnets ?? [])
                await Step($"subnet {subnet.SubnetId}", () => ec2.DeleteSubnetAsync(new() { SubnetId = subnet.SubnetId }, cancellation));
            await DeleteGatewaysAsync(vpcId, Step, cancellation);
            await Step($"vpc {vpcId}", () => ec2.DeleteVpcAsync(new() { VpcId = vpcId }, cancellation));
        }
        // A gateway created but not yet attached when creation stopped.
        foreach (var gateway in (await ec2.DescribeInternetGatewaysAsync(new() { Filters = filter }, cancellation)).InternetGateways ?? [])
            if (gateway.Attachments is not { Count: > 0 })
                await Step($"internet gateway {gateway.InternetGatewayId}",
                    () => ec2.DeleteInternetGatewayAsync(new() { InternetGatewayId = gateway.InternetGatewayId }, cancellation));
        return problems;
    }

    private async Task DeleteGatewaysAsync(string vpcId, Func<string, Func<Task>, Task> step, CancellationToken cancellation)
    {
        var attached = (await ec2.DescribeInternetGatewaysAsync(new() { Filters = [new Filter("attachment.vpc-id", [vpcId])] }, cancellation))
            .InternetGateways ?? [];
        foreach (var gateway in attached)
        {
            var id = gateway.InternetGatewayId;
            await step($"detach internet gateway {id}", () => ec2.DetachInternetGatewayAsync(new() { InternetGatewayId = id, VpcId = vpcId }, cancellation));
            await step($"internet gateway {id}", () => ec2.DeleteInternetGatewayAsync(new() { InternetGatewayId = id }, cancellation));
        }
    }

    private static List<KeyValuePair<string, string>> Tags(string cluster) =>
    [
        new("Name", $"petal-{cluster}"), new(PetalTags.Managed, "true"), new(PetalTags.Cluster, cluster),
    ];
}
