using Amazon.EC2.Model;
using Petal.Common;
using Petal.Seeds;

namespace Petal.Providers.Aws.Clusters;

/// <summary>A subnet a seed queue names, and where the seed says it (for the error when EC2 does not know it).</summary>
public sealed record SeedSubnet(string SubnetId, string Where)
{
    public static IReadOnlyList<SeedSubnet> Of(Seed seed) =>
        seed.Compute.Queues.SelectMany((q, i) => q.SubnetIds.Select((s, j) =>
        {
            var path = $"compute.queues[{i}].subnet_ids[{j}]";
            return new SeedSubnet(s, seed.Locate(path) is { } at ? $"{at}: {path}" : path);
        })).ToList();
}

public static class SeedSubnets
{
    /// <summary>
    /// The seed's queue subnets are used as given: one DescribeSubnets before anything is created, and every subnet EC2
    /// does not know in the region is an input error (exit 2) naming where the seed lists it.
    /// </summary>
    public static async Task CheckAsync(AwsClients aws, IReadOnlyList<SeedSubnet> subnets, CancellationToken cancellation)
    {
        if (subnets.Count == 0) return;
        var ids = subnets.Select(s => s.SubnetId).Distinct(StringComparer.Ordinal).ToList();
        var known = ((await aws.Ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest
            {
                Filters = [new Filter("subnet-id", ids)],
            }, cancellation)).Subnets ?? []).Select(s => s.SubnetId).ToHashSet(StringComparer.Ordinal);
        var missing = subnets.Where(s => !known.Contains(s.SubnetId)).ToList();
        if (missing.Count > 0)
            throw new UserInputException(string.Join("\n", missing.Select(m => $"{m.Where}: subnet {m.SubnetId} does not exist in {aws.Region}"))
                + $"\n  hint: list the subnets of the cluster's VPC with 'aws ec2 describe-subnets --region {aws.Region}' and use their ids, or leave subnet_ids out to use the subnet create resolves");
    }
}
