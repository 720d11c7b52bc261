using System.Globalization;
using Petal.Catalog;
using Petal.Common;
using Petal.Spot.Plans;
using Petal.Spot.Selection;

namespace Petal.Spot.Estimates;

/// <summary>
/// cost(experiment) = batches × iterations × nodes × runtime × price + batches × nodes × startup × price;
/// head node = on-demand price × (Σ batches × (startup + iterations × runtime)); total = Σ + head node.
/// The price is the mean spot price of the types each batch would choose, with `spot run`'s seeds.
/// </summary>
public static class SpotEstimator
{
    /// <summary>Run time of one iteration when neither --runtime nor earlier results give one (the output says so).</summary>
    public static readonly TimeSpan DefaultRuntime = TimeSpan.FromMinutes(10);

    /// <param name="runtimes">Measured seconds per iteration by experiment (from earlier results); wins over <paramref name="runtime"/>.</param>
    public static SpotEstimate Estimate(SpotPlan plan, ICatalog catalog, TimeSpan? runtime, IReadOnlyDictionary<string, RuntimeHistory.Measured> runtimes)
    {
        var experiments = new List<ExperimentEstimate>();
        foreach (var e in plan.Experiments)
        {
            var (seconds, source) = runtimes.TryGetValue(e.Name, out var measured)
                ? (measured.MeanSeconds, $"results: mean of {measured.Iterations} iterations")
                : runtime is { } r ? (r.TotalSeconds, "--runtime")
                : (DefaultRuntime.TotalSeconds, "default: pass --runtime or --results");
            var chosen = Enumerable.Range(1, plan.Batches).Select(b => SpotSelector.Select(catalog, plan.Query(e, b)).Chosen).ToList();
            if (chosen.Any(c => c.Count == 0))
                throw new UserInputException($"experiment '{e.Name}': no spot-priced instance type in {plan.Region} matches its shape; relax vcpus/cores or max_spot_price");
            var price = Math.Round(chosen.Average(c => c.Average(x => x.SpotPrice)), 6);
            var runHours = (decimal)(seconds / 3600);
            var startupHours = (decimal)(plan.NodeStartup.TotalSeconds / 3600);
            var runCost = plan.Batches * plan.Iterations * e.Nodes * runHours * price;
            var startupCost = plan.Batches * e.Nodes * startupHours * price;
            var wall = plan.Batches * (plan.NodeStartup.TotalSeconds + plan.Iterations * seconds) / 3600;
            var formula = $"{plan.Batches} batches × {plan.Iterations} iterations × {e.Nodes} nodes × {Hours(runHours)} × {Usd(price)}/h"
                + $" + {plan.Batches} batches × {e.Nodes} nodes × {Hours(startupHours)} start-up × {Usd(price)}/h"
                + $" = {Usd(runCost)} + {Usd(startupCost)} = {Usd(runCost + startupCost)}";
            experiments.Add(new ExperimentEstimate(e.Name, plan.Batches, plan.Iterations, e.Nodes, seconds, source, plan.NodeStartup.TotalSeconds,
                price, chosen.Select(c => (IReadOnlyList<string>)c.Select(x => x.InstanceType).ToList()).ToList(),
                Round(runCost), Round(startupCost), Round(runCost + startupCost), wall, formula));
        }
        var headPrice = catalog.Price(plan.Region, plan.HeadNode)?.OnDemand
            ?? throw new UserInputException($"the catalog has no on-demand price for head node {plan.HeadNode} in {plan.Region}; set head_node: to a priced type");
        var wallHours = experiments.Sum(x => x.WallHours);
        var headCost = headPrice * (decimal)wallHours;
        var headFormula = $"{plan.HeadNode} on-demand {Usd(headPrice)}/h × {Hours((decimal)wallHours)} (Σ batches × (start-up + iterations × run time)) = {Usd(headCost)}";
        return new SpotEstimate(plan.Region, experiments, plan.HeadNode, headPrice, Math.Round(wallHours, 4), Round(headCost),
            Round(experiments.Sum(x => x.Cost) + headCost), headFormula, "catalog estimate");
    }

    private static decimal Round(decimal v) => Math.Round(v, 4);

    public static string Usd(decimal v) => "$" + v.ToString(v < 1 ? "0.0000" : "0.00", CultureInfo.InvariantCulture);

    private static string Hours(decimal h) => h.ToString("0.####", CultureInfo.InvariantCulture) + " h";
}
