using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace Petal.Catalog.Refresh;

/// <summary>
/// DescribeInstanceTypes and DescribeInstanceTypeOfferings through AWSSDK.EC2, paged to the end.
/// Credentials come from the SDK's standard chain; AWS_ENDPOINT_URL_EC2 or AWS_ENDPOINT_URL
/// (moto, LocalStack, a VPC endpoint) replaces the service URL.
/// </summary>
public sealed class Ec2CatalogSource(IAmazonEC2 client) : ICatalogSource, IDisposable
{
    public static Ec2CatalogSource ForRegion(string region)
    {
        var config = new AmazonEC2Config { RegionEndpoint = RegionEndpoint.GetBySystemName(region) };
        var endpoint = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_EC2") is { Length: > 0 } ec2
            ? ec2
            : Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        if (endpoint is { Length: > 0 })
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region;
        }
        return new Ec2CatalogSource(new AmazonEC2Client(config));
    }

    public async Task<IReadOnlyList<Catalog.InstanceTypeInfo>> DescribeInstanceTypesAsync(CancellationToken cancellation)
    {
        var result = new List<Catalog.InstanceTypeInfo>();
        var paginator = client.Paginators.DescribeInstanceTypes(new DescribeInstanceTypesRequest { MaxResults = 100 });
        await foreach (var type in paginator.InstanceTypes.WithCancellation(cancellation))
            result.Add(Ec2InstanceTypeMapper.ToInstanceTypeInfo(type));
        return result;
    }

    public async Task<IReadOnlyList<string>> DescribeOfferingsAsync(CancellationToken cancellation)
    {
        var result = new List<string>();
        var paginator = client.Paginators.DescribeInstanceTypeOfferings(new DescribeInstanceTypeOfferingsRequest
        {
            LocationType = LocationType.Region,
            MaxResults = 1000,
        });
        await foreach (var offering in paginator.InstanceTypeOfferings.WithCancellation(cancellation))
            result.Add(offering.InstanceType.Value);
        return result;
    }

    public void Dispose() => client.Dispose();
}
