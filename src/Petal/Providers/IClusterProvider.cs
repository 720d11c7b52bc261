using Petal.Seeds;

namespace Petal.Providers;

/// <summary>
/// Grows, inspects and tears down clusters from seeds. The local twin implements it today; the AWS
/// provider plugs in behind the same interface so `petal create|status|list|delete` stay provider-neutral.
/// </summary>
public interface IClusterProvider
{
    /// <summary>"local" or "aws": the value of <c>--provider</c>.</summary>
    string Name { get; }

    Task<ClusterStatus> CreateAsync(Seed seed, ClusterCreateRequest request, IProgress<string>? progress, CancellationToken cancellation);

    /// <summary>The cluster's status, or null when no cluster of that name exists.</summary>
    Task<ClusterStatus?> StatusAsync(string name, CancellationToken cancellation);

    IReadOnlyList<ClusterSummary> List();

    /// <summary>Stops and removes everything the cluster consists of. False when there was nothing of that name.</summary>
    Task<bool> DeleteAsync(string name, IProgress<string>? progress, CancellationToken cancellation);
}
