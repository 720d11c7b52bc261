using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;
using Petal.Garden.Matching;

namespace Petal.Garden.Selection;

/// <summary>
/// What a selector chooses from: the clusters that can run <see cref="Job"/> in the caller's cluster
/// order (first-fit takes the first), their state (the service's UpdateState values, else the
/// description's derived state) and a seeded random source.
/// </summary>
public sealed record SelectionContext(
    Jobspec Job,
    IReadOnlyList<ClusterMatch> Candidates,
    Random Random,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? States = null)
{
    public IReadOnlyDictionary<string, double> StateOf(ClusterDescription c) =>
        States is not null && States.TryGetValue(c.Name, out var s) ? s : c.State;
}

/// <summary>The chosen cluster (null when none), the ranked survivors, and why each dropped cluster was dropped.</summary>
public sealed record SelectionResult(
    string? Cluster,
    IReadOnlyList<string> Survivors,
    IReadOnlyDictionary<string, string> Dropped);

public interface ISelector
{
    string Name { get; }
    SelectionResult Select(SelectionContext context);
}
