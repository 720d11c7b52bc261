namespace Petal.Catalog.Refresh;

/// <summary>Where a refresh reads a region's instance types and offerings (EC2, or anything with its shape).</summary>
public interface ICatalogSource
{
    /// <summary>Every instance type the region describes, all pages.</summary>
    Task<IReadOnlyList<InstanceTypeInfo>> DescribeInstanceTypesAsync(CancellationToken cancellation);

    /// <summary>The names of the instance types offered in the region, all pages.</summary>
    Task<IReadOnlyList<string>> DescribeOfferingsAsync(CancellationToken cancellation);
}
