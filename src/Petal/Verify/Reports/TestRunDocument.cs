namespace Petal.Verify.Reports;

/// <summary>
/// The `--output json` shape of a run (serialized snake_case by the CLI): top-level <c>outcome</c> ("A" or
/// "B"), <c>recommendation</c>, <c>phases</c> (summaries) and <c>checks</c> (every check, flat).
/// </summary>
public sealed record TestRunDocument(
    string Cluster, string Provider, string Layout, string? SeedFile, string Outcome, bool MustHavesPassed,
    string Recommendation, IReadOnlyList<string> Recommendations, IReadOnlyList<PhaseDocument> Phases, IReadOnlyList<CheckDocument> Checks,
    DateTimeOffset StartedAt, double DurationSeconds, CostDocument Cost)
{
    public static TestRunDocument From(TestRun run) => new(
        run.Cluster, run.Provider, OutcomeDecider.LayoutName(run.Layout), run.SeedFile, run.Outcome.ToString(), run.Outcome == Verify.Outcome.A,
        run.Recommendations.FirstOrDefault() ?? "", run.Recommendations,
        run.Phases.Select(p => new PhaseDocument(p.Phase, p.Title, Seconds(p.Duration), p.Passed, p.Failed, p.Skipped,
            p.Checks.Select(c => c.Id).ToList())).ToList(),
        run.Checks.Select(c => new CheckDocument(c.Id, c.Phase, c.Area, c.Importance, c.Title,
            new WhereDocument(c.Where.Role, c.Where.Queue, c.Where.Node), c.Verdict, c.Reason, c.Command, c.ExitCode, c.Output,
            Seconds(c.Duration))).ToList(),
        run.StartedAt, Seconds(run.Duration), new CostDocument(run.Cost.InstanceHours, run.Cost.Dollars, run.Cost.Basis));

    private static double Seconds(TimeSpan t) => Math.Round(t.TotalSeconds, 3);
}

public sealed record PhaseDocument(int Phase, string Title, double DurationSeconds, int Passed, int Failed, int Skipped, IReadOnlyList<string> Checks);

public sealed record WhereDocument(NodeRole Role, string? Queue, string? Node);

public sealed record CheckDocument(string Id, int Phase, CheckArea Area, Importance Importance, string Title, WhereDocument Where,
    Verdict Verdict, string Reason, string Command, int? ExitCode, string Output, double DurationSeconds);

public sealed record CostDocument(double InstanceHours, decimal Dollars, string Basis);
