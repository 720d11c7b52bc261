using System.Globalization;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace Petal.Spot.Selection;

/// <summary>
/// Current spot prices from EC2 DescribeSpotPriceHistory in the client's region (Linux/UNIX, StartTime
/// now, so each (type, AZ) returns the price in effect). Pages until EC2 returns no NextToken, and keeps
/// every page's rows, the last one included (the original broke out before reading it).
/// </summary>
public static class LiveSpotPrices
{
    public const string LinuxUnix = "Linux/UNIX";
    private const int PageSize = 1000;

    public static async Task<IReadOnlyList<SpotPricePoint>> FetchAsync(
        IAmazonEC2 ec2, IReadOnlyCollection<string> instanceTypes, DateTime now, CancellationToken cancellation)
    {
        var points = new List<SpotPricePoint>();
        if (instanceTypes.Count == 0) return points;
        string? token = null;
        do
        {
            var page = await ec2.DescribeSpotPriceHistoryAsync(new DescribeSpotPriceHistoryRequest
            {
                InstanceTypes = instanceTypes.ToList(),
                ProductDescriptions = [LinuxUnix],
                StartTime = now,
                MaxResults = PageSize,
                NextToken = token,
            }, cancellation);
            foreach (var row in page.SpotPriceHistory ?? [])
                if (decimal.TryParse(row.Price, NumberStyles.Number, CultureInfo.InvariantCulture, out var price))
                    points.Add(new SpotPricePoint(row.InstanceType?.Value ?? "", row.AvailabilityZone ?? "",
                        price, row.Timestamp ?? now));
            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (token is not null);
        return points;
    }

    public static async Task<IReadOnlyDictionary<string, SpotPriceStats>> StatsAsync(
        IAmazonEC2 ec2, IReadOnlyCollection<string> instanceTypes, DateTime now, CancellationToken cancellation) =>
        SpotPriceAggregator.Aggregate(await FetchAsync(ec2, instanceTypes, now, cancellation));
}
