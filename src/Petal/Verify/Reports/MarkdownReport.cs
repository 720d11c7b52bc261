using System.Globalization;
using System.Text;

namespace Petal.Verify.Reports;

/// <summary>`--report FILE.md`: the run written up like the seed's results document.</summary>
public static class MarkdownReport
{
    public static string Render(TestRun run)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine($"# Workload test results: {run.Cluster}").AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        md.AppendLine($"| Cluster | {Cell(run.Cluster)} ({run.Provider}) |");
        md.AppendLine($"| Layout | {OutcomeDecider.LayoutName(run.Layout)} |");
        if (run.SeedFile is not null) md.AppendLine($"| Seed | {Cell(run.SeedFile)} |");
        md.AppendLine($"| Started | {run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", inv)} |");
        md.AppendLine($"| Duration | {run.Duration.TotalSeconds.ToString("0.0", inv)} s |");
        md.AppendLine($"| Outcome | **{run.Outcome}** ({(run.Outcome == Outcome.A ? "every must-have passed" : "a must-have failed")}) |");
        md.AppendLine($"| Estimated cost | ${run.Cost.Dollars.ToString("0.0000", inv)} for {run.Cost.InstanceHours.ToString("0.0000", inv)} instance-hours ({Cell(run.Cost.Basis)}) |");
        md.AppendLine();
        md.AppendLine("## Recommendation").AppendLine();
        foreach (var r in run.Recommendations) md.AppendLine($"- {r}");
        md.AppendLine();
        foreach (var p in run.Phases)
        {
            md.AppendLine($"## Phase {p.Phase}: {p.Title}").AppendLine();
            md.AppendLine($"{p.Passed} passed, {p.Failed} failed, {p.Skipped} skipped in {p.Duration.TotalSeconds.ToString("0.0", inv)} s.").AppendLine();
            md.AppendLine("| Check | Criterion | Where | Verdict | Exit | Time | Detail |").AppendLine("|---|---|---|---|---|---|---|");
            foreach (var c in p.Checks)
                md.AppendLine($"| {Cell(c.Title)} (`{c.Id}`) | {(c.Importance == Importance.Must ? "must" : "should")} | {Cell(c.Where.ToString())} | " +
                              $"{Verdicts(c.Verdict)} | {c.ExitCode?.ToString(inv) ?? ""} | {c.Duration.TotalSeconds.ToString("0.00", inv)} s | {Cell(c.Reason)} |");
            md.AppendLine();
            foreach (var c in p.Checks.Where(c => c.Verdict == Verdict.Fail))
            {
                md.AppendLine($"### {c.Id} failed").AppendLine();
                md.AppendLine("```bash").AppendLine(c.Command).AppendLine("```").AppendLine();
                md.AppendLine("```text").AppendLine(c.Output.Replace("```", "'''", StringComparison.Ordinal)).AppendLine("```").AppendLine();
            }
        }
        return md.ToString();
    }

    private static string Verdicts(Verdict v) => v switch { Verdict.Pass => "PASS", Verdict.Fail => "**FAIL**", _ => "skipped" };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
