using Petal.Seeds;

namespace Petal.Verify;

/// <summary>
/// Outcome A: every must-have passed (compute nodes can use the software: keep the layout). Outcome B: at
/// least one failed (the recommendation says what to change).
/// </summary>
public enum Outcome { A, B }

/// <summary>What running the tests cost: instance-hours of the nodes they used, priced from the plan's prices.</summary>
public sealed record RunCost(double InstanceHours, decimal Dollars, string Basis);

/// <summary>One `petal test` run: the cluster, every phase's checks, the verdict and what to do about it.</summary>
public sealed record TestRun
{
    public required string Cluster { get; init; }
    public required string Provider { get; init; }
    public required SoftwareLayout Layout { get; init; }
    public string? SeedFile { get; init; }
    public required Outcome Outcome { get; init; }
    /// <summary>The decision tree's answer, most important first.</summary>
    public required IReadOnlyList<string> Recommendations { get; init; }
    public required IReadOnlyList<PhaseResult> Phases { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required TimeSpan Duration { get; init; }
    public required RunCost Cost { get; init; }

    public IEnumerable<CheckResult> Checks => Phases.SelectMany(p => p.Checks);
}
