using Petal.Catalog;
using Petal.Garden.Descriptions;
using Petal.Garden.Values;
using Petal.Providers.Local;

namespace Petal.Garden.Simulation;

/// <summary>
/// Clusters petal grew, found by name: a local twin is described from the seed it was created from (its
/// state.json under &lt;state dir&gt;/local/NAME records the seed file), named as the twin and labelled
/// <c>provider=local</c>.
/// </summary>
public static class GrownClusters
{
    /// <summary>Null when petal has no cluster of that name.</summary>
    public static ClusterDescription? Describe(string name, ICatalog catalog)
    {
        if (!LocalProvider.IsValidName(name) || TwinStateStore.Load(name) is not { } twin) return null;
        if (twin.SeedFile is not { } seed || !File.Exists(seed))
            throw new GardenInputException($"local cluster {name} was created from {twin.SeedFile ?? "a seed held in memory"}, "
                + "which is no longer there: describe a copy of that seed instead (petal garden describe SEED)");
        var labels = new Dictionary<string, string> { ["provider"] = "local" };
        return ClusterFolders.DescribeSeedFile(seed, catalog, labels) with { Name = name };
    }
}
