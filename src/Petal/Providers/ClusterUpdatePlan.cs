using Petal.Pcluster.Updates;

namespace Petal.Providers;

/// <summary>What `petal update` found for one cluster: every config change, what applying them takes, and notes.</summary>
public sealed record ClusterUpdatePlan(string Name, string Provider, ConfigUpdate Update)
{
    /// <summary>Things the changes do not show (software fingerprint changed, users added...).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
