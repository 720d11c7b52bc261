using Petal.Providers.Aws;
using Petal.Spot.Selection;
using Petal.Tests.Support;

namespace Petal.Tests.Spot;

/// <summary>DescribeSpotPriceHistory through the real AWS SDK: paging to the last page, per-AZ statistics.</summary>
public class LiveSpotPricesTests
{
    private static readonly DateTime Now = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Pages_to_the_very_end_and_keeps_each_zones_latest_price()
    {
        // Recorded shape: three pages; the last (no NextToken) holds the only us-east-1c row of c6i.
        using var ec2 = new SpotPriceHistoryStandIn(
        [
            SpotPriceHistoryStandIn.Item("c6i.8xlarge", "us-east-1a", "0.5000", "2025-03-01T11:00:00.000Z")
            + SpotPriceHistoryStandIn.Item("c6i.8xlarge", "us-east-1a", "0.9000", "2025-02-28T11:00:00.000Z")
            + SpotPriceHistoryStandIn.Item("m6i.8xlarge", "us-east-1a", "0.6000", "2025-03-01T10:00:00.000Z"),
            SpotPriceHistoryStandIn.Item("c6i.8xlarge", "us-east-1b", "0.7000", "2025-03-01T09:00:00.000Z"),
            SpotPriceHistoryStandIn.Item("c6i.8xlarge", "us-east-1c", "0.3000", "2025-03-01T08:00:00.000Z"),
        ]);
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        using var clients = AwsClients.Create(new AwsConnection(Region: "eu-west-1"), name => name == AwsEndpoints.Global ? ec2.Url : null);

        var points = await LiveSpotPrices.FetchAsync(clients.Ec2, ["c6i.8xlarge", "m6i.8xlarge"], Now, CancellationToken.None);
        var stats = SpotPriceAggregator.Aggregate(points);

        Assert.Equal(5, points.Count);
        Assert.Equal(3, ec2.Requests.Count);
        Assert.Equal([null, "page-1", "page-2"], ec2.Requests.Select(r => r["NextToken"]));
        Assert.All(ec2.Requests, r =>
        {
            Assert.Equal("DescribeSpotPriceHistory", r["Action"]);
            Assert.Equal("Linux/UNIX", r["ProductDescription.1"]);
            Assert.Equal("2025-03-01T12:00:00Z", r["StartTime"]);
        });
        var c6i = stats["c6i.8xlarge"];
        Assert.Equal(3, c6i.ZoneCount);
        Assert.Equal(0.3m, c6i.Min);  // only on the last page
        Assert.Equal(0.7m, c6i.Max);  // the older 0.90 in us-east-1a is not the latest
        Assert.Equal(0.5m, c6i.Mean);
        Assert.Equal(new SpotPriceStats(0.6m, 0.6m, 0.6m, 1), stats["m6i.8xlarge"]);
    }

    [MotoFact]
    [Trait("Category", "Integration")]
    public async Task Works_against_moto_in_the_clients_region()
    {
        using var moto = new MotoServer();
        using var clients = moto.Clients();
        var stats = await LiveSpotPrices.StatsAsync(clients.Ec2, ["c5.large", "m5.large"], Now, CancellationToken.None);

        // moto's history is fake (0.00001 in every AZ) but the call, parsing and per-AZ grouping are real.
        Assert.Equal(["c5.large", "m5.large"], stats.Keys.Order());
        Assert.All(stats.Values, s =>
        {
            Assert.Equal(0.00001m, s.Mean);
            Assert.True(s.ZoneCount >= 3, $"moto lists several us-east-1 zones, got {s.ZoneCount}");
        });
    }
}
