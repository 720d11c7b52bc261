using Petal.Garden.Matching;

namespace Petal.Garden.Selection;

/// <summary>Uniformly at random among the candidates, ordered by name first so the input order does not matter.</summary>
public sealed class RandomSelector : ISelector
{
    public string Name => "random";

    public SelectionResult Select(SelectionContext context)
    {
        var names = context.Candidates.Select(c => c.Cluster.Name).Order(StringComparer.Ordinal).ToList();
        return new SelectionResult(names.Count == 0 ? null : names[context.Random.Next(names.Count)], names, new Dictionary<string, string>());
    }
}

/// <summary>The first candidate in the caller's cluster order (registration or folder order).</summary>
public sealed class FirstFitSelector : ISelector
{
    public string Name => "first-fit";

    public SelectionResult Select(SelectionContext context)
    {
        var names = context.Candidates.Select(c => c.Cluster.Name).ToList();
        return new SelectionResult(names.FirstOrDefault(), names, new Dictionary<string, string>());
    }
}

/// <summary>The highest match score (exact before compatible, then the tightest fit), ties by name.</summary>
public sealed class BestFitSelector : ISelector
{
    private static readonly IReadOnlyDictionary<string, string> NoneDropped = new Dictionary<string, string>();

    private static readonly Comparison<ClusterMatch> ByScore = (a, b) =>
        b.Score.CompareTo(a.Score) is var c and not 0 ? c : string.CompareOrdinal(a.Cluster.Name, b.Cluster.Name);

    public string Name => "best-fit";

    public SelectionResult Select(SelectionContext context)
    {
        // Sorted by hand: this runs once per placement, and LINQ's ordering allocates per candidate.
        var ranked = new ClusterMatch[context.Candidates.Count];
        for (var i = 0; i < ranked.Length; i++) ranked[i] = context.Candidates[i];
        Array.Sort(ranked, ByScore);
        var names = new string[ranked.Length];
        for (var i = 0; i < ranked.Length; i++) names[i] = ranked[i].Cluster.Name;
        return new SelectionResult(names.Length > 0 ? names[0] : null, names, NoneDropped);
    }
}

/// <summary>
/// Cheapest run: cost_per_node_hour (catalog on-demand price, or the cluster's state) × the job's
/// nodes × walltime (1 hour when the job gives none). Clusters without a price are dropped.
/// </summary>
public sealed class LeastCostSelector : ISelector
{
    public const string PriceVariable = "cost_per_node_hour";

    public string Name => "least-cost";

    public SelectionResult Select(SelectionContext context)
    {
        var hours = (context.Job.Walltime ?? TimeSpan.FromHours(1)).TotalHours;
        var dropped = new Dictionary<string, string>();
        var priced = new List<(ClusterMatch Match, double Cost)>();
        foreach (var c in context.Candidates)
        {
            if (context.StateOf(c.Cluster).TryGetValue(PriceVariable, out var price))
                priced.Add((c, price * context.Job.Nodes * hours));
            else dropped[c.Cluster.Name] = $"missing variable {PriceVariable}";
        }
        var names = priced.OrderBy(p => p.Cost).ThenByDescending(p => p.Match.Score).ThenBy(p => p.Match.Cluster.Name, StringComparer.Ordinal)
            .Select(p => p.Match.Cluster.Name).ToList();
        return new SelectionResult(names.FirstOrDefault(), names, dropped);
    }
}
