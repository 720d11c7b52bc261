using System.Text.Json;
using Amazon.EC2;
using Amazon.Runtime;
using Petal.Catalog;
using Petal.Catalog.Refresh;
using Petal.Tests.Support;

namespace Petal.Tests.Catalog;

/// <summary>`catalog refresh` against a real moto_server (EC2's DescribeInstanceTypes and offerings).</summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class CatalogRefreshTests : IDisposable
{
    private readonly MotoServer _moto = new();
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        _moto.Dispose();
        _dir.Dispose();
    }

    [MotoFact]
    public async Task Refresh_pages_to_the_end_and_the_overlay_matches_the_embedded_region()
    {
        var config = new AmazonEC2Config { ServiceURL = _moto.Url, AuthenticationRegion = "eu-west-1" };
        using var source = new Ec2CatalogSource(new AmazonEC2Client(new BasicAWSCredentials("testing", "testing"), config));
        var embedded = EmbeddedCatalog.LoadEmbedded();
        var cache = _dir.File("catalog");

        var result = await CatalogRefresher.RefreshAsync(source, "eu-west-1", cache, embedded, CancellationToken.None);

        // 1263 types at 100 per page: the refresh read all 13 pages.
        Assert.Equal(1263, result.InstanceTypes);
        Assert.Equal(0, result.NewTypes);
        Assert.Equal(embedded.TypesOfferedIn("eu-west-1").Count(), result.Offered);
        Assert.True(File.Exists(result.CacheFile));

        var refreshed = EmbeddedCatalog.Load(cache);
        Assert.Equal(["eu-west-1"], refreshed.RefreshedRegions);
        Assert.Equal(embedded.TypesOfferedIn("eu-west-1"), refreshed.TypesOfferedIn("eu-west-1"));
        Assert.Equal(embedded.Find("c5n.18xlarge"), refreshed.Find("c5n.18xlarge"));
        Assert.Equal(embedded.Find("g5.xlarge"), refreshed.Find("g5.xlarge"));
        Assert.Equal(embedded.Price("eu-west-1", "c5.large"), refreshed.Price("eu-west-1", "c5.large"));
    }

    [MotoFact]
    public async Task Cli_refresh_honours_AWS_ENDPOINT_URL_and_later_commands_read_the_cache()
    {
        var env = new Dictionary<string, string>(_moto.ClientEnvironment) { ["PETAL_CACHE_DIR"] = _dir.Path };

        var refresh = await PetalProcess.RunAsync(["catalog", "refresh", "--region", "us-west-2", "--output", "json"], env);
        Assert.True(refresh.ExitCode == 0, refresh.Stderr);
        var json = JsonDocument.Parse(refresh.Stdout).RootElement;
        Assert.Equal("us-west-2", json.GetProperty("region").GetString());
        Assert.Equal(1263, json.GetProperty("instance_types").GetInt32());
        Assert.True(File.Exists(Path.Combine(_dir.Path, "catalog", "us-west-2.bin.gz")));

        var show = await PetalProcess.RunAsync(["catalog", "show", "c5.large", "--region", "us-west-2", "--output", "json"], env);
        Assert.Equal(0, show.ExitCode);
        Assert.True(JsonDocument.Parse(show.Stdout).RootElement.GetProperty("offered_in_region").GetBoolean());
    }

    [MotoFact]
    public async Task Cli_refresh_without_a_reachable_endpoint_fails_with_exit_1()
    {
        var env = new Dictionary<string, string>(_moto.ClientEnvironment)
        {
            ["PETAL_CACHE_DIR"] = _dir.Path,
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1",
            ["AWS_MAX_ATTEMPTS"] = "1",
        };
        var r = await PetalProcess.RunAsync(["catalog", "refresh", "--region", "us-west-2"], env);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("petal: ", r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "catalog")));
    }
}
