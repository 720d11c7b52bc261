using Petal.Spot.Selection;

namespace Petal.Spot.Runs;

/// <summary>
/// result.json of one batch (docs/spot.md "Results"). The research notes' §1.7 fields, corrected: the
/// instance types nodes really were, cost from node-hours × each node's price, iterations numbered from 1,
/// reclaims with the first time a node was seen gone.
/// </summary>
public sealed record BatchResult
{
    public required string Name { get; init; }
    public required int Batch { get; init; }
    public required string ClusterName { get; init; }
    public required string Region { get; init; }
    public required string Queue { get; init; }
    public required int Nodes { get; init; }
    public required int Seed { get; init; }
    public required SpotChoice Choose { get; init; }
    public required SpotPriceSource PriceSource { get; init; }
    public required IReadOnlyDictionary<string, string> Vars { get; init; }
    /// <summary>The M types the queue was configured with.</summary>
    public required IReadOnlyList<string> MachineTypes { get; init; }
    public required IReadOnlyList<SpotCandidate> SelectedForRequest { get; init; }
    /// <summary>The N candidates the M were chosen from.</summary>
    public required IReadOnlyList<SpotCandidate> Candidates { get; init; }
    public required IReadOnlyList<NodeRecord> Topology { get; init; }
    public required IReadOnlyList<IterationRecord> Iterations { get; init; }
    public required IReadOnlyList<ReclaimRecord> Reclaims { get; init; }
    /// <summary>Seconds spent in each step of the batch (select, configure_queue, iterations).</summary>
    public required IReadOnlyDictionary<string, double> Times { get; init; }
    public required IReadOnlyList<NodeHours> NodeHours { get; init; }
    /// <summary>Σ node-hours × spot price of the type the node really was.</summary>
    public required decimal Cost { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
}

/// <summary>A node that ran part of the batch, what it really was, and when petal saw it come and go.</summary>
public sealed record NodeRecord(string Name, string InstanceType, string Zone, string Region, DateTimeOffset FirstSeen, DateTimeOffset? GoneAt);

public enum IterationState { Completed, Failed, Killed }

/// <summary>One iteration (numbered from 1), its Slurm job and how it ended.</summary>
public sealed record IterationRecord
{
    public required int Number { get; init; }
    public required string Tag { get; init; }
    public required string JobId { get; init; }
    public required IterationState State { get; init; }
    /// <summary>How many times Slurm requeued the job (a reclaimed node requeues it).</summary>
    public int Requeues { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public double? WallSeconds { get; init; }
    public IReadOnlyList<string> NodeNames { get; init; } = [];
    public string? OutputFile { get; init; }
}

/// <summary>A node reclaimed during the batch: first seen gone, the iteration it hit, and what replaced it.</summary>
public sealed record ReclaimRecord(string Node, string InstanceType, DateTimeOffset SeenGoneAt, int? Iteration, string? ReplacementNode, string? ReplacementType);

/// <summary>Node-hours of one (type, zone) and what they cost at that type's spot price.</summary>
public sealed record NodeHours(string InstanceType, string Zone, double Hours, decimal PricePerHour, decimal Cost);
