namespace Petal.Garden.Service;

public sealed record GardenOptions
{
    /// <summary>How long a cluster has to accept an assigned job before it is placed again.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often a replica reads the clusters, subsystems and states other replicas changed in a shared store
    /// (a request naming a cluster it does not know reads them at once).
    /// </summary>
    public TimeSpan Refresh { get; init; } = TimeSpan.FromSeconds(1);
}
