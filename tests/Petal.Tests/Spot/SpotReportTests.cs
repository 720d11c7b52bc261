using Petal.Catalog;
using Petal.Common;
using Petal.Spot.Estimates;
using Petal.Spot.Plans;
using Petal.Spot.Reports;
using Petal.Tests.Support;

namespace Petal.Tests.Spot;

public class SpotReportTests
{
    [Fact]
    public void Report_writes_four_png_charts_and_a_markdown_summary()
    {
        using var dir = new TempDirectory();
        SpotResultsFixture.WriteTo(dir.Path,
            SpotResultsFixture.Batch("4x32vcpu", 1, [60, 70], reclaim: true),
            SpotResultsFixture.Batch("4x32vcpu", 2, [65], reclaim: false),
            SpotResultsFixture.Batch("2x64cores", 1, [120, 130], reclaim: false));

        var files = SpotReport.Write(dir.Path);

        Assert.Equal(3, files.Batches);
        Assert.Equal(["runtime-by-type.png", "cost-by-experiment.png", "price-spread.png", "reclaims.png"], files.Charts.Select(Path.GetFileName));
        foreach (var chart in files.Charts)
        {
            var bytes = File.ReadAllBytes(chart);
            Assert.True(bytes.Length > 5000, $"{chart} has a real picture");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
        var md = File.ReadAllText(files.Markdown);
        Assert.Contains("3 batches, 5 iterations, 1 reclaims, total cost $0.7500", md);
        Assert.Contains("| 4x32vcpu | 1 | c6i.8xlarge, m6i.8xlarge |", md);
        Assert.Contains("| c6i.8xlarge | 3 |", md);   // iterations 1 of each batch ran on n1 (c6i)
        Assert.Contains("| 4x32vcpu | 1 | 1 | n1 | c6i.8xlarge |", md);
        Assert.Contains("![price-spread](price-spread.png)", md);
    }

    [Fact]
    public void Report_of_an_empty_directory_is_a_user_error()
    {
        using var dir = new TempDirectory();
        Assert.Throws<UserInputException>(() => SpotReport.Write(dir.Path));
    }

    [Fact]
    public void Earlier_results_give_the_estimate_its_run_time()
    {
        using var dir = new TempDirectory();
        SpotResultsFixture.WriteTo(dir.Path, SpotResultsFixture.Batch("small", 1, [300, 420], reclaim: false));
        var measured = RuntimeHistory.Read(dir.Path);
        Assert.Equal(new RuntimeHistory.Measured(360, 2), measured["small"]);
        var plan = SpotPlanLoader.LoadText("experiments:\n  - {name: small, vcpus: 32, vars: {CPU: 1, X: 1, Y: 1, Z: 1, NP: 1}}\n", "p.yaml").Plan!;
        Assert.Equal(360, SpotEstimator.Estimate(plan, EmbeddedCatalog.Default, null, measured).Experiments[0].RuntimeSeconds);
    }
}
