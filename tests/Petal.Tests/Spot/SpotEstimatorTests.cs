using Petal.Catalog;
using Petal.Common;
using Petal.Spot.Estimates;
using Petal.Spot.Plans;
using Petal.Spot.Selection;

namespace Petal.Tests.Spot;

public class SpotEstimatorTests
{
    private static SpotPlan Plan() => SpotPlanLoader.LoadText("""
        batches: 2
        iterations: 3
        seed: 5
        node_startup: 2m
        head_node: c6a.large
        experiments:
          - {name: small, vcpus: 32, nodes: 4, max_instance_types: 2, filter_instance_types: 6, vars: {CPU: 1, X: 1, Y: 1, Z: 1, NP: 4}}
        """, "plan.yaml").Plan!;

    [Fact]
    public void Cost_is_batches_iterations_nodes_runtime_price_plus_startup_and_head_node()
    {
        var plan = Plan();
        var catalog = EmbeddedCatalog.Default;
        var e = SpotEstimator.Estimate(plan, catalog, TimeSpan.FromMinutes(6), new Dictionary<string, RuntimeHistory.Measured>());
        var x = Assert.Single(e.Experiments);

        // The price is the mean of what each batch would choose (seeds 5 and 6).
        var b1 = SpotSelector.Select(catalog, plan.Query(plan.Experiments[0], 1)).Chosen;
        var b2 = SpotSelector.Select(catalog, plan.Query(plan.Experiments[0], 2)).Chosen;
        var price = Math.Round((b1.Average(c => c.SpotPrice) + b2.Average(c => c.SpotPrice)) / 2, 6);
        Assert.Equal(price, x.SpotPrice);
        Assert.Equal(Math.Round(2 * 3 * 4 * 0.1m * price, 4), x.RunCost);
        Assert.Equal(Math.Round(2 * 4 * (2m / 60) * price, 4), x.StartupCost);
        // Head node: 2 batches × (2 min + 3 × 6 min) = 40 min on-demand.
        var head = catalog.Price("us-east-1", "c6a.large")!.OnDemand!.Value;
        Assert.Equal(Math.Round(head * (40m / 60), 4), e.HeadNodeCost);
        Assert.Equal(Math.Round(x.RunCost + x.StartupCost + head * (40m / 60), 3), Math.Round(e.Total, 3));
        Assert.Contains("2 batches × 3 iterations × 4 nodes × 0.1 h", x.Formula);
        Assert.Equal("--runtime", x.RuntimeSource);
    }

    [Fact]
    public void Measured_runtimes_win_and_a_missing_runtime_is_the_stated_default()
    {
        var plan = Plan();
        var measured = new Dictionary<string, RuntimeHistory.Measured> { ["small"] = new(360, 4) };
        var e = SpotEstimator.Estimate(plan, EmbeddedCatalog.Default, TimeSpan.FromHours(5), measured);
        Assert.Equal(360, e.Experiments[0].RuntimeSeconds);
        Assert.StartsWith("results", e.Experiments[0].RuntimeSource);
        var defaulted = SpotEstimator.Estimate(plan, EmbeddedCatalog.Default, null, new Dictionary<string, RuntimeHistory.Measured>());
        Assert.Equal(SpotEstimator.DefaultRuntime.TotalSeconds, defaulted.Experiments[0].RuntimeSeconds);
        Assert.StartsWith("default", defaulted.Experiments[0].RuntimeSource);
    }
}
