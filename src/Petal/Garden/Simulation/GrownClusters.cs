using Petal.Catalog;
using Petal.Garden.Descriptions;
using Petal.Garden.Values;
using Petal.Providers;

namespace Petal.Garden.Simulation;

/// <summary>
/// Clusters petal grew, found by name through the <see cref="ClusterRegistry"/>: described from the seed each was
/// created from (petal records it for twins and AWS clusters alike), named as the cluster and labelled with its
/// provider (and region, for a cluster in one).
/// </summary>
public static class GrownClusters
{
    /// <summary>Null when petal has no cluster of that name.</summary>
    public static ClusterDescription? Describe(string name, ICatalog catalog, ClusterRegistry registry) =>
        registry.Find(name) is { } cluster ? Describe(cluster, catalog) : null;

    public static ClusterDescription Describe(ICluster cluster, ICatalog catalog)
    {
        if (cluster.SeedFile is not { } seed || !File.Exists(seed))
            throw new GardenInputException($"{cluster.Provider} cluster {cluster.Name} was created from {cluster.SeedFile ?? "a seed held in memory"}, "
                + "which is no longer there: describe a copy of that seed instead (petal garden describe SEED)");
        var labels = new Dictionary<string, string> { ["provider"] = cluster.Provider };
        return ClusterFolders.DescribeSeedFile(seed, catalog, labels) with { Name = cluster.Name };
    }
}
