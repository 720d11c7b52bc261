namespace Petal.Verify;

public enum Verdict { Pass, Fail, Skipped }

/// <summary>The seed document's criteria: a failed must-have makes the run Outcome B; a should-have only warns.</summary>
public enum Importance { Must, Should }

/// <summary>What a check is about; the decision tree picks its recommendation by the areas that failed.</summary>
public enum CheckArea { HeadSoftware, Slurm, ComputeSoftware, Users, Mpi, SharedStorage, S3 }

public enum NodeRole { Head, Compute }

/// <summary>Where a check ran: the head node, or a compute node of a queue (node name once Slurm chose it).</summary>
public sealed record CheckLocation(NodeRole Role, string? Queue = null, string? Node = null)
{
    public static CheckLocation Head { get; } = new(NodeRole.Head);

    public override string ToString() => Role == NodeRole.Head ? "head" : $"{Queue}/{Node ?? "?"}";
}

/// <summary>One check of a workload test, as it ran (or why it did not).</summary>
public sealed record CheckResult
{
    public required string Id { get; init; }
    public required int Phase { get; init; }
    public required CheckArea Area { get; init; }
    public required Importance Importance { get; init; }
    public required string Title { get; init; }
    public required CheckLocation Where { get; init; }
    public required Verdict Verdict { get; init; }
    /// <summary>The bash the check ran; empty when skipped before running anything.</summary>
    public string Command { get; init; } = "";
    public int? ExitCode { get; init; }
    /// <summary>The first lines of what the command printed (stdout then stderr).</summary>
    public string Output { get; init; } = "";
    public TimeSpan Duration { get; init; }
    /// <summary>Why it failed or was skipped; what was seen when it passed.</summary>
    public string Reason { get; init; } = "";

    public static CheckResult Skip(CheckDefinition d, CheckLocation where, string reason) => new()
    {
        Id = d.Id, Phase = d.Phase, Area = d.Area, Importance = d.Importance, Title = d.Title, Where = where,
        Verdict = Verdict.Skipped, Reason = reason,
    };
}

/// <summary>A check before it runs: identity and criteria.</summary>
public sealed record CheckDefinition(string Id, int Phase, CheckArea Area, Importance Importance, string Title);
