using Petal.Catalog;
using Petal.Pcluster;
using Petal.Seeds;

namespace Petal.Plans;

/// <summary>
/// Prices a plan from the catalog (on-demand, or the spot average for spot queues) and from fixed
/// storage list prices. Storage prices are us-east-1 list prices (2025) used for every region: a
/// planning figure, not a bill (docs/plans.md).
/// </summary>
public static class CostEstimator
{
    public static readonly IReadOnlyDictionary<string, decimal> PerGbMonth = new Dictionary<string, decimal>
    {
        ["ebs-gp3"] = 0.08m, ["ebs-gp2"] = 0.10m, ["ebs-io1"] = 0.125m, ["ebs-io2"] = 0.125m,
        ["ebs-st1"] = 0.045m, ["ebs-sc1"] = 0.015m, ["ebs-standard"] = 0.05m,
        ["efs-standard"] = 0.30m, ["ebs-snapshot"] = 0.05m,
        ["fsx-lustre-scratch1"] = 0.14m, ["fsx-lustre-scratch2"] = 0.14m,
        ["fsx-lustre-persistent1-50"] = 0.145m, ["fsx-lustre-persistent1-100"] = 0.21m, ["fsx-lustre-persistent1-200"] = 0.29m,
        ["fsx-lustre-persistent2-125"] = 0.145m, ["fsx-lustre-persistent2-250"] = 0.21m, ["fsx-lustre-persistent2-500"] = 0.34m,
        ["fsx-lustre-persistent2-1000"] = 0.60m,
    };

    /// <summary>The price kind of a new FSx for Lustre file system: its deployment type, and for PERSISTENT its throughput tier.</summary>
    public static string FsxKind(SharedStorageSpec s) =>
        "fsx-lustre-" + s.EffectiveDeploymentType.ToLowerInvariant().Replace("_", "") + (s.PerUnitStorageThroughput is { } unit ? $"-{unit}" : "");

    /// <summary>What a node of a queue costs per hour: the spot price on spot queues (on-demand when the catalog has none).</summary>
    public static decimal? NodeHourPrice(PriceInfo? price, bool spot) => spot ? price?.SpotAverage ?? price?.OnDemand : price?.OnDemand;

    public static PlanCost Estimate(PlanContext ctx, ICatalog catalog, List<string> warnings)
    {
        var hourly = Hourly(ctx.Seed.Cluster.Region, ctx.Seed.Compute.HeadNode, ctx.Queues, catalog, warnings);
        return new PlanCost(hourly.HeadNodePerHour, hourly.Queues, Storage(ctx))
        {
            Guard = ctx.Seed.Cluster.MaxCostPerHour is { } max ? new CostGuard(max, max - hourly.MaxPerHour) : null,
        };
    }

    /// <summary>
    /// What the seed's cluster costs per hour at most: the head node and every queue the plan renders (fallback queues
    /// included, <see cref="FallbackQueues"/>) at max count; the one pricing the plan and the max_cost_per_hour guard share.
    /// </summary>
    public static PlanCost HourlyBound(Seed seed, ICatalog catalog, List<string> warnings) =>
        Hourly(seed.Cluster.Region, seed.Compute.HeadNode,
            FallbackQueues.Expand(seed.Compute.Queues).Select(q => (q, Pcluster.ComputeResourcePlanner.Plan(q, catalog))).ToList(), catalog, warnings);

    private static PlanCost Hourly(string region, string headNode,
        IReadOnlyList<(QueueSpec Queue, IReadOnlyList<Pcluster.ComputeResourcePlan> Resources)> planned, ICatalog catalog, List<string> warnings)
    {
        decimal? Price(string type, bool spot)
        {
            var p = catalog.Price(region, type);
            if (spot && p?.SpotAverage is { } s) return s;
            if (spot && p?.OnDemand is not null)
                warnings.Add($"no spot price for {type} in {region}; its on-demand price is used");
            if (p?.OnDemand is null) warnings.Add($"no price for {type} in {region}; it is left out of the cost");
            return NodeHourPrice(p, spot);
        }

        var head = Price(headNode, spot: false);
        var queues = planned.Select(q =>
        {
            var spot = q.Queue.Capacity == CapacityType.Spot;
            var resources = q.Resources.Select(r =>
            {
                var priced = r.InstanceTypes.Select(t => (Type: t, Price: Price(t, spot))).ToList();
                var dearest = priced.OrderByDescending(p => p.Price ?? -1).First();
                return new ResourceCost(r.Name, dearest.Type, priced.Any(p => p.Price is null) ? null : dearest.Price, r.MinCount, r.MaxCount);
            }).ToList();
            var known = resources.All(r => r.PricePerHour is not null);
            return new QueueCost(q.Queue.Name, spot ? "spot" : "ondemand",
                known ? resources.Sum(r => r.PricePerHour!.Value * r.MinCount) : null,
                known ? resources.Sum(r => r.PricePerHour!.Value * r.MaxCount) : null,
                resources);
        }).ToList();

        return new PlanCost(head, queues, []);
    }

    private static List<StorageCost> Storage(PlanContext ctx)
    {
        var list = new List<StorageCost> { Sized("head-node-root", "ebs-gp3", ctx.HeadRootGb) };
        foreach (var s in ctx.Seed.SharedStorage)
        {
            if (s.FileSystemId is not null) continue; // an existing file system is not the cluster's cost
            list.Add(s.Type switch
            {
                StorageType.Efs => new StorageCost(s.Name, "efs-standard", null, PerGbMonth["efs-standard"], null),
                StorageType.FsxLustre => Sized(s.Name, FsxKind(s), s.SizeGb ?? PclusterFacts.FsxMinCapacityGiB),
                _ => Sized(s.Name, "ebs-" + (s.VolumeType ?? PclusterFacts.EbsDefaultVolumeType), s.SizeGb ?? PclusterFacts.EbsDefaultSizeGiB),
            });
        }
        if (ctx.Paths.AddsVolumeFor(ctx.Seed))
            list.Add(Sized(Config.ClusterConfigBuilder.SoftwareStorageName, "ebs-gp3", ctx.SoftwareSizeGb));
        if (ctx.Layout is SoftwareLayout.Snapshot)
            list.Add(Sized("software-snapshot", "ebs-snapshot", ctx.SoftwareSizeGb));
        return list;
    }

    private static StorageCost Sized(string name, string kind, int sizeGb)
    {
        var rate = PerGbMonth.GetValueOrDefault(kind, PerGbMonth["ebs-gp3"]);
        return new StorageCost(name, kind, sizeGb, rate, rate * sizeGb);
    }
}
