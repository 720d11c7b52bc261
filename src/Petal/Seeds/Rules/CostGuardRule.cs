using System.Globalization;
using Petal.Common;
using Petal.Plans;

namespace Petal.Seeds.Rules;

/// <summary>
/// <c>cluster.max_cost_per_hour</c>: the most the cluster can cost per hour — head node and every queue at max_count, spot
/// queues at the catalog's spot price, fallback queues on-demand — priced by the plan's own <see cref="CostEstimator"/>.
/// </summary>
public sealed class CostGuardRule : SeedRule
{
    public const string Path = "cluster.max_cost_per_hour";

    public override string Id => "COST-GUARD";
    public override string Summary => "The head node and every queue at max_count (spot at the catalog's spot price, fallback queues on-demand) cost at most cluster.max_cost_per_hour; an unknown price warns.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        if (context.Seed.Cluster.MaxCostPerHour is not { } limit || !context.Has(Path)) yield break;
        var warnings = new List<string>();
        var cost = CostEstimator.HourlyBound(context.Seed, context.Catalog, warnings);
        var max = cost.MaxPerHour;
        if (max > limit)
        {
            var dearest = cost.Queues.Where(q => q.MaxPerHour is not null).OrderByDescending(q => q.MaxPerHour).FirstOrDefault();
            yield return Report(context, Path,
                $"the cluster can cost {Usd(max)} USD per hour at max_count, {Usd(max - limit)} over max_cost_per_hour {Usd(limit)}" +
                (dearest is null ? "" : $" (queue '{dearest.Name}' alone: {Usd(dearest.MaxPerHour!.Value)})"),
                "lower max_count, use spot capacity or smaller types, or raise max_cost_per_hour");
        }
        else if (!cost.Complete)
            yield return Report(context, Path,
                $"the catalog has no price for some instance types, so the {Usd(max)} USD per hour checked against max_cost_per_hour leaves them out ({string.Join("; ", warnings.Distinct())})",
                "use instance types the catalog prices in this region, or refresh the catalog", Severity.Warning);
    }

    private static string Usd(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);
}
