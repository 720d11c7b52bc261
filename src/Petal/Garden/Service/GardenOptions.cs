namespace Petal.Garden.Service;

public sealed record GardenOptions
{
    /// <summary>How long a cluster has to accept an assigned job before it is placed again.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(60);
}
